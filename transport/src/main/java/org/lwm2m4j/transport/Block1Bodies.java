package org.lwm2m4j.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.lwm2m4j.core.error.ResponseCode;

/**
 * Request bodies being received block by block (RFC 7959 Block1), keyed by peer, method and URI.
 * A body is the list of the block payloads received so far, so it grows with the data and not
 * with what a peer announces; every byte it holds, plus {@link InboundLimits#TRANSFER_OVERHEAD}
 * for its first block's options and bookkeeping, is counted in a {@link BodyBudget} and given back
 * when the body completes, is refused or is dropped for idling.
 *
 * <p>Blocks must come in order (the next block starts where the received bytes end), every block
 * but the last must fill its size, and the body must stay within {@code maxBodySize} and within
 * a Size1 the peer declared; anything else ends the body with the outcome to answer. What a body
 * keeps from its first block (the "head", for instance its options) is the caller's type {@code
 * H}. Thread-safe.
 */
final class Block1Bodies<H> {
  /** One received block as its Block1 and Size1 options and Content-Format describe it. */
  record Block(int offset, int size, boolean more, OptionalLong declaredSize, int contentFormat) { }

  /** What to answer a block with. */
  sealed interface Outcome<H> permits Continue, Complete, Refused { }

  /** The block was kept: answer 2.31 Continue and wait for the next one. */
  record Continue<H>() implements Outcome<H> { }

  /**
   * The last block arrived and nothing is held for the body any more; {@link #body()} joins the
   * blocks, outside any lock, as it may copy megabytes.
   */
  static final class Complete<H> implements Outcome<H> {
    private final H head;
    private final List<byte[]> blocks;
    private final int length;

    Complete(H head, List<byte[]> blocks, int length) {
      this.head = head;
      this.blocks = blocks;
      this.length = length;
    }

    H head() {
      return head;
    }

    /** The whole body; call it once. */
    byte[] body() {
      if (blocks.size() == 1 && blocks.get(0).length == length) {
        return blocks.get(0);
      }
      byte[] whole = new byte[length];
      int at = 0;
      for (byte[] block : blocks) {
        System.arraycopy(block, 0, whole, at, block.length);
        at += block.length;
      }
      return whole;
    }
  }

  /** The body is dropped: answer {@code code} with {@code reason}, and Size1 when present. */
  record Refused<H>(ResponseCode code, String reason, OptionalLong size1) implements Outcome<H> { }

  private final BodyBudget budget;
  private final int maxBodySize;
  private final long idleNanos;
  private final LongSupplier nanoClock;
  private final Map<Object, Body<H>> bodies = new HashMap<>();

  Block1Bodies(BodyBudget budget, int maxBodySize, Duration idleTimeout, LongSupplier nanoClock) {
    this.budget = budget;
    this.maxBodySize = maxBodySize;
    this.idleNanos = idleTimeout.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Takes one block of the body {@code key} from {@code peer}; {@code head} is asked for once, on
   * the first block. The payload array is kept, not copied: the caller must not change it.
   */
  synchronized Outcome<H> receive(Object key, Object peer, Block block, byte[] payload, Supplier<H> head) {
    if (block.more() ? payload.length != block.size() : payload.length > block.size()) {
      drop(key);
      return badRequest(block.more()
          ? "a block with more to follow must carry its full size: " + payload.length + " bytes in a block of " + block.size()
          : "the last block carries " + payload.length + " bytes, more than its block size " + block.size());
    }
    if (block.declaredSize().isPresent() && block.declaredSize().getAsLong() > maxBodySize) {
      drop(key);
      return tooLarge("the declared body of " + block.declaredSize().getAsLong() + " bytes (Size1) is larger than the "
          + maxBodySize + " bytes accepted", maxBodySize);
    }
    if (block.offset() == 0) {
      drop(key);
      return first(key, peer, block, payload, head);
    }
    Body<H> body = bodies.get(key);
    if (body == null) {
      return incomplete("no body is being received for the block at offset " + block.offset() + ": start with block 0");
    }
    Outcome<H> outcome = next(body, peer, block, payload);
    if (!(outcome instanceof Continue)) {
      drop(key);
    }
    return outcome;
  }

  /** A later block of {@code body}: refused (the caller drops the body), kept, or the last. */
  private Outcome<H> next(Body<H> body, Object peer, Block block, byte[] payload) {
    if (block.offset() != body.received) {
      return incomplete("expected the block at offset " + body.received + ", got offset " + block.offset());
    }
    if (block.contentFormat() != body.contentFormat) {
      return incomplete("the Content-Format changed from " + body.contentFormat + " to " + block.contentFormat()
          + " within the body");
    }
    OptionalLong declared = block.declaredSize().isPresent() ? block.declaredSize() : body.declaredSize;
    long total = (long) body.received + payload.length;
    if (declared.isPresent() && total > declared.getAsLong()) {
      return exceedsDeclared(declared.getAsLong());
    }
    if (total > maxBodySize) {
      return tooLarge("the body passes the " + maxBodySize + " bytes accepted", maxBodySize);
    }
    BodyBudget.Cap refusedBy = budget.take(peer, payload.length);
    if (refusedBy != BodyBudget.Cap.NONE) {
      return overBudget(refusedBy);
    }
    body.add(payload, nanoClock.getAsLong());
    body.declaredSize = declared;
    // The last block: the caller drops the body, which gives its bytes back.
    return block.more() ? new Continue<>() : new Complete<>(body.head, body.blocks, body.received);
  }

  private Outcome<H> first(Object key, Object peer, Block block, byte[] payload, Supplier<H> head) {
    if (block.declaredSize().isPresent() && payload.length > block.declaredSize().getAsLong()) {
      return exceedsDeclared(block.declaredSize().getAsLong());
    }
    if (!block.more()) {
      // A whole body in one block: nothing to keep.
      return new Complete<>(head.get(), List.of(payload), payload.length);
    }
    long charge = (long) InboundLimits.TRANSFER_OVERHEAD + payload.length;
    BodyBudget.Cap refusedBy = budget.take(peer, charge);
    if (refusedBy != BodyBudget.Cap.NONE) {
      return overBudget(refusedBy);
    }
    Body<H> body = new Body<>(peer, head.get(), block.contentFormat(), block.declaredSize());
    body.charged = InboundLimits.TRANSFER_OVERHEAD;
    body.add(payload, nanoClock.getAsLong());
    bodies.put(key, body);
    return new Continue<>();
  }

  /** Drops the bodies that waited longer than the idle timeout for their next block; returns how many. */
  synchronized int dropIdle() {
    long now = nanoClock.getAsLong();
    int dropped = 0;
    for (Iterator<Body<H>> it = bodies.values().iterator(); it.hasNext(); ) {
      Body<H> body = it.next();
      if (now - body.lastBlockNanos > idleNanos) {
        it.remove();
        budget.giveBack(body.peer, body.charged);
        dropped++;
      }
    }
    return dropped;
  }

  /** Drops every body. */
  synchronized void clear() {
    for (Body<H> body : bodies.values()) {
      budget.giveBack(body.peer, body.charged);
    }
    bodies.clear();
  }

  /** How many bodies are being received. */
  synchronized int inProgress() {
    return bodies.size();
  }

  /** The bytes held for unfinished bodies, overhead included. */
  long heldBytes() {
    return budget.held();
  }

  private void drop(Object key) {
    Body<H> body = bodies.remove(key);
    if (body != null) {
      budget.giveBack(body.peer, body.charged);
    }
  }

  private Refused<H> overBudget(BodyBudget.Cap cap) {
    long limit = budget.limit(cap);
    String whose = cap == BodyBudget.Cap.TOTAL ? "all peers together" : "one peer";
    return tooLarge("unfinished bodies would hold more than the " + limit + " bytes allowed for " + whose, limit);
  }

  private static <H> Refused<H> exceedsDeclared(long declared) {
    return badRequest("the body is larger than its declared size of " + declared + " bytes (Size1)");
  }

  private static <H> Refused<H> tooLarge(String reason, long limit) {
    return new Refused<>(ResponseCode.REQUEST_ENTITY_TOO_LARGE, reason, OptionalLong.of(limit));
  }

  private static <H> Refused<H> badRequest(String reason) {
    return new Refused<>(ResponseCode.BAD_REQUEST, reason, OptionalLong.empty());
  }

  private static <H> Refused<H> incomplete(String reason) {
    return new Refused<>(ResponseCode.REQUEST_ENTITY_INCOMPLETE, reason, OptionalLong.empty());
  }

  /** One body being received; guarded by the enclosing instance's lock. */
  private static final class Body<H> {
    final Object peer;
    final H head;
    final int contentFormat;
    final List<byte[]> blocks = new ArrayList<>();
    OptionalLong declaredSize;
    int received;
    long charged;
    long lastBlockNanos;

    Body(Object peer, H head, int contentFormat, OptionalLong declaredSize) {
      this.peer = peer;
      this.head = head;
      this.contentFormat = contentFormat;
      this.declaredSize = declaredSize;
    }

    void add(byte[] payload, long nanos) {
      blocks.add(payload);
      received += payload.length;
      charged += payload.length;
      lastBlockNanos = nanos;
    }
  }
}
