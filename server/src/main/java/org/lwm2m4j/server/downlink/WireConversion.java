package org.lwm2m4j.server.downlink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.server.registration.Channel;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.sms.SmsNetwork;

/**
 * The conversion step of the chain: builds a request's CoAP message for its registration, hands it
 * to the {@link Exchange} below, turns an error answer into the typed exception of its code (with
 * the device's diagnostic) and a success answer into the request's result. A request to a client
 * reached by SMS waits at least {@link #SMS_EXCHANGE}.
 */
final class WireConversion implements Downlink {
  /**
   * The shortest wait for an answer by SMS: CoAP's MAX_TRANSMIT_WAIT with {@link
   * SmsNetwork#COAP_SETTINGS} (ACK timeout 30 s, 2 retransmissions: 315 s), so that a lost SMS is
   * sent again before the request gives up; the device API's default timeouts are made for UDP.
   */
  static final Duration SMS_EXCHANGE = SmsNetwork.COAP_SETTINGS.maxTransmitWait();

  private final Exchange wire;

  WireConversion(Exchange wire) {
    this.wire = wire;
  }

  @Override
  public <T> CompletableFuture<T> send(DeviceRequest<T> request) {
    Registration registration = request.registration();
    DeviceMessage message;
    try {
      Duration timeout = registration.channel() == Channel.SMS && request.timeout().compareTo(SMS_EXCHANGE) < 0
          ? SMS_EXCHANGE : request.timeout();
      message = new DeviceMessage(registration, request.message().apply(registration), timeout, request.notifications());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return wire.exchange(message).thenApply(response -> request.answer().apply(registration, requireSuccess(response)));
  }

  /** The response if it is a success; else the exception for its code, with the device's diagnostic. */
  static CoapResponse requireSuccess(CoapResponse response) {
    if (response.code().isSuccess()) {
      return response;
    }
    String diagnostic = new String(response.payload(), StandardCharsets.UTF_8);
    throw LwM2mException.forCode(response.code(), diagnostic.isEmpty() ? "the client answered " + response.code() : diagnostic);
  }
}
