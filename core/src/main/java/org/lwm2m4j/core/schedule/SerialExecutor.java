package org.lwm2m4j.core.schedule;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order they were given, on a shared {@link Executor} (usually
 * the {@link Scheduler}): the replacement for a single-thread executor of one's own, e.g. for
 * event listeners that must hear events in order, or store commits. Holds at most {@code capacity}
 * waiting tasks; past that {@link #execute} throws {@link RejectedExecutionException}, so a slow
 * consumer cannot grow memory without bound.
 */
public final class SerialExecutor implements Executor {
  private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor executor;
  private final int capacity;
  private final Queue<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  /** Runs on {@code executor}, with at most {@code capacity} tasks waiting. */
  public SerialExecutor(Executor executor, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive, not " + capacity);
    }
    this.executor = Objects.requireNonNull(executor, "executor");
    this.capacity = capacity;
  }

  @Override
  public void execute(Runnable task) {
    Objects.requireNonNull(task, "task");
    synchronized (tasks) {
      if (tasks.size() >= capacity) {
        throw new RejectedExecutionException("more than " + capacity + " tasks waiting");
      }
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (tasks) {
        tasks.clear();
        running = false;
      }
      throw e;
    }
  }

  /** The number of tasks waiting to run. */
  public int waiting() {
    synchronized (tasks) {
      return tasks.size();
    }
  }

  /**
   * Runs the waiting tasks; gives the thread back after a batch so one busy serial executor
   * cannot hold a shared pool's thread for ever.
   */
  private void drain() {
    for (int i = 0; i < 64; i++) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        LOG.warn("serial task failed", e);
      }
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (tasks) {
        LOG.debug("executor stopped; {} serial task(s) dropped", tasks.size());
        tasks.clear();
        running = false;
      }
    }
  }
}
