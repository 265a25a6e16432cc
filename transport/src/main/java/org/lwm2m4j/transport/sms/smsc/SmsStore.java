package org.lwm2m4j.transport.sms.smsc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Store and forward: the SMS waiting for an ESME to bind for their destination, each dropped
 * (handed to the expiry callback) once it has waited the store time. Thread-safe.
 */
final class SmsStore {
  /** An SMS kept, and how many times it is to be delivered (2: a duplicate on purpose). */
  record Kept(ShortMessage sms, int copies) {}

  private final Duration storeFor;
  private final ScheduledExecutorService timer;
  private final Consumer<Kept> expired;
  private final Map<String, Map<Kept, ScheduledFuture<?>>> byDestination = new HashMap<>();

  SmsStore(Duration storeFor, ScheduledExecutorService timer, Consumer<Kept> expired) {
    this.storeFor = storeFor;
    this.timer = timer;
    this.expired = expired;
  }

  /**
   * Keeps {@code kept} for its destination until {@link #take} or the store time passes. Once the
   * SMSC is closing (its timer stopped), nothing is kept: the SMS goes with the SMSC.
   */
  void keep(Kept kept) {
    synchronized (byDestination) {
      ScheduledFuture<?> expiry;
      try {
        expiry = timer.schedule(() -> expire(kept), storeFor.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException e) {
        return;
      }
      byDestination.computeIfAbsent(kept.sms().to, to -> new LinkedHashMap<>()).put(kept, expiry);
    }
  }

  /** Removes and returns what waits for {@code msisdn}, oldest first. */
  List<Kept> take(String msisdn) {
    synchronized (byDestination) {
      Map<Kept, ScheduledFuture<?>> waiting = byDestination.remove(msisdn);
      if (waiting == null) {
        return List.of();
      }
      waiting.values().forEach(expiry -> expiry.cancel(false));
      return new ArrayList<>(waiting.keySet());
    }
  }

  private void expire(Kept kept) {
    synchronized (byDestination) {
      Map<Kept, ScheduledFuture<?>> waiting = byDestination.get(kept.sms().to);
      if (waiting == null || waiting.remove(kept) == null) {
        return; // taken by a bind a moment ago
      }
      if (waiting.isEmpty()) {
        byDestination.remove(kept.sms().to);
      }
    }
    expired.accept(kept);
  }
}
