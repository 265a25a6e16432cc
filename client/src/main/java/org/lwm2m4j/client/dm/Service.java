package org.lwm2m4j.client.dm;

import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The end of an inbound chain: a request of type {@code Q} in, a future CoAP response out, in the
 * style of java-coap's services. Synchronous steps return a completed future.
 */
@FunctionalInterface
interface Service<Q> {
  CompletableFuture<CoapResponse> handle(Q request);
}
