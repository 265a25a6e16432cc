package org.lwm2m4j.server.store.sqlite;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The bounded queue between the threads that change the in-memory stores and the one writer
 * thread, with group commit: {@link #persisted()} gives the future of the batch that will hold
 * every change queued so far, so a caller can wait for durability while many callers share one
 * transaction.
 *
 * <p>One lock guards the queue and the two batch futures: a change is queued and a future handed
 * out atomically with respect to the writer taking a batch, which is what makes the future
 * correct (a lock-free hand-off can give out the future of a batch that was already drained).
 * The lock is held for a few instructions; callers block only when the queue is full
 * (back-pressure when the disk cannot keep up).
 *
 * <p><b>Batches sized by load.</b> A commit costs far more than a row (SQLite writes the WAL frames
 * of every page it touched, and now and then a checkpoint), so a writer that commits whatever is
 * there as soon as it is there spends most of its time on commits of a few rows at full rate. The
 * writer therefore takes a batch at most once per {@code gap}: a change after a quiet spell is
 * taken at once (no added latency at low load), one arriving right after a batch waits at most
 * {@code gap} for the others arriving meanwhile, and a full batch or closing ends the wait.
 * Changing threads only signal the writer when it waits for a first change or a batch fills up.
 */
final class WriteQueue {
  private final int capacity;
  private final int maxBatch;
  private final long gapNanos;
  private final LongSupplier nanoClock;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<Dirty<?>> pending = new ArrayDeque<>();
  /** Completes when the batch that will take what is queued now is committed. */
  private CompletableFuture<Void> nextBatch = new CompletableFuture<>();
  /** The batch being written, or a completed future when none is. */
  private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
  private boolean closed;
  /** When the writer last took a batch, by {@link #nanoClock}. */
  private long lastTake;

  /**
   * @param capacity changes that may wait before {@link #add} blocks
   * @param maxBatch the most changes one batch takes
   * @param gap the least time between the starts of two batches while changes keep coming
   * @param nanoClock monotonic nanoseconds ({@code System::nanoTime}; a test's own clock)
   */
  WriteQueue(int capacity, int maxBatch, Duration gap, LongSupplier nanoClock) {
    this.capacity = capacity;
    this.maxBatch = maxBatch;
    this.gapNanos = gap.toNanos();
    this.nanoClock = nanoClock;
    this.lastTake = nanoClock.getAsLong() - gapNanos;
  }

  /** Queues a change; waits while the queue is full. Changes after {@link #close()} are dropped. */
  void add(Dirty<?> change) {
    lock.lock();
    try {
      while (pending.size() >= capacity && !closed) {
        notFull.awaitUninterruptibly();
      }
      if (closed) {
        return;
      }
      pending.add(change);
      if (pending.size() == 1 || pending.size() == maxBatch) {
        notEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /** A future completing once every change queued before this call is committed. */
  CompletableFuture<Void> persisted() {
    lock.lock();
    try {
      // Nothing queued: what was queued before is in the batch being written, or already written.
      return pending.isEmpty() ? inFlight : nextBatch;
    } finally {
      lock.unlock();
    }
  }

  /** A batch taken by the writer, with the future to complete once it is committed. */
  record Batch(List<Dirty<?>> changes, CompletableFuture<Void> done) {}

  /**
   * Waits for changes, then for the rest of the gap since the last batch unless the batch is full
   * or the queue closed, and takes up to {@code maxBatch} of them; empty once closed and drained.
   */
  Optional<Batch> take() throws InterruptedException {
    lock.lock();
    try {
      while (pending.isEmpty()) {
        if (closed) {
          return Optional.empty();
        }
        notEmpty.await(1, TimeUnit.SECONDS);
      }
      long wait;
      while (!closed && pending.size() < maxBatch && (wait = lastTake + gapNanos - nanoClock.getAsLong()) > 0) {
        notEmpty.awaitNanos(wait);
      }
      lastTake = nanoClock.getAsLong();
      int max = maxBatch;
      List<Dirty<?>> changes = new ArrayList<>(Math.min(max, pending.size()));
      while (changes.size() < max && !pending.isEmpty()) {
        changes.add(pending.poll());
      }
      notFull.signalAll();
      CompletableFuture<Void> done;
      if (pending.isEmpty()) {
        // this batch holds everything queued: whoever waits for what was queued waits for it
        done = nextBatch;
        nextBatch = new CompletableFuture<>();
      } else {
        // a partial batch: the waiters' changes may be in what is left, so they wait for a later batch
        done = new CompletableFuture<>();
      }
      inFlight = done;
      return Optional.of(new Batch(changes, done));
    } finally {
      lock.unlock();
    }
  }

  /** How many changes wait. */
  int size() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }

  /** Accepts no more changes; the writer still drains what is queued. */
  void close() {
    lock.lock();
    try {
      closed = true;
      notEmpty.signalAll();
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
