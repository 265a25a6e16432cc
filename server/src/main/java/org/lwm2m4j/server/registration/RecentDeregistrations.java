package org.lwm2m4j.server.registration;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Registration ids removed by a De-register in the last EXCHANGE_LIFETIME, so that a CoAP
 * retransmission of that De-register arriving after the transport forgot the original (its
 * deduplication state is capped) is answered 2.02 like the first rather than 4.04.
 *
 * <p>Bounded: at most {@code capacity} ids, the oldest forgotten first, each about a hundred bytes
 * with its id string. Ids are kept in removal order, so expired ones are dropped from the head.
 * Thread-safe (one lock; taken once per De-register).
 */
final class RecentDeregistrations {
  private final long lifetimeMillis;
  private final int capacity;
  private final LinkedHashMap<String, Long> removedAtMillis = new LinkedHashMap<>();

  RecentDeregistrations(Duration lifetime, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.lifetimeMillis = lifetime.toMillis();
    this.capacity = capacity;
  }

  synchronized void add(String registrationId, long nowMillis) {
    forgetExpired(nowMillis);
    removedAtMillis.remove(registrationId);
    removedAtMillis.put(registrationId, nowMillis);
    if (removedAtMillis.size() > capacity) {
      Iterator<String> oldest = removedAtMillis.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  synchronized boolean contains(String registrationId, long nowMillis) {
    forgetExpired(nowMillis);
    return removedAtMillis.containsKey(registrationId);
  }

  synchronized int size() {
    return removedAtMillis.size();
  }

  private void forgetExpired(long nowMillis) {
    Iterator<Map.Entry<String, Long>> entries = removedAtMillis.entrySet().iterator();
    while (entries.hasNext() && nowMillis - entries.next().getValue() >= lifetimeMillis) {
      entries.remove();
    }
  }
}
