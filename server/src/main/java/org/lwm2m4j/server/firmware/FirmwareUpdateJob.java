package org.lwm2m4j.server.firmware;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lwm2m4j.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's firmware update, driven from the server: observe State and Update Result, make sure
 * the device is idle, send the package (push) or its URI (pull), wait for State 2 (Downloaded),
 * execute Update, wait for Update Result 1 (success) or a failure code. Each phase has a timeout;
 * State and Update Result are also read at every step and on a poll interval, so a lost
 * notification only delays the job. Values reported before the server's request was acknowledged
 * are kept but not judged, since a device may still show the previous attempt's result.
 *
 * <p>A job restored from a {@link FirmwareJobStore} after a restart is {@link #resume() resumed}:
 * its phase timeout starts again, State and Update Result are observed and read anew, and the job
 * continues from where the device stands (see {@link #continueFromDevice()}).
 */
final class FirmwareUpdateJob {
  private static final Logger LOG = LoggerFactory.getLogger(FirmwareUpdateJob.class);
  static final int IDLE = 0;
  static final int DOWNLOADING = 1;
  static final int DOWNLOADED = 2;
  static final int UPDATING = 3;
  static final int SUCCESS = 1;

  private final String endpoint;
  private final String imageId;
  /** Empty only for a restored job whose image was removed from the repository meanwhile. */
  private final Optional<FirmwareImage> image;
  private final FirmwareMethod method;
  private final Supplier<String> packageUri;
  private final FirmwareDevice device;
  /** Runs the job's timeouts, polls and follow-up steps, and gives its times. */
  private final Scheduler scheduler;
  private final JobTimers timers;
  private final Consumer<FirmwareJobStatus> changes;
  private final Instant startedAt;
  /** The package's size; 0 for a restored job whose image is gone. */
  private final long totalBytes;
  private final ProgressThrottle throttle;

  private FirmwarePhase phase;
  private OptionalInt state;
  private OptionalInt result;
  private Optional<String> error;
  private Instant updatedAt;
  /** Bytes of the package acknowledged by the device (push) or served to it (pull). */
  private long bytesTransferred;
  /** True once the device acknowledged the request of the current phase: its values count from then on. */
  private boolean acknowledged;
  /** True for a restored job until the device's values were seen: the next values decide how it continues. */
  private boolean resuming;

  FirmwareUpdateJob(String endpoint, FirmwareImage image, FirmwareMethod method, Supplier<String> packageUri, FirmwareDevice device,
      Scheduler scheduler, FirmwareSettings settings, Consumer<FirmwareJobStatus> changes) {
    this(starting(endpoint, image.id(), method, scheduler.now().truncatedTo(ChronoUnit.MILLIS)), Optional.of(image), packageUri,
        device, scheduler, settings, changes);
    this.resuming = false;
  }

  private static FirmwareJobStatus starting(String endpoint, String imageId, FirmwareMethod method, Instant at) {
    return new FirmwareJobStatus(endpoint, imageId, method, FirmwarePhase.STARTING, OptionalInt.empty(), OptionalInt.empty(),
        Optional.empty(), at, at);
  }

  /**
   * A job as {@code stored} before a restart, with its image if the repository still holds it; an
   * unfinished one waits for {@link #resume()} or {@link #deviceReturned()}.
   */
  FirmwareUpdateJob(FirmwareJobStatus stored, Optional<FirmwareImage> image, Supplier<String> packageUri, FirmwareDevice device,
      Scheduler scheduler, FirmwareSettings settings, Consumer<FirmwareJobStatus> changes) {
    this.endpoint = stored.endpoint();
    this.imageId = stored.imageId();
    this.image = image;
    this.method = stored.method();
    this.packageUri = packageUri;
    this.device = device;
    this.scheduler = scheduler;
    this.timers = new JobTimers(scheduler, settings, this::fail, this::refresh);
    this.changes = changes;
    this.startedAt = stored.startedAt();
    this.updatedAt = stored.updatedAt();
    this.totalBytes = image.map(held -> (long) held.size()).orElse(stored.totalBytes());
    // stores keep no progress; a package on the device, or installed, was transferred whole
    boolean onDevice = stored.phase() == FirmwarePhase.DOWNLOADED || stored.phase() == FirmwarePhase.UPDATING
        || stored.phase() == FirmwarePhase.SUCCEEDED;
    this.bytesTransferred = onDevice ? totalBytes : Math.min(stored.bytesTransferred(), totalBytes);
    this.throttle = new ProgressThrottle(scheduler, this::flushProgress);
    this.phase = stored.phase();
    this.state = stored.state();
    this.result = stored.result();
    this.error = stored.error();
    this.resuming = !phase.isFinal();
  }

  synchronized FirmwareJobStatus status() {
    return new FirmwareJobStatus(endpoint, imageId, method, phase, state, result, error, startedAt, updatedAt, bytesTransferred,
        totalBytes);
  }

  /**
   * The transport reports {@code bytes} of the package delivered (acknowledged Block1 or served
   * Block2); counted while downloading, published as {@link ProgressThrottle} lets through.
   */
  synchronized void transferred(long bytes) {
    long now = Math.min(bytes, totalBytes);
    if (phase != FirmwarePhase.DOWNLOADING || now <= bytesTransferred) {
      return;
    }
    bytesTransferred = now;
    if (throttle.due(percent(), now == totalBytes)) {
      publish();
    }
  }

  private synchronized void flushProgress() {
    if (phase == FirmwarePhase.DOWNLOADING) {
      publish();
    }
  }

  /** The whole package is on the device (State 2, or the push's write answered): whatever blocks were seen. */
  private void allTransferred() {
    bytesTransferred = totalBytes;
  }

  private int percent() {
    return totalBytes == 0 ? 0 : (int) (bytesTransferred * 100 / totalBytes);
  }

  synchronized boolean finished() {
    return phase.isFinal();
  }

  String imageId() {
    return imageId;
  }

  FirmwareMethod method() {
    return method;
  }

  /** Starts the job; progress goes to the listener. */
  void start() {
    synchronized (this) {
      publish();
      timers.armDownload();
      timers.startPolling();
    }
    observeOrRead().whenComplete((values, failure) -> {
      if (failure != null) {
        fail("cannot read the device's Firmware Update object: " + cause(failure).getMessage());
      } else {
        begin(values);
      }
    });
  }

  /** Observes State and Update Result; a device that cannot be observed is still followed by reads. */
  private CompletableFuture<FirmwareDevice.Values> observeOrRead() {
    return device.observe(this::observed).handle((values, failure) -> {
      if (failure == null) {
        return CompletableFuture.completedFuture(values);
      }
      LOG.info("cannot observe the firmware state of {}: {}; reading it instead", endpoint, cause(failure).getMessage());
      return device.read();
    }).thenCompose(values -> values);
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
        bytesTransferred = 0;
        publish();
      }
      return method == FirmwareMethod.PUSH ? device.writePackage(image.orElseThrow().bytes()) : device.writePackageUri(packageUri.get());
    }).whenComplete((ok, failure) -> {
      if (failure != null) {
        fail("the device refused the " + (method == FirmwareMethod.PUSH ? "package" : "package URI") + ": " + cause(failure).getMessage());
        return;
      }
      synchronized (this) {
        acknowledged = true;
        // a push's write is answered once the device holds every block
        if (method == FirmwareMethod.PUSH && phase == FirmwarePhase.DOWNLOADING && bytesTransferred < totalBytes) {
          allTransferred();
          publish();
        }
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
      if (resuming) {
        resuming = false;
        continueFromDevice();
        return;
      }
      if (changed) {
        publish();
      }
      evaluate();
    }
  }

  /**
   * Takes up a restored job: the current phase's timeout runs again from now, State and Update
   * Result are polled, observed and read, and the first values the device gives decide how the job
   * goes on. A device that cannot be reached now (not registered yet, say) is taken up when it
   * registers or answers a poll, or the timeout ends the job.
   */
  void resume() {
    synchronized (this) {
      if (phase.isFinal() || !resuming) {
        // finished, or already taken up because the device registered first
        return;
      }
      timers.armFor(phase);
      timers.startPolling();
    }
    LOG.info("resuming the firmware update of {} with {} ({})", endpoint, imageId, phase.text());
    observeOrRead().whenComplete((values, failure) -> {
      if (values != null) {
        observed(values.state(), values.result());
      } else {
        LOG.info("cannot reach {} to resume its firmware update yet: {}", endpoint, cause(failure).getMessage());
      }
    });
  }

  /**
   * Decides, from the phase stored before the restart and the device's values now, where a
   * restored job stands; runs holding the lock. Whether the request of the stored phase reached the
   * device is unknown, so the device's State is what counts: Downloading is waited for, Downloaded
   * gets Update executed, Updating is waited for; an idle device with a failure result failed, with
   * success after Update was due succeeded, and otherwise holds no package, so the job starts over
   * (which needs the image).
   */
  private void continueFromDevice() {
    timers.startPolling();
    int now = state.orElse(-1);
    int code = result.orElse(0);
    if (phase == FirmwarePhase.STARTING) {
      startOver();
    } else if (now == DOWNLOADING) {
      enter(FirmwarePhase.DOWNLOADING, true);
    } else if (now == UPDATING) {
      enter(FirmwarePhase.UPDATING, true);
    } else if (now == DOWNLOADED) {
      enter(FirmwarePhase.DOWNLOADED, false);
      scheduler.execute(this::update);
    } else if (code > SUCCESS) {
      failLocked((phase == FirmwarePhase.DOWNLOADING ? "the download failed: " : "the update failed: ") + FirmwareJobStatus.meaning(code));
    } else if (code == SUCCESS && phase != FirmwarePhase.DOWNLOADING) {
      finish(FirmwarePhase.SUCCEEDED, Optional.empty());
    } else {
      startOver();
    }
  }

  private void enter(FirmwarePhase next, boolean waiting) {
    if (next != FirmwarePhase.DOWNLOADING) {
      allTransferred();
    }
    timers.armFor(next);
    phase = next;
    acknowledged = waiting;
    publish();
  }

  /** Sends the package or its URI again from the start; runs holding the lock. */
  private void startOver() {
    if (image.isEmpty()) {
      failLocked("firmware image " + imageId + " is no longer in the repository, so the update cannot be resumed");
      return;
    }
    phase = FirmwarePhase.STARTING;
    acknowledged = false;
    timers.armFor(phase);
    publish();
    FirmwareDevice.Values now = new FirmwareDevice.Values(state, result);
    scheduler.execute(() -> begin(now));
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

  /** The server closes: the job's timers stop, its phase stays as it is (a stored job resumes at the next start). */
  synchronized void stop() {
    timers.cancel();
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
        allTransferred();
        publish();
        scheduler.execute(this::update);
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
      timers.armUpdate();
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
    if (last == FirmwarePhase.SUCCEEDED) {
      allTransferred();
    }
    timers.cancel();
    throttle.cancel();
    LOG.info("firmware update of {} with {} {}{}", endpoint, imageId, last.text(), why.map(w -> ": " + w).orElse(""));
    // observations end before listeners hear of the end, so no notification follows the last event
    device.stopObserving();
    publish();
  }

  private void publish() {
    updatedAt = now();
    throttle.published(percent());
    changes.accept(status());
  }

  /** Times at millisecond precision, as stores keep them: a job shows the same times before and after a restart. */
  private Instant now() {
    return scheduler.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Throwable cause(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }
}
