package org.lwm2m4j.transport;

import java.util.concurrent.CompletableFuture;

/**
 * Serves CoAP requests: a function from request to a future response, in the style of
 * java-coap's services. It may complete on any thread. Throwing, or completing exceptionally,
 * with a {@link org.lwm2m4j.core.error.LwM2mException} answers with that exception's code;
 * anything else answers 5.00.
 */
@FunctionalInterface
public interface CoapHandler {
  CompletableFuture<CoapResponse> handle(CoapRequest request);
}
