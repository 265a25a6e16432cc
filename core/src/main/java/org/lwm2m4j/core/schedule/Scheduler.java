package org.lwm2m4j.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The one source of time and threads of a server, client or bootstrap server: library classes
 * run their timers and background work here instead of starting executors of their own, so that a
 * whole process can run on {@link SystemScheduler real time} or, in tests, on {@link VirtualScheduler
 * virtual time} that advances only when the test says so.
 *
 * <p>Tasks may run on any thread of the scheduler and concurrently with each other; work that must
 * stay in order goes through a {@link SerialExecutor}. A task that throws is logged and does not
 * stop later tasks.
 */
public interface Scheduler extends Executor {

  /** Runs {@code task} once, {@code delay} from now. */
  Task schedule(Duration delay, Runnable task);

  /**
   * Runs {@code task} first {@code initialDelay} from now, then every {@code period} after each
   * start, until cancelled. A run that overlaps the next start delays that start (no two runs of
   * one repeating task overlap).
   */
  Task repeat(Duration initialDelay, Duration period, Runnable task);

  /** Runs {@code task} as soon as a thread is free. */
  @Override
  void execute(Runnable task);

  /** This scheduler's clock: the wall clock, or the virtual one. */
  Clock clock();

  /** Monotonic nanoseconds on this scheduler's time line, for measuring intervals. */
  long nanoTime();

  /** The current instant on {@link #clock()}. */
  default Instant now() {
    return clock().instant();
  }

  /**
   * {@code future}, failed with a {@link TimeoutException} carrying {@code what} if it has not
   * completed {@code timeout} from now — {@link CompletableFuture#orTimeout} on this scheduler's time.
   */
  default <T> CompletableFuture<T> timeout(CompletableFuture<T> future, Duration timeout, Supplier<String> what) {
    if (future.isDone()) {
      return future;
    }
    Task timer = schedule(timeout, () -> future.completeExceptionally(new TimeoutException(what.get())));
    future.whenComplete((value, failure) -> timer.cancel());
    return future;
  }

  /** A future completed with {@code null} {@code delay} from now, e.g. to act just after a response went out. */
  default CompletableFuture<Void> after(Duration delay) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    schedule(delay, () -> done.complete(null));
    return done;
  }

  /** One scheduled run (or series of runs) that can be called off. */
  interface Task {
    /** Calls off the runs that have not started; returns false if there were none left. */
    boolean cancel();

    /** True once cancelled or, for a one-shot task, once run. */
    boolean isDone();
  }
}
