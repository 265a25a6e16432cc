package org.lwm2m4j.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How much state peers — including strangers that never authenticate — can make an endpoint
 * keep: the bytes of block-wise (RFC 7959 Block1) request bodies still being received, per peer
 * and in total, how long such a body may wait for its next block, and how many received messages
 * are remembered to recognise retransmissions (RFC 7252 §4.5), per peer and in total.
 *
 * <p>A peer is one source address and port (one DTLS identity over DTLS). A block past a byte cap
 * is refused with 4.13 Request Entity Too Large and Size1 = that cap, and its body is dropped. The
 * body bytes count what is received, not what a peer announces with Size1, so holding the caps
 * takes sending that many bytes. Past a message cap the oldest remembered message is forgotten:
 * memory stays bounded under a flood, at the price of a late retransmission of a forgotten
 * message being handled twice.
 *
 * <p>The defaults hold one 16 MiB firmware package per peer with room to spare and at most
 * 64 MiB of partial bodies, and remember up to 50,000 messages (about 2 KB each once answered).
 * On UDP, a request answered with a piggybacked response is remembered by its answer's bytes
 * instead (about 150 B), up to {@link #ANSWERS_PER_REMEMBERED_MESSAGE} times the message cap.
 * Immutable.
 *
 * @param bodyBytesPerPeer the bytes one peer's unfinished bodies may hold, counting {@link
 *     #TRANSFER_OVERHEAD} per body; at least {@code maxBodySize + TRANSFER_OVERHEAD} (checked by
 *     {@link CoapSettings})
 * @param bodyBytesTotal the bytes all unfinished bodies may hold together
 * @param transferIdleTimeout how long an unfinished body waits for its next block before it is
 *     dropped; peers retransmit a block for up to MAX_TRANSMIT_WAIT (93 s with RFC 7252's
 *     defaults), so shorter values cut slow but live transfers
 * @param rememberedMessagesPerPeer how many of one peer's messages are remembered for deduplication
 * @param rememberedMessagesTotal how many messages are remembered for deduplication in total
 */
public record InboundLimits(long bodyBytesPerPeer, long bodyBytesTotal, Duration transferIdleTimeout,
    int rememberedMessagesPerPeer, int rememberedMessagesTotal) {

  /**
   * What each unfinished body is charged beyond its own bytes: the options of its first block
   * (one datagram, at most 2 KiB) and its bookkeeping, rounded up.
   */
  public static final int TRANSFER_OVERHEAD = 3 * 1024;

  /** How many piggybacked answers a UDP endpoint keeps for each message it may remember whole. */
  public static final int ANSWERS_PER_REMEMBERED_MESSAGE = 4;

  /** 32 MiB per peer, 64 MiB in total, 2 minutes idle; 64 messages per peer, 50,000 in total. */
  public static final InboundLimits DEFAULTS =
      new InboundLimits(32L << 20, 64L << 20, Duration.ofMinutes(2), 64, 50_000);

  public InboundLimits {
    Objects.requireNonNull(transferIdleTimeout, "transferIdleTimeout");
    if (bodyBytesPerPeer < 1 || bodyBytesTotal < bodyBytesPerPeer) {
      throw new IllegalArgumentException("body bytes need 0 < bodyBytesPerPeer <= bodyBytesTotal, got "
          + bodyBytesPerPeer + " per peer and " + bodyBytesTotal + " in total");
    }
    if (transferIdleTimeout.isNegative() || transferIdleTimeout.isZero()) {
      throw new IllegalArgumentException("transferIdleTimeout must be positive, got " + transferIdleTimeout);
    }
    if (rememberedMessagesPerPeer < 1 || rememberedMessagesTotal < rememberedMessagesPerPeer) {
      throw new IllegalArgumentException("remembered messages need 0 < rememberedMessagesPerPeer <= "
          + "rememberedMessagesTotal, got " + rememberedMessagesPerPeer + " per peer and " + rememberedMessagesTotal
          + " in total");
    }
  }

  /** These limits with other caps on the bytes of unfinished bodies. */
  public InboundLimits withBodyBytes(long perPeer, long total) {
    return new InboundLimits(perPeer, total, transferIdleTimeout, rememberedMessagesPerPeer, rememberedMessagesTotal);
  }

  /** These limits with another wait for an unfinished body's next block. */
  public InboundLimits withTransferIdleTimeout(Duration timeout) {
    return new InboundLimits(bodyBytesPerPeer, bodyBytesTotal, timeout, rememberedMessagesPerPeer, rememberedMessagesTotal);
  }

  /** These limits with other caps on the messages remembered for deduplication. */
  public InboundLimits withRememberedMessages(int perPeer, int total) {
    return new InboundLimits(bodyBytesPerPeer, bodyBytesTotal, transferIdleTimeout, perPeer, total);
  }
}
