package org.lwm2m4j.server.event;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of listeners and the one thread that calls them. Events go through a bounded queue, so
 * listeners never run on the publisher's (network) thread and see events in order; if they fall so
 * far behind that the queue is full, further events are dropped and counted ({@link #dropped()})
 * rather than stalling the network. A listener that throws is logged and the others still run.
 *
 * @param <L> the listener type
 */
public final class Listeners<L> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
  private static final int QUEUE_CAPACITY = 65_536;

  private final List<L> listeners = new CopyOnWriteArrayList<>();
  private final ThreadPoolExecutor thread;
  private final AtomicLong dropped = new AtomicLong();

  /** @param threadName the name of the delivering thread, for thread dumps */
  public Listeners(String threadName) {
    this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
        runnable -> {
          Thread t = new Thread(runnable, threadName);
          t.setDaemon(true);
          return t;
        },
        (task, executor) -> {
          if (!executor.isShutdown() && dropped.incrementAndGet() % 1000 == 1) {
            LOG.warn("{} listeners are {} events behind; dropped {} events so far", threadName, QUEUE_CAPACITY, dropped.get());
          }
        });
  }

  public void add(L listener) {
    listeners.add(listener);
  }

  public void remove(L listener) {
    listeners.remove(listener);
  }

  /** Queues {@code event} for every listener; returns at once. */
  public void publish(Consumer<L> event) {
    if (listeners.isEmpty()) {
      return;
    }
    thread.execute(() -> {
      for (L listener : listeners) {
        try {
          event.accept(listener);
        } catch (RuntimeException e) {
          LOG.warn("listener {} failed", listener, e);
        }
      }
    });
  }

  /** Events dropped because listeners fell behind. */
  public long dropped() {
    return dropped.get();
  }

  /** Delivers the events already queued (waiting up to 5 s), then stops the thread. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
