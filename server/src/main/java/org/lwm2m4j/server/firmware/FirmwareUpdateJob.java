package org.lwm2m4j.server.firmware;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's firmware update, driven from the server: observe State and Update Result, make sure
 * the device is idle, send the package (push) or its URI (pull), wait for State 2 (Downloaded),
 * execute Update, wait for Update Result 1 (success) or a failure code. Each phase has a timeout;
 * State and Update Result are also read at every step and on a poll interval, so a lost
 * notification only delays the job. Values reported before the server's request was acknowledged
 * are kept but not judged, since a device may still show the previous attempt's result.
 */
final class FirmwareUpdateJob {
  private static final Logger LOG = LoggerFactory.getLogger(FirmwareUpdateJob.class);
  static final int IDLE = 0;
  static final int DOWNLOADING = 1;
  static final int DOWNLOADED = 2;
  static final int UPDATING = 3;
  static final int SUCCESS = 1;

  private final String endpoint;
  private final FirmwareImage image;
  private final FirmwareMethod method;
  private final Supplier<String> packageUri;
  private final FirmwareDevice device;
  private final ScheduledExecutorService timer;
  private final FirmwareSettings settings;
  private final Clock clock;
  private final Consumer<FirmwareJobStatus> changes;
  private final Instant startedAt;

  private FirmwarePhase phase = FirmwarePhase.STARTING;
  private OptionalInt state = OptionalInt.empty();
  private OptionalInt result = OptionalInt.empty();
  private Optional<String> error = Optional.empty();
  private Instant updatedAt;
  /** True once the device acknowledged the request of the current phase: its values count from then on. */
  private boolean acknowledged;
  private ScheduledFuture<?> deadline;
  private ScheduledFuture<?> poll;

  FirmwareUpdateJob(String endpoint, FirmwareImage image, FirmwareMethod method, Supplier<String> packageUri, FirmwareDevice device,
      ScheduledExecutorService timer, FirmwareSettings settings, Clock clock, Consumer<FirmwareJobStatus> changes) {
    this.endpoint = endpoint;
    this.image = image;
    this.method = method;
    this.packageUri = packageUri;
    this.device = device;
    this.timer = timer;
    this.settings = settings;
    this.clock = clock;
    this.changes = changes;
    this.startedAt = clock.instant();
    this.updatedAt = startedAt;
  }

  synchronized FirmwareJobStatus status() {
    return new FirmwareJobStatus(endpoint, image.id(), method, phase, state, result, error, startedAt, updatedAt);
  }

  synchronized boolean finished() {
    return phase.isFinal();
  }

  FirmwareImage image() {
    return image;
  }

  FirmwareMethod method() {
    return method;
  }

  /** Starts the job; progress goes to the listener. */
  void start() {
    synchronized (this) {
      publish();
      arm(settings.downloadTimeout(), "the device did not download the package");
      long every = settings.pollInterval().toMillis();
      poll = timer.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
    }
    device.observe(this::observed).handle((values, failure) -> {
      if (failure != null) {
        // a device that cannot be observed is still followed by reads
        LOG.info("cannot observe the firmware state of {}: {}; reading it instead", endpoint, cause(failure).getMessage());
        return device.read();
      }
      return CompletableFuture.completedFuture(values);
    }).thenCompose(f -> f).whenComplete((values, failure) -> {
      if (failure != null) {
        fail("cannot read the device's Firmware Update object: " + cause(failure).getMessage());
      } else {
        begin(values);
      }
    });
  }

  private void begin(FirmwareDevice.Values values) {
    CompletableFuture<Void> reset;
    synchronized (this) {
      if (phase.isFinal()) {
        return;
      }
      record(values.state(), values.result());
      int now = state.orElse(IDLE);
      if (now == DOWNLOADING || now == UPDATING) {
        failLocked("the device is busy with another update (state " + now + ")");
        return;
      }
      // a package left from an earlier attempt is dropped first (an empty write resets to Idle)
      reset = now == DOWNLOADED
          ? (method == FirmwareMethod.PUSH ? device.writePackage(new byte[0]) : device.writePackageUri(""))
          : CompletableFuture.completedFuture(null);
    }
    reset.thenCompose(ignored -> {
      synchronized (this) {
        if (phase.isFinal()) {
          return CompletableFuture.<Void>completedFuture(null);
        }
        phase = FirmwarePhase.DOWNLOADING;
        acknowledged = false;
        publish();
      }
      return method == FirmwareMethod.PUSH ? device.writePackage(image.bytes()) : device.writePackageUri(packageUri.get());
    }).whenComplete((ok, failure) -> {
      if (failure != null) {
        fail("the device refused the " + (method == FirmwareMethod.PUSH ? "package" : "package URI") + ": " + cause(failure).getMessage());
        return;
      }
      synchronized (this) {
        acknowledged = true;
        evaluate();
      }
      refresh();
    });
  }

  /** A value the device reported (notification or read). */
  void observed(OptionalInt newState, OptionalInt newResult) {
    synchronized (this) {
      if (phase.isFinal()) {
        return;
      }
      boolean changed = record(newState, newResult);
      if (changed) {
        publish();
      }
      evaluate();
    }
  }

  /** The device registered again (after a reboot, say): observe it anew and look at where it stands. */
  void deviceReturned() {
    if (finished()) {
      return;
    }
    device.observe(this::observed).whenComplete((values, failure) -> {
      if (values != null) {
        observed(values.state(), values.result());
      } else {
        refresh();
      }
    });
  }

  /** Reads State and Update Result; read failures are left to the phase timeout. */
  void refresh() {
    if (finished()) {
      return;
    }
    device.read().whenComplete((values, failure) -> {
      if (values != null) {
        observed(values.state(), values.result());
      }
    });
  }

  private boolean record(OptionalInt newState, OptionalInt newResult) {
    boolean changed = false;
    if (newState.isPresent() && !newState.equals(state)) {
      state = newState;
      changed = true;
    }
    if (newResult.isPresent() && !newResult.equals(result)) {
      result = newResult;
      changed = true;
    }
    return changed;
  }

  /** Moves on when the values say so; runs holding the lock. */
  private void evaluate() {
    if (!acknowledged) {
      return;
    }
    int now = state.orElse(-1);
    int code = result.orElse(0);
    if (phase == FirmwarePhase.DOWNLOADING) {
      if (now == DOWNLOADED) {
        phase = FirmwarePhase.DOWNLOADED;
        acknowledged = false;
        publish();
        timer.execute(this::update);
      } else if (code > SUCCESS) {
        failLocked("the download failed: " + FirmwareJobStatus.meaning(code));
      }
    } else if (phase == FirmwarePhase.UPDATING) {
      if (code == SUCCESS && now != UPDATING) {
        finish(FirmwarePhase.SUCCEEDED, Optional.empty());
      } else if (code > SUCCESS) {
        failLocked("the update failed: " + FirmwareJobStatus.meaning(code));
      }
    }
  }

  private void update() {
    synchronized (this) {
      if (phase.isFinal()) {
        return;
      }
      arm(settings.updateTimeout(), "the device did not report the update's result");
    }
    device.executeUpdate().whenComplete((ok, failure) -> {
      if (failure != null) {
        fail("the device refused Update: " + cause(failure).getMessage());
        return;
      }
      synchronized (this) {
        if (phase.isFinal()) {
          return;
        }
        phase = FirmwarePhase.UPDATING;
        acknowledged = true;
        publish();
        evaluate();
      }
      refresh();
    });
  }

  private void arm(Duration timeout, String why) {
    if (deadline != null) {
      deadline.cancel(false);
    }
    deadline = timer.schedule(() -> fail(why + " within " + timeout.toSeconds() + " s"), timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void fail(String why) {
    synchronized (this) {
      failLocked(why);
    }
  }

  private void failLocked(String why) {
    if (!phase.isFinal()) {
      finish(FirmwarePhase.FAILED, Optional.of(why));
    }
  }

  private void finish(FirmwarePhase last, Optional<String> why) {
    phase = last;
    error = why;
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (poll != null) {
      poll.cancel(false);
    }
    LOG.info("firmware update of {} with {} {}{}", endpoint, image.id(), last.text(), why.map(w -> ": " + w).orElse(""));
    // observations end before listeners hear of the end, so no notification follows the last event
    device.stopObserving();
    publish();
  }

  private void publish() {
    updatedAt = clock.instant();
    changes.accept(status());
  }

  private static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
