package org.lwm2m4j.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The CoAP message-layer settings users may change, in our own names (RFC 7252 §4.8 defaults:
 * ACK_TIMEOUT 2 s, MAX_RETRANSMIT 4), the largest body a block-wise transfer may assemble
 * (default 16 MiB, so firmware packages fit) and how much state peers may make the endpoint keep
 * ({@link InboundLimits}), and whether responses and notifications over plain UDP are matched by
 * token alone ({@link #relaxedResponseMatching()}), and whether the endpoints made with them run on
 * threads of their own or on an executor the caller shares between many ({@link #sharedExecutor()}).
 * Californium's properties never reach users.
 */
public record CoapSettings(Duration ackTimeout, int maxRetransmit, int maxBodySize, InboundLimits inbound,
    boolean relaxedResponseMatching, Optional<ScheduledExecutorService> sharedExecutor) {
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

  /** Settings that match responses and notifications by token and source address (the default). */
  public CoapSettings(Duration ackTimeout, int maxRetransmit, int maxBodySize, InboundLimits inbound) {
    this(ackTimeout, maxRetransmit, maxBodySize, inbound, false);
  }

  /** Settings whose endpoints each run on threads of their own (the default). */
  public CoapSettings(Duration ackTimeout, int maxRetransmit, int maxBodySize, InboundLimits inbound,
      boolean relaxedResponseMatching) {
    this(ackTimeout, maxRetransmit, maxBodySize, inbound, relaxedResponseMatching, Optional.empty());
  }

  /** These settings with {@code bytes} as the largest block-wise body. */
  public CoapSettings withMaxBodySize(int bytes) {
    return new CoapSettings(ackTimeout, maxRetransmit, bytes, inbound, relaxedResponseMatching, sharedExecutor);
  }

  /** These settings with other limits on the state peers may make the endpoint keep. */
  public CoapSettings withInbound(InboundLimits limits) {
    return new CoapSettings(ackTimeout, maxRetransmit, maxBodySize, limits, relaxedResponseMatching, sharedExecutor);
  }

  /**
   * These settings with responses and notifications over plain UDP matched by their token alone,
   * whatever address they come from: what a server behind a UDP load balancer needs, where a
   * device reaches another node, from the balancer's new session address, once the node it talked
   * to has gone, and that node's observations, taken up by the new one, must still be heard. The
   * cost is that anyone who learns a token can answer in the device's place; tokens are 8 random
   * bytes. DTLS endpoints match by the peer's authenticated identity either way.
   */
  public CoapSettings withRelaxedResponseMatching() {
    return new CoapSettings(ackTimeout, maxRetransmit, maxBodySize, inbound, true, sharedExecutor);
  }

  /**
   * These settings with every endpoint made from them running its message layer, timers and DTLS
   * work (handshakes, record encryption, retransmissions) on {@code executor} instead of thread
   * pools of its own: what a process with thousands of endpoints needs (a fleet simulator gives each
   * DTLS device a socket of its own). Such an endpoint keeps only the threads that block on its
   * socket: one receiver for DTLS, a receiver and a sender for plain UDP. The executor stays the
   * caller's: closing an endpoint never shuts it down. A few threads serve thousands of endpoints,
   * since none of their tasks blocks.
   */
  public CoapSettings withSharedExecutor(ScheduledExecutorService executor) {
    return new CoapSettings(ackTimeout, maxRetransmit, maxBodySize, inbound, relaxedResponseMatching,
        Optional.of(Objects.requireNonNull(executor, "executor")));
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
    Objects.requireNonNull(sharedExecutor, "sharedExecutor");
    if (inbound.bodyBytesPerPeer() < (long) maxBodySize + InboundLimits.TRANSFER_OVERHEAD) {
      throw new IllegalArgumentException("inbound.bodyBytesPerPeer (" + inbound.bodyBytesPerPeer()
          + ") must hold one body of maxBodySize (" + maxBodySize + ") plus " + InboundLimits.TRANSFER_OVERHEAD
          + " bytes of overhead: raise it or lower maxBodySize");
    }
  }
}
