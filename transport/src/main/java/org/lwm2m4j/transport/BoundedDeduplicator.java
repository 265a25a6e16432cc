package org.lwm2m4j.transport;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.KeyMID;
import org.eclipse.californium.core.network.deduplication.Deduplicator;

/**
 * The messages received in the last EXCHANGE_LIFETIME, by message id and peer, so that a
 * retransmission is answered again instead of handled again (RFC 7252 §4.5) — with a cap per peer
 * and a cap in total, which Californium's deduplicators lack: its mark-and-sweep keeps every
 * message for the whole lifetime (247 s), so a flood of requests from many source ports kept
 * about 4 KB each (request, response, exchange) and took the heap to gigabytes for minutes; its
 * per-peer variant bounds each peer but not the number of peers.
 *
 * <p>Past a cap the oldest message (of that peer, or of all) is forgotten. Peers send a new
 * confirmable message only after the previous one was acknowledged (NSTART = 1), so a forgotten
 * message is very unlikely to be retransmitted; if it is, it is handled twice, which the cap
 * trades for bounded memory under a flood. Thread-safe; the lock is held for a few map
 * operations. Expired messages are swept on the executor Californium provides.
 */
final class BoundedDeduplicator implements Deduplicator {
  private record Entry(Exchange exchange, long nanos) { }

  /**
   * A message id and its peer, hashed so that neighbouring peers do not collide: KeyMID's own hash
   * ({@code 31 * mid + peer.hashCode()}) gives devices on consecutive addresses or ports the same
   * few hash values, and every lookup then walked a long bin (the notification path's largest cost
   * with 10,000 devices).
   */
  private record Id(KeyMID key, int hash) {
    Id(KeyMID key) {
      this(key, BoundedDeduplicator.hash(key));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Id other && hash == other.hash && key.equals(other.key);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final int perPeer;
  private final int total;
  private final long lifetimeNanos;
  private final long sweepMillis;
  private final boolean replaceOtherOrigin;
  private final LongSupplier nanoClock;
  /** In the order received: the first entry is the oldest. */
  private final LinkedHashMap<Id, Entry> entries = new LinkedHashMap<>();
  /** Each peer's keys in the order received. */
  private final Map<Object, ArrayDeque<Id>> byPeer = new HashMap<>();
  private long forgottenEarly;
  private ScheduledExecutorService executor;
  private ScheduledFuture<?> sweep;

  /**
   * @param lifetimeMillis how long a message is remembered (EXCHANGE_LIFETIME)
   * @param sweepMillis how often expired messages are looked for
   * @param replaceOtherOrigin whether a message matching one of the other origin replaces it
   *     (Californium's DEDUPLICATOR_AUTO_REPLACE: address changes make such clashes)
   */
  BoundedDeduplicator(int perPeer, int total, long lifetimeMillis, long sweepMillis, boolean replaceOtherOrigin,
      LongSupplier nanoClock) {
    if (perPeer < 1 || total < perPeer) {
      throw new IllegalArgumentException("need 0 < perPeer <= total, got " + perPeer + " and " + total);
    }
    this.perPeer = perPeer;
    this.total = total;
    this.lifetimeNanos = TimeUnit.MILLISECONDS.toNanos(lifetimeMillis);
    this.sweepMillis = sweepMillis;
    this.replaceOtherOrigin = replaceOtherOrigin;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized void setExecutor(ScheduledExecutorService executor) {
    if (sweep != null) {
      throw new IllegalStateException("the executor cannot change while sweeping");
    }
    this.executor = executor;
  }

  @Override
  public synchronized void start() {
    if (sweep == null && executor != null) {
      sweep = executor.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public synchronized void stop() {
    if (sweep != null) {
      sweep.cancel(false);
      sweep = null;
    }
    clear();
  }

  @Override
  public Exchange findPrevious(KeyMID key, Exchange exchange) {
    return findPrevious(new Id(key), exchange);
  }

  private synchronized Exchange findPrevious(Id key, Exchange exchange) {
    Entry previous = entries.get(key);
    if (previous == null) {
      add(key, exchange);
      return null;
    }
    if (replaceOtherOrigin && previous.exchange().getOrigin() != exchange.getOrigin()) {
      remove(key);
      add(key, exchange);
      return null;
    }
    return previous.exchange();
  }

  @Override
  public boolean replacePrevious(KeyMID key, Exchange previous, Exchange exchange) {
    return replacePrevious(new Id(key), previous, exchange);
  }

  private synchronized boolean replacePrevious(Id key, Exchange previous, Exchange exchange) {
    Entry current = entries.get(key);
    if (current != null && current.exchange() != previous) {
      return false;
    }
    if (current != null) {
      remove(key);
    }
    add(key, exchange);
    return true;
  }

  @Override
  public Exchange find(KeyMID key) {
    Id id = new Id(key);
    synchronized (this) {
      Entry entry = entries.get(id);
      return entry == null ? null : entry.exchange();
    }
  }

  /**
   * Forgets the message {@code key} now: its piggybacked answer is remembered elsewhere ({@link
   * AnsweredRequestsConnector}), which answers a retransmission without the exchange.
   */
  void forget(KeyMID key) {
    Id id = new Id(key);
    synchronized (this) {
      if (entries.containsKey(id)) {
        remove(id);
      }
    }
  }

  /** The hash of {@code key} in this deduplicator: the peer's hash mixed, then the message id. */
  static int hash(KeyMID key) {
    return Integer.rotateLeft(key.getPeer().hashCode() * 0x9E3779B9, 16) ^ key.getMID();
  }

  @Override
  public synchronized boolean isEmpty() {
    return entries.isEmpty();
  }

  @Override
  public synchronized int size() {
    return entries.size();
  }

  /** How many messages were forgotten before their lifetime because a cap was reached. */
  synchronized long forgottenEarly() {
    return forgottenEarly;
  }

  @Override
  public synchronized void clear() {
    entries.clear();
    byPeer.clear();
  }

  /** Forgets the messages older than the lifetime; they are at the front, in the order received. */
  synchronized void sweep() {
    long oldestKept = nanoClock.getAsLong() - lifetimeNanos;
    for (Iterator<Map.Entry<Id, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Id, Entry> oldest = it.next();
      if (oldest.getValue().nanos() - oldestKept >= 0) {
        return;
      }
      it.remove();
      forgetForPeer(oldest.getKey());
    }
  }

  private void add(Id key, Exchange exchange) {
    ArrayDeque<Id> peerKeys = byPeer.get(key.key().getPeer());
    if (peerKeys != null && peerKeys.size() >= perPeer) {
      remove(peerKeys.peekFirst());
      forgottenEarly++;
    }
    if (entries.size() >= total) {
      Iterator<Id> oldest = entries.keySet().iterator();
      Id forgotten = oldest.next();
      oldest.remove();
      forgetForPeer(forgotten);
      forgottenEarly++;
    }
    entries.put(key, new Entry(exchange, nanoClock.getAsLong()));
    byPeer.computeIfAbsent(key.key().getPeer(), peer -> new ArrayDeque<>()).addLast(key);
  }

  private void remove(Id key) {
    entries.remove(key);
    forgetForPeer(key);
  }

  private void forgetForPeer(Id key) {
    ArrayDeque<Id> peerKeys = byPeer.get(key.key().getPeer());
    if (peerKeys != null) {
      peerKeys.removeFirstOccurrence(key);
      if (peerKeys.isEmpty()) {
        byPeer.remove(key.key().getPeer());
      }
    }
  }
}
