package org.lwm2m4j.server.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.lwm2m4j.core.schedule.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of listeners and the serial lane that calls them. Events go through a bounded queue, so
 * listeners never run on the publisher's (network) thread and see events in order; if they fall so
 * far behind that the queue is full, further events are dropped and counted ({@link #dropped()})
 * rather than stalling the network. A listener that throws is logged and the others still run.
 *
 * <p>The lane is a {@link SerialExecutor} on the executor given (the server's scheduler), so
 * listeners hear events on the scheduler's threads, or on virtual time in tests.
 *
 * @param <L> the listener type
 */
public final class Listeners<L> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private static final int QUEUE_CAPACITY = 65_536;

  private final List<L> listeners = new CopyOnWriteArrayList<>();
  private final String name;
  private final Executor lane;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  /**
   * Listeners called in order on {@code executor} (the scheduler of the server that owns them).
   *
   * @param name what the events are, for the log line when events are dropped
   */
  public Listeners(String name, Executor executor) {
    this.name = name;
    this.lane = new SerialExecutor(executor, QUEUE_CAPACITY);
  }

  public void add(L listener) {
    listeners.add(listener);
  }

  public void remove(L listener) {
    listeners.remove(listener);
  }

  /** Queues {@code event} for every listener; returns at once. Events after {@link #close()} are dropped. */
  public void publish(Consumer<L> event) {
    if (listeners.isEmpty() || closed) {
      return;
    }
    try {
      lane.execute(() -> deliver(event));
    } catch (RejectedExecutionException e) {
      if (!closed && dropped.incrementAndGet() % 1000 == 1) {
        LOG.warn("{} listeners are {} events behind; dropped {} events so far", name, QUEUE_CAPACITY, dropped.get());
      }
    }
  }

  private void deliver(Consumer<L> event) {
    for (L listener : listeners) {
      try {
        event.accept(listener);
      } catch (RuntimeException e) {
        LOG.warn("listener {} failed", listener, e);
      }
    }
  }

  /** Events dropped because listeners fell behind. */
  public long dropped() {
    return dropped.get();
  }

  /** Accepts no more events; those already queued are still delivered while the executor runs. */
  @Override
  public void close() {
    closed = true;
  }

}
