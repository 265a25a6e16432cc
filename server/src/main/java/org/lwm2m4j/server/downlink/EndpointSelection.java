package org.lwm2m4j.server.downlink;

import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.error.ErrorResponseException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * The last stage: sends the message on the endpoint the client registered through (plain, DTLS or
 * SMS) — the only place the server sends to devices. A message addressed to an MSISDN goes out on
 * the SMS endpoint whatever the client registered through (the SMS wake-up of a UDP client), and
 * fails at once when the server has none.
 */
final class EndpointSelection implements Exchange {
  private final DownlinkEndpoints endpoints;

  EndpointSelection(DownlinkEndpoints endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public CompletableFuture<CoapResponse> exchange(DeviceMessage message) {
    CoapEndpoint endpoint;
    if (SmsAddress.isSms(message.request().peer())) {
      if (endpoints.sms().isEmpty()) {
        return CompletableFuture.failedFuture(new ErrorResponseException(ResponseCode.SERVICE_UNAVAILABLE,
            message.registration().endpoint() + " is reached by SMS (" + SmsAddress.describe(message.request().peer())
                + ") and this server has no SMS endpoint; start it with an SMSC (--smpp) to reach it"));
      }
      endpoint = endpoints.sms().get();
    } else {
      endpoint = endpoints.endpointFor(message.registration());
    }
    if (message.notifications().isPresent()) {
      return endpoint.observe(message.request(), message.timeout(), message.notifications().get());
    }
    return endpoint.send(message.request(), message.timeout());
  }
}
