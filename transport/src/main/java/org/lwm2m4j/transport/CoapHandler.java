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

  /**
   * Serves a GET or FETCH carrying Observe = 0. The relation becomes active only if the returned
   * response is a success; from then on the handler pushes notifications through {@code relation}
   * until it is cancelled. Handlers that do not support Observe answer as for a plain request, and
   * the relation then never becomes active.
   */
  default CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
    return handle(request);
  }
}
