package org.lwm2m4j.bench.sidebyside;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs asynchronous operations with a fixed number in flight, as a load generator's window does. */
public final class InFlightWindow {
  /** Starts operation {@code i}; it must call {@code done} exactly once, from any thread. */
  public interface Operation {
    void start(int i, Completion done);
  }

  /** How an operation reports that it has completed. */
  public interface Completion {
    void done(boolean ok);
  }

  private InFlightWindow() {}

  /** Runs {@code count} operations with at most {@code window} in flight; returns how many failed. */
  public static int run(int count, int window, Operation operation) throws InterruptedException {
    Semaphore inFlight = new Semaphore(window);
    CountDownLatch answered = new CountDownLatch(count);
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      operation.start(i, ok -> {
        if (!ok) {
          failed.incrementAndGet();
        }
        inFlight.release();
        answered.countDown();
      });
    }
    if (!answered.await(5, TimeUnit.MINUTES)) {
      throw new IllegalStateException(answered.getCount() + " of " + count + " operations not answered within 5 minutes");
    }
    return failed.get();
  }
}
