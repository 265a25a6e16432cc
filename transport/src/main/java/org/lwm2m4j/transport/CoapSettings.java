package org.lwm2m4j.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The CoAP message-layer settings users may change, in our own names (RFC 7252 §4.8 defaults:
 * ACK_TIMEOUT 2 s, MAX_RETRANSMIT 4). Californium's properties never reach users.
 */
public record CoapSettings(Duration ackTimeout, int maxRetransmit) {
  public static final CoapSettings DEFAULTS = new CoapSettings(Duration.ofSeconds(2), 4);

  public CoapSettings {
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new IllegalArgumentException("ackTimeout must be positive");
    }
    if (maxRetransmit < 1 || maxRetransmit > 20) {
      throw new IllegalArgumentException("maxRetransmit must be 1..20, got " + maxRetransmit);
    }
  }
}
