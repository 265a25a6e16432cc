package org.lwm2m4j.server.uplink;

import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * One behaviour around every inbound request, in the style of java-coap's filters: it sees the
 * request, may act on it or refuse it (throwing a {@link org.lwm2m4j.core.error.LwM2mException}
 * answers with that code), and passes it on to {@code next}. Filters run on the transport's
 * thread, so they must be quick.
 */
@FunctionalInterface
public interface UplinkFilter {
  CompletableFuture<CoapResponse> filter(CoapRequest request, CoapHandler next);
}
