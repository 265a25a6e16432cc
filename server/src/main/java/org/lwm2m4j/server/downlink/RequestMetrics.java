package org.lwm2m4j.server.downlink;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.queue.RequestQueuedException;

/**
 * Tells the {@link RequestObserver}s how each request that goes out ended and how long it took, on
 * the scheduler's time line. A request held for a sleeping client is counted when it is sent.
 */
final class RequestMetrics implements DownlinkFilter {
  private final Scheduler scheduler;
  private final List<RequestObserver> observers = new CopyOnWriteArrayList<>();

  RequestMetrics(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  void add(RequestObserver observer) {
    observers.add(observer);
  }

  @Override
  public <T> CompletableFuture<T> filter(DeviceRequest<T> request, Downlink next) {
    long start = scheduler.nanoTime();
    CompletableFuture<T> result;
    try {
      result = next.send(request);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    if (observers.isEmpty()) {
      return result;
    }
    return result.whenComplete((value, failure) -> {
      String outcome = outcome(failure);
      Duration elapsed = Duration.ofNanos(scheduler.nanoTime() - start);
      for (RequestObserver observer : observers) {
        observer.completed(request.registration(), request.operation(), outcome, elapsed);
      }
    });
  }

  /** {@code success}, the device's error code, or timeout / queued / error. */
  private static String outcome(Throwable failure) {
    if (failure == null) {
      return "success";
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return "timeout";
    }
    if (cause instanceof RequestQueuedException) {
      return "queued";
    }
    if (cause instanceof LwM2mException lwm2m) {
      return lwm2m.code().toString();
    }
    return "error";
  }
}
