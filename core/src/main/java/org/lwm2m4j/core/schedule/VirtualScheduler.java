package org.lwm2m4j.core.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on virtual time, for tests of state machines: nothing runs until the test
 * calls {@link #advance} or {@link #runPending}, and then every task due runs on the calling
 * thread, in time order (ties in submission order), with the clock set to each task's due time.
 * An hour of lifetimes and back-offs takes as long as the code it runs.
 *
 * <p>Tasks may be submitted from any thread; they run only inside {@code advance}. A task that
 * throws does not stop the others: the first failure is rethrown when {@code advance} returns, so
 * a test cannot miss it.
 */
public final class VirtualScheduler implements Scheduler {
  /** More runs than this in one advance means a task keeps rescheduling itself with no delay. */
  private static final int MAX_RUNS_PER_ADVANCE = 1_000_000;

  private final Instant origin;
  private final PriorityQueue<Entry> queue = new PriorityQueue<>();
  private long nanos;
  private long sequence;
  private boolean advancing;
  /** Cancelled entries still in the queue: skipped when due, purged when they are the majority. */
  private int cancelledInQueue;

  /** A scheduler whose clock starts at 2026-01-01T00:00:00Z. */
  public VirtualScheduler() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A scheduler whose clock starts at {@code origin}. */
  public VirtualScheduler(Instant origin) {
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  @Override
  public synchronized Task schedule(Duration delay, Runnable task) {
    return enqueue(Math.max(0, delay.toNanos()), 0, task);
  }

  @Override
  public synchronized Task repeat(Duration initialDelay, Duration period, Runnable task) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("a repeating task needs a positive period, not " + period);
    }
    return enqueue(Math.max(0, initialDelay.toNanos()), period.toNanos(), task);
  }

  @Override
  public synchronized void execute(Runnable task) {
    enqueue(0, 0, task);
  }

  private Entry enqueue(long delay, long period, Runnable task) {
    Entry entry = new Entry(this, nanos + delay, period, sequence++, Objects.requireNonNull(task, "task"));
    entry.queued = true;
    queue.add(entry);
    return entry;
  }

  @Override
  public Clock clock() {
    return new VirtualClock(this, ZoneOffset.UTC);
  }

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  /** How much virtual time has passed since this scheduler was made. */
  public synchronized Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  /** The number of tasks waiting (due now or later). */
  public synchronized int pendingTasks() {
    return queue.size() - cancelledInQueue;
  }

  /** Runs every task due now, including those they submit for now. */
  public void runPending() {
    advance(Duration.ZERO);
  }

  /**
   * Moves the clock forward by {@code duration}, running every task that falls due on the way at
   * its due time.
   *
   * @throws IllegalStateException if called from a task, or if tasks keep submitting tasks for
   *     the same instant without end
   * @throws RuntimeException the first exception a task threw, after all due tasks ran
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("time does not go backwards: " + duration);
    }
    long target;
    synchronized (this) {
      if (advancing) {
        throw new IllegalStateException("advance() called from a task of this scheduler");
      }
      advancing = true;
      target = nanos + duration.toNanos();
    }
    List<RuntimeException> failures = new ArrayList<>();
    try {
      int runs = 0;
      while (true) {
        Entry next;
        synchronized (this) {
          next = queue.peek();
          if (next == null || next.due > target) {
            nanos = target;
            break;
          }
          queue.poll();
          next.queued = false;
          nanos = Math.max(nanos, next.due);
          if (next.first.cancelled) {
            cancelledInQueue--;
          }
        }
        if (++runs > MAX_RUNS_PER_ADVANCE) {
          throw new IllegalStateException("more than " + MAX_RUNS_PER_ADVANCE + " task runs in one advance: a task reschedules itself without delay");
        }
        if (next.first.cancelled) {
          continue;
        }
        try {
          next.task.run();
        } catch (RuntimeException e) {
          failures.add(e);
        }
        synchronized (this) {
          if (next.period > 0 && !next.first.cancelled) {
            Entry again = new Entry(this, next.due + next.period, next.period, sequence++, next.task, next);
            again.queued = true;
            next.first.current = again;
            queue.add(again);
          } else {
            next.ran = true;
          }
        }
      }
    } finally {
      synchronized (this) {
        advancing = false;
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.stream().skip(1).forEach(first::addSuppressed);
      throw first;
    }
  }

  /** Drops the cancelled entries once they outnumber the live ones, so cancelled timers cannot pile up. */
  private void purgeIfMostlyCancelled() {
    if (cancelledInQueue > 1024 && cancelledInQueue * 2 > queue.size()) {
      queue.removeIf(entry -> {
        if (entry.first.cancelled) {
          entry.queued = false;
          return true;
        }
        return false;
      });
      cancelledInQueue = 0;
    }
  }

  private static final class Entry implements Comparable<Entry>, Task {
    private final VirtualScheduler owner;
    private final long due;
    private final long period;
    private final long sequence;
    private final Runnable task;
    /** For a repeating task, the entry of its first run: cancelling either cancels the series. */
    private final Entry first;
    private volatile boolean cancelled;
    private volatile boolean ran;
    /** Whether this entry is in the queue (guarded by the scheduler's lock). */
    private boolean queued;
    /** For the first entry of a series: the entry of its next run (guarded by the scheduler's lock). */
    private Entry current = this;

    Entry(VirtualScheduler owner, long due, long period, long sequence, Runnable task) {
      this.owner = owner;
      this.due = due;
      this.period = period;
      this.sequence = sequence;
      this.task = task;
      this.first = this;
    }

    Entry(VirtualScheduler owner, long due, long period, long sequence, Runnable task, Entry previous) {
      this.owner = owner;
      this.due = due;
      this.period = period;
      this.sequence = sequence;
      this.task = task;
      this.first = previous.first;
    }

    @Override
    public int compareTo(Entry other) {
      int byTime = Long.compare(due, other.due);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }

    @Override
    public boolean cancel() {
      synchronized (owner) {
        Entry head = first;
        if (head.cancelled || (period == 0 && ran)) {
          return false;
        }
        head.cancelled = true;
        // the queued entry stays (removing it is a linear scan) and is skipped when due
        if (head.current.queued) {
          owner.cancelledInQueue++;
          owner.purgeIfMostlyCancelled();
        }
        return true;
      }
    }

    @Override
    public boolean isDone() {
      return first.cancelled || (period == 0 && ran);
    }
  }

  /** The clock of a virtual scheduler: its origin plus the virtual time elapsed. */
  private static final class VirtualClock extends Clock {
    private final VirtualScheduler scheduler;
    private final ZoneId zone;

    VirtualClock(VirtualScheduler scheduler, ZoneId zone) {
      this.scheduler = scheduler;
      this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return new VirtualClock(scheduler, zone);
    }

    @Override
    public Instant instant() {
      return scheduler.origin.plusNanos(scheduler.nanoTime());
    }
  }
}
