package org.lwm2m4j.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;

/**
 * A response: code, optional Content-Format, Location-Path segments, payload and, on a received
 * Observe response or notification, its Observe option (the RFC 7641 sequence number). Error
 * responses carry their message as a diagnostic payload (text/plain), as RFC 7252 §5.5.2 allows.
 * On responses this endpoint sends, {@code observe} is ignored: the transport numbers notifications.
 *
 * <p>{@code source} is the address a received response or notification came from, as this endpoint
 * saw it (behind a UDP load balancer, the balancer's socket for that device); empty on responses built
 * here and on answers relayed from another node. It is not part of what is sent.
 */
public record CoapResponse(ResponseCode code, OptionalInt contentFormat, List<String> locationPath, byte[] payload,
    OptionalInt observe, Optional<InetSocketAddress> source) {
  public CoapResponse {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(contentFormat, "contentFormat");
    locationPath = List.copyOf(locationPath);
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(observe, "observe");
    Objects.requireNonNull(source, "source");
  }

  /** A response with its Observe option, received from no known address or built here. */
  public CoapResponse(ResponseCode code, OptionalInt contentFormat, List<String> locationPath, byte[] payload,
      OptionalInt observe) {
    this(code, contentFormat, locationPath, payload, observe, Optional.empty());
  }

  /** A response without Observe option. */
  public CoapResponse(ResponseCode code, OptionalInt contentFormat, List<String> locationPath, byte[] payload) {
    this(code, contentFormat, locationPath, payload, OptionalInt.empty());
  }

  /** A response with no payload. */
  public static CoapResponse of(ResponseCode code) {
    return new CoapResponse(code, OptionalInt.empty(), List.of(), new byte[0]);
  }

  /** 2.01 Created with a Location-Path. */
  public static CoapResponse created(List<String> locationPath) {
    return new CoapResponse(ResponseCode.CREATED, OptionalInt.empty(), locationPath, new byte[0]);
  }

  /** The error response for {@code failure}: its code, its message as diagnostic payload. */
  public static CoapResponse error(LwM2mException failure) {
    byte[] message = String.valueOf(failure.getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return new CoapResponse(failure.code(), OptionalInt.empty(), List.of(), message);
  }

  /** This response carrying Observe option {@code value} (0 to 2^24 − 1). */
  public CoapResponse withObserve(int value) {
    if (value < 0 || value > 0xFF_FFFF) {
      throw new IllegalArgumentException("an Observe value has 24 bits, got " + value);
    }
    return new CoapResponse(code, contentFormat, locationPath, payload, OptionalInt.of(value), source);
  }

  /** This response as received from {@code from}. */
  public CoapResponse from(InetSocketAddress from) {
    return new CoapResponse(code, contentFormat, locationPath, payload, observe, Optional.of(from));
  }
}
