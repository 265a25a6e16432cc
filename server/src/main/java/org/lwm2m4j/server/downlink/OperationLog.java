package org.lwm2m4j.server.downlink;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per request that goes out to a device, once it ended, on the logger {@value
 * #LOGGER}: endpoint, operation, path, the device's answer and the milliseconds it took, e.g.
 * {@code dev-1 READ /3/0 -> 2.05 Content 12 ms}. Sits below the queue-mode gate, so a request held
 * for a sleeping client is logged when it really goes out. Costs nothing when the logger is off.
 */
final class OperationLog implements DownlinkFilter {
  /** The logger name, to turn these lines on or off on their own. */
  static final String LOGGER = "org.lwm2m4j.server.operations";
  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  private final Scheduler scheduler;

  OperationLog(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public <T> CompletableFuture<T> filter(DeviceRequest<T> request, Downlink next) {
    if (!LOG.isInfoEnabled()) {
      return next.send(request);
    }
    long start = scheduler.nanoTime();
    // a success answer is turned into the result below; keep its code on the way
    AtomicReference<ResponseCode> success = new AtomicReference<>();
    BiFunction<Registration, CoapResponse, T> answer = (registration, response) -> {
      success.set(response.code());
      return request.answer().apply(registration, response);
    };
    DeviceRequest<T> noted = new DeviceRequest<>(request.registration(), request.operation(), request.path(), request.message(),
        answer, request.timeout(), request.notifications());
    CompletableFuture<T> result;
    try {
      result = next.send(noted);
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    return result.whenComplete((value, failure) -> LOG.info("{} {} {} -> {} {} ms", PrintableText.escape(request.registration().endpoint()),
        request.operation().toUpperCase(Locale.ROOT), request.path().map(LwM2mPath::toString).orElse("/"),
        outcome(success.get(), failure), (scheduler.nanoTime() - start) / 1_000_000));
  }

  private static String outcome(ResponseCode success, Throwable failure) {
    if (failure == null) {
      return success == null ? "done" : success + " " + success.phrase();
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (success != null) {
      // the device answered with success, but its answer could not be read
      return success + " " + success.phrase() + ", unreadable: " + reason;
    }
    if (cause instanceof LwM2mException lwm2m) {
      return lwm2m.code() + " " + lwm2m.code().phrase();
    }
    if (cause instanceof TimeoutException) {
      return "no answer (timeout)";
    }
    return "failed: " + reason;
  }
}
