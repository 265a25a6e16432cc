package org.lwm2m4j.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The CoAP message-layer settings users may change, in our own names (RFC 7252 §4.8 defaults:
 * ACK_TIMEOUT 2 s, MAX_RETRANSMIT 4), the largest body a block-wise transfer may assemble
 * (default 16 MiB, so firmware packages fit) and how much state peers may make the endpoint keep
 * ({@link InboundLimits}). Californium's properties never reach users.
 */
public record CoapSettings(Duration ackTimeout, int maxRetransmit, int maxBodySize, InboundLimits inbound) {
  /** The default largest block-wise body: 16 MiB. */
  public static final int DEFAULT_MAX_BODY_SIZE = 16 * 1024 * 1024;

  public static final CoapSettings DEFAULTS = new CoapSettings(Duration.ofSeconds(2), 4);

  /** Settings with the default largest body and inbound limits. */
  public CoapSettings(Duration ackTimeout, int maxRetransmit) {
    this(ackTimeout, maxRetransmit, DEFAULT_MAX_BODY_SIZE);
  }

  /** Settings with the default inbound limits. */
  public CoapSettings(Duration ackTimeout, int maxRetransmit, int maxBodySize) {
    this(ackTimeout, maxRetransmit, maxBodySize, InboundLimits.DEFAULTS);
  }

  /** These settings with {@code bytes} as the largest block-wise body. */
  public CoapSettings withMaxBodySize(int bytes) {
    return new CoapSettings(ackTimeout, maxRetransmit, bytes, inbound);
  }

  /** These settings with other limits on the state peers may make the endpoint keep. */
  public CoapSettings withInbound(InboundLimits limits) {
    return new CoapSettings(ackTimeout, maxRetransmit, maxBodySize, limits);
  }

  /**
   * MAX_TRANSMIT_WAIT of RFC 7252 §4.8.2 with these settings: ACK_TIMEOUT × (2^(MAX_RETRANSMIT + 1) − 1)
   * × ACK_RANDOM_FACTOR (1.5), the longest a confirmable message may wait for its acknowledgement
   * (93 s with the defaults).
   */
  public Duration maxTransmitWait() {
    return ackTimeout.multipliedBy(((1L << (maxRetransmit + 1)) - 1) * 3).dividedBy(2);
  }

  public CoapSettings {
    if (maxBodySize < 1024) {
      throw new IllegalArgumentException("maxBodySize must be at least 1024 bytes, got " + maxBodySize);
    }
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    if (ackTimeout.isNegative() || ackTimeout.isZero()) {
      throw new IllegalArgumentException("ackTimeout must be positive");
    }
    if (maxRetransmit < 1 || maxRetransmit > 20) {
      throw new IllegalArgumentException("maxRetransmit must be 1..20, got " + maxRetransmit);
    }
    Objects.requireNonNull(inbound, "inbound");
    if (inbound.bodyBytesPerPeer() < (long) maxBodySize + InboundLimits.TRANSFER_OVERHEAD) {
      throw new IllegalArgumentException("inbound.bodyBytesPerPeer (" + inbound.bodyBytesPerPeer()
          + ") must hold one body of maxBodySize (" + maxBodySize + ") plus " + InboundLimits.TRANSFER_OVERHEAD
          + " bytes of overhead: raise it or lower maxBodySize");
    }
  }
}
