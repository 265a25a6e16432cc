package org.lwm2m4j.transport.twin;

import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.lwm2m4j.core.schedule.Scheduler;

/**
 * The RFC 7252 §4.2 retransmission of one confirmable message, on the scheduler's time: the first
 * transmission now, then a retransmission after the initial timeout (ACK_TIMEOUT times a random
 * factor in [1, 1.5), as Californium's default ACK_RANDOM_FACTOR), doubling each time, up to
 * MAX_RETRANSMIT retransmissions; one more timeout after the last, the message has timed out. With
 * the defaults (2 s, 4) that is 5 transmissions at 0, T, 3T, 7T and 15T and the give-up at 31T,
 * T in [2 s, 3 s): 62 to 93 s. A transmission to an address nobody has bound stops it at once,
 * as an ICMP port unreachable would, and so does one the carrier refuses.
 */
final class Retransmission {
  private final Scheduler scheduler;
  private final int maxRetransmit;
  private final IntFunction<TwinExchange.Fate> transmit;
  private final Runnable timedOut;
  private final Consumer<String> undeliverable;
  private Duration timeout;
  private int attempt;
  private boolean stopped;
  private Scheduler.Task timer;

  /**
   * @param initialTimeout the randomized first timeout
   * @param transmit sends the message, given its attempt number (1 = first), and tells its fate
   * @param timedOut runs once if no answer stopped this before the last timeout
   * @param undeliverable runs once, on the scheduler, with the reason if a transmission found nothing bound at the
   *     destination or the carrier refused it
   */
  Retransmission(Scheduler scheduler, Duration initialTimeout, int maxRetransmit, IntFunction<TwinExchange.Fate> transmit,
      Runnable timedOut, Consumer<String> undeliverable) {
    this.scheduler = scheduler;
    this.timeout = initialTimeout;
    this.maxRetransmit = maxRetransmit;
    this.transmit = transmit;
    this.timedOut = timedOut;
    this.undeliverable = undeliverable;
  }

  /** Sends the first transmission and arms the timer. */
  void start() {
    next();
  }

  private void next() {
    int current;
    synchronized (this) {
      if (stopped) {
        return;
      }
      current = ++attempt;
    }
    TwinExchange.Fate fate = transmit.apply(current);
    if (fate == TwinExchange.Fate.UNREACHABLE || fate == TwinExchange.Fate.REFUSED) {
      synchronized (this) {
        stopped = true;
      }
      String reason = fate == TwinExchange.Fate.UNREACHABLE ? "nothing is bound there"
          : "the transport refused the datagram (too long for it, or its socket failed; see the log)";
      // after the caller's send returned, as an ICMP error comes back
      scheduler.execute(() -> undeliverable.accept(reason));
      return;
    }
    arm();
  }

  private void arm() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      Duration wait = timeout;
      timeout = timeout.plus(timeout); // not multipliedBy, which goes through BigDecimal on every retransmission timer
      timer = scheduler.schedule(wait, this::expired);
    }
  }

  private void expired() {
    boolean retransmit;
    synchronized (this) {
      if (stopped) {
        return;
      }
      retransmit = attempt <= maxRetransmit;
      if (!retransmit) {
        stopped = true;
      }
    }
    if (retransmit) {
      next();
    } else {
      timedOut.run();
    }
  }

  /** Stops retransmitting (an answer came, the caller gave up, the endpoint closed). */
  void stop() {
    Scheduler.Task armed;
    synchronized (this) {
      stopped = true;
      armed = timer;
    }
    if (armed != null) {
      armed.cancel();
    }
  }
}
