package org.lwm2m4j.transport;

import java.util.HashMap;
import java.util.Map;

/**
 * Bytes held for peers, counted per peer and in total against two caps: what unfinished
 * block-wise bodies may keep in memory. Taking fails, and changes nothing, when either cap would
 * be passed. Thread-safe; a peer with nothing held is forgotten, so the map holds only peers that
 * hold bytes.
 */
final class BodyBudget {
  /** Which cap a refused {@link #take} would have passed. */
  enum Cap { NONE, PER_PEER, TOTAL }

  private final long perPeer;
  private final long total;
  private final Map<Object, Long> heldByPeer = new HashMap<>();
  private long held;

  BodyBudget(long perPeer, long total) {
    if (perPeer < 1 || total < perPeer) {
      throw new IllegalArgumentException("need 0 < perPeer <= total, got " + perPeer + " and " + total);
    }
    this.perPeer = perPeer;
    this.total = total;
  }

  /** Counts {@code bytes} for {@code peer} unless that passes a cap; says which cap refused, or NONE. */
  synchronized Cap take(Object peer, long bytes) {
    long peerHeld = heldByPeer.getOrDefault(peer, 0L);
    if (peerHeld + bytes > perPeer) {
      return Cap.PER_PEER;
    }
    if (held + bytes > total) {
      return Cap.TOTAL;
    }
    heldByPeer.put(peer, peerHeld + bytes);
    held += bytes;
    return Cap.NONE;
  }

  /** Gives back bytes {@code peer} took; giving back more than it holds is a bug in the caller. */
  synchronized void giveBack(Object peer, long bytes) {
    long peerHeld = heldByPeer.getOrDefault(peer, 0L);
    if (bytes > peerHeld) {
      throw new IllegalStateException(peer + " gives back " + bytes + " bytes but holds " + peerHeld);
    }
    if (peerHeld == bytes) {
      heldByPeer.remove(peer);
    } else {
      heldByPeer.put(peer, peerHeld - bytes);
    }
    held -= bytes;
  }

  synchronized long heldBy(Object peer) {
    return heldByPeer.getOrDefault(peer, 0L);
  }

  synchronized long held() {
    return held;
  }

  /** The cap {@code cap} stands for, in bytes. */
  long limit(Cap cap) {
    return cap == Cap.TOTAL ? total : perPeer;
  }
}
