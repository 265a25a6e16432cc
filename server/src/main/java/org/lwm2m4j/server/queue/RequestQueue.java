package org.lwm2m4j.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.lwm2m4j.core.error.ErrorResponseException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.server.registration.Registration;

/**
 * Requests held for sleeping queue-mode clients: bounded per client (a full queue refuses with
 * 5.03), each with a time to live (an expired request fails with a {@link TimeoutException}), sent
 * in order when the client wakes ({@link #drain}). Finished requests stay findable by id for a while
 * ({@link #find}). Expiry runs on the server's {@link Scheduler}, on its clock. Thread-safe.
 */
public final class RequestQueue implements AutoCloseable {
  private static final int REMEMBERED = 10_000;

  private final int capacity;
  private final Duration timeToLive;
  private final Clock clock;
  private final Map<String, Deque<QueuedRequest>> queues = new ConcurrentHashMap<>();
  private final Map<String, QueuedRequest> byId = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, QueuedRequest> eldest) {
      return size() > REMEMBERED;
    }
  });
  private final Listeners<java.util.function.Consumer<QueuedRequest>> listeners;
  private final Scheduler.Task expiry;

  /**
   * @param capacity how many requests one client's queue holds
   * @param timeToLive how long a request waits before it expires
   * @param scheduler the time line requests expire on
   */
  public RequestQueue(int capacity, Duration timeToLive, Scheduler scheduler) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a queue holds at least one request");
    }
    this.capacity = capacity;
    this.timeToLive = timeToLive;
    this.clock = scheduler.clock();
    this.listeners = new Listeners<>("queue", scheduler);
    // expired requests are failed within a quarter of their time to live (50 ms to 1 s late)
    Duration period = Duration.ofMillis(Math.max(50, Math.min(1000, timeToLive.toMillis() / 4)));
    this.expiry = scheduler.repeat(period, period, this::expire);
  }

  /** Told when a queued request ends (answered, failed or expired), off the network threads. */
  public void addListener(java.util.function.Consumer<QueuedRequest> listener) {
    listeners.add(listener);
  }

  /**
   * Queues a request for {@code registration}'s client.
   *
   * @throws ErrorResponseException (5.03) if the client's queue is full
   */
  public QueuedRequest enqueue(Registration registration, String operation, Optional<String> path,
      Function<Registration, CompletableFuture<?>> send) {
    Deque<QueuedRequest> queue = queues.computeIfAbsent(registration.id(), id -> new ArrayDeque<>());
    synchronized (queue) {
      if (queue.size() >= capacity) {
        throw new ErrorResponseException(ResponseCode.SERVICE_UNAVAILABLE, registration.endpoint() + " sleeps and already has "
            + capacity + " requests queued; try again after it wakes");
      }
      QueuedRequest request = new QueuedRequest(UUID.randomUUID().toString(), registration, operation, path, clock.instant(),
          clock.instant().plus(timeToLive), send);
      queue.addLast(request);
      byId.put(request.id(), request);
      request.result().whenComplete((value, failure) -> listeners.publish(listener -> listener.accept(request)));
      return request;
    }
  }

  /** A request by id, while remembered. */
  public Optional<QueuedRequest> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** How many requests wait for {@code registrationId}'s client. */
  public int depth(String registrationId) {
    Deque<QueuedRequest> queue = queues.get(registrationId);
    if (queue == null) {
      return 0;
    }
    synchronized (queue) {
      return queue.size();
    }
  }

  /** How many requests wait, for every client together. */
  public int total() {
    int total = 0;
    for (Deque<QueuedRequest> queue : queues.values()) {
      synchronized (queue) {
        total += queue.size();
      }
    }
    return total;
  }

  /** The client woke: sends its queued requests, one after the other, through {@code registration} as it is now. */
  public void drain(Registration registration) {
    Deque<QueuedRequest> queue = queues.get(registration.id());
    if (queue == null) {
      return;
    }
    QueuedRequest next;
    synchronized (queue) {
      next = queue.pollFirst();
    }
    if (next == null) {
      return;
    }
    CompletableFuture<?> sent;
    try {
      sent = next.send.apply(registration);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((value, failure) -> {
      if (failure != null) {
        next.result().completeExceptionally(failure);
      } else {
        next.result().complete(value);
      }
      drain(registration);
    });
  }

  /** Drops a registration's queue (it ended), failing what waited. */
  public void forget(Registration registration) {
    Deque<QueuedRequest> queue = queues.remove(registration.id());
    if (queue != null) {
      synchronized (queue) {
        queue.forEach(request -> request.result().completeExceptionally(new IllegalStateException(
            "the registration of " + registration.endpoint() + " ended before the request was sent")));
      }
    }
  }

  private void expire() {
    java.time.Instant now = clock.instant();
    for (Deque<QueuedRequest> queue : queues.values()) {
      synchronized (queue) {
        Iterator<QueuedRequest> it = queue.iterator();
        while (it.hasNext()) {
          QueuedRequest request = it.next();
          if (!now.isBefore(request.expiresAt())) {
            it.remove();
            request.result().completeExceptionally(new TimeoutException(request.operation() + " for " + request.endpoint()
                + " expired in the queue after " + timeToLive.toSeconds() + " s: the client did not wake"));
          }
        }
      }
    }
  }

  @Override
  public void close() {
    expiry.cancel();
    listeners.close();
  }
}
