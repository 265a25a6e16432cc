package org.lwm2m4j.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Scheduler} on real time: one pool of daemon threads named after its owner. A server,
 * client or bootstrap server makes one when it is not given one and shuts it down when it stops.
 */
public final class SystemScheduler implements Scheduler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SystemScheduler.class);

  private final ScheduledThreadPoolExecutor pool;

  private SystemScheduler(String name, int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory = runnable -> {
      Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    this.pool = new ScheduledThreadPoolExecutor(threads, factory);
    // cancelled timers (a request answered before its deadline) must not pile up in the queue
    pool.setRemoveOnCancelPolicy(true);
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /** A scheduler with threads named {@code name-N}, two of them or one per core, whichever is more. */
  public static SystemScheduler create(String name) {
    return new SystemScheduler(name, Math.max(2, Runtime.getRuntime().availableProcessors()));
  }

  /** A scheduler with {@code threads} threads named {@code name-N}. */
  public static SystemScheduler create(String name, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("a scheduler needs at least one thread, not " + threads);
    }
    return new SystemScheduler(name, threads);
  }

  @Override
  public Task schedule(Duration delay, Runnable task) {
    return new FutureTask(pool.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS));
  }

  @Override
  public Task repeat(Duration initialDelay, Duration period, Runnable task) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a repeating task needs a positive period, not " + period);
    }
    return new FutureTask(pool.scheduleAtFixedRate(guarded(task), Math.max(0, initialDelay.toNanos()), period.toNanos(),
        TimeUnit.NANOSECONDS));
  }

  @Override
  public void execute(Runnable task) {
    pool.execute(guarded(task));
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  /** Stops the threads; tasks not yet started are dropped. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** True once {@link #close()} was called. */
  public boolean isClosed() {
    return pool.isShutdown();
  }

  /** A task that throws must not cancel a repeating task's later runs (the JDK pool would). */
  private static Runnable guarded(Runnable task) {
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        LOG.warn("scheduled task failed", e);
      }
    };
  }

  private record FutureTask(ScheduledFuture<?> future) implements Task {
    @Override
    public boolean cancel() {
      return future.cancel(false);
    }

    @Override
    public boolean isDone() {
      return future.isDone();
    }
  }
}
