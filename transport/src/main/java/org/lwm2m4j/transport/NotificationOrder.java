package org.lwm2m4j.transport;

import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Where one observation's notifications go, and the order they are taken in: RFC 7641 §3.4 says
 * a notification is fresher than the last one received (Observe V1, at T1) if its Observe V2 and
 * arrival T2 satisfy {@code V1 < V2 < V1 + 2^23} or {@code V2 < V1 - 2^23} (the 24-bit numbers
 * wrap), or {@code T2 > T1 + 128 s}; anything else arrived out of order and is dropped, so an
 * older value never overwrites a newer one. A response without Observe option (a final error,
 * the answer to a cancel) always goes through.
 *
 * <p>One tolerance: a number equal to the last one counts as fresh, where the RFC would drop it.
 * Eclipse Leshan's client (2.0.0-M15) sends its pmax and pmin notifications with the resource's
 * current number, so a device that reports on pmax alone repeats one Observe value forever; and
 * a repeat is never a copy of a notification already taken, since CoAP deduplication removed
 * retransmissions before this point.
 *
 * <p>The state is one int and one long, as it is kept for every observation. Thread-safe: the
 * transport may take datagrams up on several threads, and delivery happens under the same lock
 * as the check, so the listener sees notifications in the order they were judged fresh. Public
 * so that the in-memory twin ({@code org.lwm2m4j.transport.twin}) orders notifications the same way.
 */
public final class NotificationOrder {
  private static final int HALF_RANGE = 1 << 23;
  private static final long FRESHNESS_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(128);
  /** Observe numbers are 24 bits, so -1 marks "none received yet". */
  private static final int NONE = -1;

  private final Consumer<CoapResponse> listener;
  private final LongSupplier nanoClock;
  private int lastObserve = NONE;
  private long lastArrivalNanos;

  /**
   * @param listener where fresh notifications go
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime}; a fake one in tests)
   */
  public NotificationOrder(Consumer<CoapResponse> listener, LongSupplier nanoClock) {
    this.listener = listener;
    this.nanoClock = nanoClock;
  }

  /**
   * Takes the Observe number of the response that established the observation as the first one
   * received, unless a fresher notification came in first (responses and notifications race).
   */
  public synchronized void established(int observe) {
    takeIfFresh(observe);
  }

  /**
   * Hands {@code notification} to the listener if it is fresher than every one before it.
   *
   * @return whether it was delivered
   */
  public synchronized boolean offer(CoapResponse notification) {
    OptionalInt observe = notification.observe();
    if (observe.isPresent() && !takeIfFresh(observe.getAsInt())) {
      return false;
    }
    listener.accept(notification);
    return true;
  }

  private boolean takeIfFresh(int observe) {
    long now = nanoClock.getAsLong();
    if (lastObserve != NONE && !isFresher(lastObserve, lastArrivalNanos, observe, now)) {
      return false;
    }
    lastObserve = observe;
    lastArrivalNanos = now;
    return true;
  }

  private static boolean isFresher(int v1, long t1, int v2, long t2) {
    return (v1 <= v2 && v2 - v1 < HALF_RANGE) || (v1 > v2 && v1 - v2 > HALF_RANGE) || t2 - t1 > FRESHNESS_WINDOW_NANOS;
  }
}
