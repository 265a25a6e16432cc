package org.lwm2m4j.server.firmware;

import java.time.Duration;
import java.util.function.Consumer;
import org.lwm2m4j.core.schedule.Scheduler;

/**
 * The two timers of a firmware job on the server's scheduler: the current phase's deadline (one at
 * a time; arming again replaces it) and the poll of the device's values. Not thread-safe: the job
 * calls it holding its lock.
 */
final class JobTimers {
  private final Scheduler scheduler;
  private final FirmwareSettings settings;
  private final Consumer<String> expired;
  private final Runnable poll;
  private Scheduler.Task deadline;
  private Scheduler.Task polling;

  /**
   * @param expired told why, when a deadline passes
   * @param poll run every {@link FirmwareSettings#pollInterval()} once polling started
   */
  JobTimers(Scheduler scheduler, FirmwareSettings settings, Consumer<String> expired, Runnable poll) {
    this.scheduler = scheduler;
    this.settings = settings;
    this.expired = expired;
    this.poll = poll;
  }

  /** The deadline of {@code phase}: the update timeout once the package is on the device, else the download timeout. */
  void armFor(FirmwarePhase phase) {
    if (phase == FirmwarePhase.DOWNLOADED || phase == FirmwarePhase.UPDATING) {
      armUpdate();
    } else {
      armDownload();
    }
  }

  void armDownload() {
    arm(settings.downloadTimeout(), "the device did not download the package");
  }

  void armUpdate() {
    arm(settings.updateTimeout(), "the device did not report the update's result");
  }

  private void arm(Duration timeout, String why) {
    if (deadline != null) {
      deadline.cancel();
    }
    deadline = scheduler.schedule(timeout, () -> expired.accept(why + " within " + timeout.toSeconds() + " s"));
  }

  /** Starts polling, once. */
  void startPolling() {
    if (polling == null) {
      polling = scheduler.repeat(settings.pollInterval(), settings.pollInterval(), poll);
    }
  }

  /** Calls off the deadline and the poll. */
  void cancel() {
    if (deadline != null) {
      deadline.cancel();
    }
    if (polling != null) {
      polling.cancel();
    }
  }
}
