package org.lwm2m4j.server.downlink;

import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.transport.CoapResponse;

/** The wire end of the chain: a CoAP message to a device in, its CoAP answer (any code) out. */
@FunctionalInterface
public interface Exchange {
  CompletableFuture<CoapResponse> exchange(DeviceMessage message);
}
