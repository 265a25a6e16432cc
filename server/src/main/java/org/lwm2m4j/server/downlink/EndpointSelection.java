package org.lwm2m4j.server.downlink;

import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapResponse;

/**
 * The last stage: sends the message on the endpoint the client registered through (plain or DTLS)
 * — the only place the server sends to devices.
 */
final class EndpointSelection implements Exchange {
  private final DownlinkEndpoints endpoints;

  EndpointSelection(DownlinkEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public CompletableFuture<CoapResponse> exchange(DeviceMessage message) {
    CoapEndpoint endpoint = endpoints.endpointFor(message.registration());
    if (message.notifications().isPresent()) {
      return endpoint.observe(message.request(), message.timeout(), message.notifications().get());
    }
    return endpoint.send(message.request(), message.timeout());
  }
}
