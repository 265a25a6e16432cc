package org.lwm2m4j.server.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.schedule.VirtualScheduler;

/**
 * The server's firmware job against a scripted device on virtual time: no network, the device's
 * answers chosen per test, timeouts and polls in simulated minutes.
 */
class FirmwareUpdateJobTest {
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final BlockingQueue<FirmwareJobStatus> changes = new LinkedBlockingQueue<>();
  private final FirmwareImage image = FirmwareImage.of("fw.bin", new byte[] {1, 2, 3});

  /** A device whose State and Update Result the test sets, answering requests as a well-behaved one would. */
  private class ScriptedDevice implements FirmwareDevice {
    volatile int state;
    volatile int result;
    volatile int installResult = 1;
    volatile boolean refuseUpdate;
    volatile boolean neverDownloads;
    /** While set, the device answers nothing (not registered, say). */
    volatile boolean unreachable;
    final List<String> requests = new ArrayList<>();
    volatile BiConsumer<OptionalInt, OptionalInt> observer;
    volatile boolean stopped;

    ScriptedDevice(int state, int result) {
      this.state = state;
      this.result = result;
    }

    void move(int nextState, int nextResult) {
      state = nextState;
      result = nextResult;
      if (observer != null) {
        observer.accept(OptionalInt.of(nextState), OptionalInt.of(nextResult));
      }
    }

    @Override
    public CompletableFuture<Values> observe(BiConsumer<OptionalInt, OptionalInt> values) {
      if (unreachable) {
        return CompletableFuture.failedFuture(new EndpointNotRegisteredException("dev"));
      }
      observer = values;
      return read();
    }

    @Override
    public CompletableFuture<Values> read() {
      if (unreachable) {
        return CompletableFuture.failedFuture(new EndpointNotRegisteredException("dev"));
      }
      return CompletableFuture.completedFuture(new Values(OptionalInt.of(state), OptionalInt.of(result)));
    }

    @Override
    public synchronized CompletableFuture<Void> writePackage(byte[] image) {
      requests.add("package " + image.length);
      if (image.length == 0) {
        move(0, 0);
      } else if (!neverDownloads) {
        move(1, 0);
        move(2, 0);
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> writePackageUri(String uri) {
      requests.add("uri " + uri);
      if (uri.isEmpty()) {
        move(0, 0);
      } else if (!neverDownloads) {
        move(1, 0);
        // the download ends after the write was answered
        scheduler.schedule(Duration.ofSeconds(20), () -> move(0, 5));
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> executeUpdate() {
      requests.add("execute");
      if (refuseUpdate) {
        return CompletableFuture.failedFuture(new MethodNotAllowedException("no"));
      }
      move(3, 0);
      // the device reboots into the new firmware a little later
      scheduler.schedule(Duration.ofSeconds(20), () -> move(0, installResult));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void stopObserving() {
      stopped = true;
    }
  }

  private FirmwareUpdateJob job(FirmwareMethod method, FirmwareDevice device, FirmwareSettings settings) {
    return new FirmwareUpdateJob("dev", image, method, () -> "coap://127.0.0.1:5683/fw/" + image.id(), device, scheduler, settings,
        changes::add);
  }

  /** A job as the store held it before a restart: started an hour ago, in {@code phase}. */
  private FirmwareUpdateJob restored(FirmwarePhase phase, FirmwareMethod method, Optional<FirmwareImage> held, FirmwareDevice device,
      FirmwareSettings settings) {
    Instant before = scheduler.now().minusSeconds(3600);
    FirmwareJobStatus stored = new FirmwareJobStatus("dev", image.id(), method, phase, OptionalInt.of(0), OptionalInt.of(0),
        Optional.empty(), before, before.plusSeconds(1));
    return new FirmwareUpdateJob(stored, held, () -> "coap://127.0.0.1:5683/fw/" + image.id(), device, scheduler, settings,
        changes::add);
  }

  private FirmwareUpdateJob restored(FirmwarePhase phase, FirmwareMethod method, FirmwareDevice device) {
    return restored(phase, method, Optional.of(image), device, FirmwareSettings.DEFAULTS);
  }

  /** The next change, letting up to an hour of virtual time pass for it. */
  private FirmwareJobStatus next() {
    scheduler.runPending();
    for (int second = 0; second < 3600 && changes.isEmpty(); second++) {
      scheduler.advance(Duration.ofSeconds(1));
    }
    FirmwareJobStatus status = changes.poll();
    assertThat(status).as("a change within an hour").isNotNull();
    return status;
  }

  /** The final change, letting up to an hour of virtual time pass for each change on the way. */
  private FirmwareJobStatus last() {
    while (true) {
      FirmwareJobStatus status = next();
      if (status.phase().isFinal()) {
        return status;
      }
    }
  }

  @Test
  void pushGoesThroughDownloadingAndUpdatingToSuccess() {
    ScriptedDevice device = new ScriptedDevice(0, 0);
    job(FirmwareMethod.PUSH, device, FirmwareSettings.DEFAULTS).start();
    FirmwareJobStatus last = last();
    assertThat(last.phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
    assertThat(last.result()).hasValue(1);
    assertThat(last.resultText()).hasValue("firmware updated successfully");
    assertThat(last.error()).isEmpty();
    assertThat(device.requests).containsExactly("package 3", "execute");
    assertThat(device.stopped).as("observations end with the job").isTrue();
  }

  @Test
  void aPackageLeftFromAnEarlierAttemptIsResetFirst() {
    ScriptedDevice device = new ScriptedDevice(2, 0);
    job(FirmwareMethod.PUSH, device, FirmwareSettings.DEFAULTS).start();
    assertThat(last().phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
    assertThat(device.requests).containsExactly("package 0", "package 3", "execute");
  }

  @Test
  void aFailedDownloadEndsWithTheDevicesResult() {
    ScriptedDevice device = new ScriptedDevice(0, 8);
    job(FirmwareMethod.PULL, device, FirmwareSettings.DEFAULTS).start();
    FirmwareJobStatus last = last();
    assertThat(last.phase()).isEqualTo(FirmwarePhase.FAILED);
    assertThat(last.result()).as("the stale 8 from before the write did not count, the 5 after it did").hasValue(5);
    assertThat(last.error()).hasValueSatisfying(error -> assertThat(error).contains("integrity check failure"));
    assertThat(device.requests).containsExactly("uri coap://127.0.0.1:5683/fw/" + image.id());
  }

  @Test
  void aFailedInstallationEndsWithTheDevicesResult() {
    ScriptedDevice device = new ScriptedDevice(0, 0);
    device.installResult = 8;
    job(FirmwareMethod.PUSH, device, FirmwareSettings.DEFAULTS).start();
    FirmwareJobStatus last = last();
    assertThat(last.phase()).isEqualTo(FirmwarePhase.FAILED);
    assertThat(last.resultText()).hasValue("firmware update failed");
  }

  @Test
  void aRefusedUpdateOrABusyDeviceFails() {
    ScriptedDevice refusing = new ScriptedDevice(0, 0);
    refusing.refuseUpdate = true;
    job(FirmwareMethod.PUSH, refusing, FirmwareSettings.DEFAULTS).start();
    assertThat(last().error()).hasValueSatisfying(error -> assertThat(error).contains("refused Update"));

    ScriptedDevice busy = new ScriptedDevice(1, 0);
    job(FirmwareMethod.PUSH, busy, FirmwareSettings.DEFAULTS).start();
    assertThat(last().error()).hasValueSatisfying(error -> assertThat(error).contains("busy"));
    assertThat(busy.requests).isEmpty();
  }

  @Test
  void aDeviceThatNeverDownloadsTimesOut() {
    ScriptedDevice device = new ScriptedDevice(0, 0);
    device.neverDownloads = true;
    job(FirmwareMethod.PULL, device, FirmwareSettings.DEFAULTS.withTimeouts(Duration.ofMinutes(10), Duration.ofMinutes(10))
        .withPollInterval(Duration.ofSeconds(30))).start();
    scheduler.advance(Duration.ofMinutes(9));
    assertThat(changes).as("nothing final before the download timeout").noneMatch(status -> status.phase().isFinal());
    scheduler.advance(Duration.ofMinutes(1));
    FirmwareJobStatus last = last();
    assertThat(last.updatedAt()).isEqualTo(scheduler.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(last.phase()).isEqualTo(FirmwarePhase.FAILED);
    assertThat(last.error()).hasValueSatisfying(error -> assertThat(error).contains("did not download"));
  }

  @Test
  void aResumedJobWhoseDeviceIsUpdatingWaitsForTheResult() {
    ScriptedDevice device = new ScriptedDevice(3, 0);
    FirmwareUpdateJob job = restored(FirmwarePhase.UPDATING, FirmwareMethod.PUSH, device);
    assertThat(job.status().phase()).isEqualTo(FirmwarePhase.UPDATING);
    job.resume();
    FirmwareJobStatus resumed = next();
    assertThat(resumed.phase()).isEqualTo(FirmwarePhase.UPDATING);
    assertThat(resumed.state()).hasValue(3);
    assertThat(resumed.startedAt()).as("the job keeps its start").isEqualTo(job.status().startedAt());

    device.move(0, 1);
    FirmwareJobStatus last = last();
    assertThat(last.phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
    assertThat(device.requests).as("nothing sent again").isEmpty();
  }

  @Test
  void aResumedJobWhoseDeviceHoldsThePackageExecutesUpdate() {
    ScriptedDevice device = new ScriptedDevice(2, 0);
    restored(FirmwarePhase.DOWNLOADING, FirmwareMethod.PUSH, device).resume();
    assertThat(last().phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
    assertThat(device.requests).containsExactly("execute");
  }

  @Test
  void aResumedJobWhoseDeviceIsDownloadingWaitsForTheDownload() {
    ScriptedDevice device = new ScriptedDevice(1, 0);
    restored(FirmwarePhase.DOWNLOADING, FirmwareMethod.PULL, device).resume();
    assertThat(next().phase()).isEqualTo(FirmwarePhase.DOWNLOADING);
    device.move(2, 0);
    assertThat(last().phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
    assertThat(device.requests).containsExactly("execute");
  }

  @Test
  void aResumedJobEndsAsTheDeviceEndedIt() {
    ScriptedDevice updated = new ScriptedDevice(0, 1);
    restored(FirmwarePhase.UPDATING, FirmwareMethod.PUSH, updated).resume();
    assertThat(last().phase()).isEqualTo(FirmwarePhase.SUCCEEDED);

    ScriptedDevice failed = new ScriptedDevice(0, 8);
    restored(FirmwarePhase.DOWNLOADED, FirmwareMethod.PULL, failed).resume();
    FirmwareJobStatus last = last();
    assertThat(last.phase()).isEqualTo(FirmwarePhase.FAILED);
    assertThat(last.error()).hasValueSatisfying(error -> assertThat(error).contains("firmware update failed"));
    assertThat(updated.requests).isEmpty();
    assertThat(failed.requests).isEmpty();
  }

  @Test
  void aResumedJobWhoseDeviceHasNoPackageStartsOver() {
    ScriptedDevice device = new ScriptedDevice(0, 0);
    restored(FirmwarePhase.DOWNLOADING, FirmwareMethod.PUSH, device).resume();
    assertThat(last().phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
    assertThat(device.requests).containsExactly("package 3", "execute");
  }

  @Test
  void aResumedJobThatStillNeedsARemovedImageFails() {
    ScriptedDevice device = new ScriptedDevice(0, 0);
    restored(FirmwarePhase.STARTING, FirmwareMethod.PUSH, Optional.empty(), device, FirmwareSettings.DEFAULTS).resume();
    FirmwareJobStatus last = last();
    assertThat(last.phase()).isEqualTo(FirmwarePhase.FAILED);
    assertThat(last.error()).hasValueSatisfying(error -> assertThat(error).contains("no longer in the repository"));
    assertThat(device.requests).isEmpty();

    // one that no longer needs it goes on without it
    ScriptedDevice holding = new ScriptedDevice(2, 0);
    restored(FirmwarePhase.DOWNLOADING, FirmwareMethod.PUSH, Optional.empty(), holding, FirmwareSettings.DEFAULTS).resume();
    assertThat(last().phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
  }

  @Test
  void aResumedJobWaitsForItsDeviceToReturn() {
    ScriptedDevice device = new ScriptedDevice(3, 0);
    device.unreachable = true;
    FirmwareUpdateJob job = restored(FirmwarePhase.UPDATING, FirmwareMethod.PUSH, device);
    job.resume();
    device.unreachable = false;
    job.deviceReturned();
    assertThat(next().phase()).isEqualTo(FirmwarePhase.UPDATING);
    device.move(0, 1);
    assertThat(last().phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
  }

  @Test
  void aResumedJobTimesOutFromTheResume() {
    ScriptedDevice device = new ScriptedDevice(3, 0);
    restored(FirmwarePhase.UPDATING, FirmwareMethod.PUSH, Optional.of(image), device,
        FirmwareSettings.DEFAULTS.withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5)).withPollInterval(Duration.ofSeconds(30))).resume();
    assertThat(next().phase()).as("the hour since the job started does not count").isEqualTo(FirmwarePhase.UPDATING);
    scheduler.advance(Duration.ofMinutes(4));
    assertThat(changes).as("still waiting 4 minutes after the resume").isEmpty();
    scheduler.advance(Duration.ofMinutes(1));
    FirmwareJobStatus last = last();
    assertThat(last.phase()).isEqualTo(FirmwarePhase.FAILED);
    assertThat(last.error()).hasValueSatisfying(error -> assertThat(error).contains("did not report the update's result"));
  }

  @Test
  void aFinishedStoredJobIsShownAsItEnded() {
    Instant before = scheduler.now().minusSeconds(3600);
    FirmwareJobStatus stored = new FirmwareJobStatus("dev", "gone", FirmwareMethod.PULL, FirmwarePhase.FAILED, OptionalInt.of(0),
        OptionalInt.of(5), Optional.of("the download failed"), before, before.plusSeconds(5));
    ScriptedDevice device = new ScriptedDevice(0, 0);
    FirmwareUpdateJob job = new FirmwareUpdateJob(stored, Optional.empty(), () -> "", device, scheduler, FirmwareSettings.DEFAULTS,
        changes::add);
    job.resume();
    job.deviceReturned();
    assertThat(job.finished()).isTrue();
    assertThat(job.status()).isEqualTo(stored);
    assertThat(changes).isEmpty();
    assertThat(device.requests).isEmpty();
  }

  @Test
  void downloadProgressIsPublishedEveryFivePercentOrSecondAndEndsAtTheWholePackage() {
    FirmwareImage large = FirmwareImage.of("large.bin", new byte[10_000]);
    ScriptedDevice device = new ScriptedDevice(0, 0);
    device.neverDownloads = true;
    FirmwareUpdateJob job = new FirmwareUpdateJob("dev", large, FirmwareMethod.PULL, () -> "coap://127.0.0.1:5683/fw/" + large.id(),
        device, scheduler, FirmwareSettings.DEFAULTS, changes::add);
    job.start();
    scheduler.runPending();
    assertThat(job.status().phase()).isEqualTo(FirmwarePhase.DOWNLOADING);
    assertThat(job.status().totalBytes()).isEqualTo(10_000);
    assertThat(job.status().bytesTransferred()).isZero();
    changes.clear();

    // 1 % every 100 ms: a change for each 5 %, not for each block
    for (int block = 1; block <= 100; block++) {
      job.transferred(block * 100L);
      scheduler.advance(Duration.ofMillis(100));
    }
    List<FirmwareJobStatus> published = new ArrayList<>(changes);
    assertThat(published).extracting(FirmwareJobStatus::percent).isSorted().hasSizeBetween(20, 21).last().isEqualTo(100);
    assertThat(published).extracting(FirmwareJobStatus::bytesTransferred).last().isEqualTo(10_000L);

    // a slow download: its progress shows within a second even below the next 5 %
    changes.clear();
    FirmwareUpdateJob slow = new FirmwareUpdateJob("slow", large, FirmwareMethod.PULL, () -> "coap://127.0.0.1:5683/fw/" + large.id(),
        new ScriptedDevice(0, 0) {
          { neverDownloads = true; }
        }, scheduler, FirmwareSettings.DEFAULTS, changes::add);
    slow.start();
    scheduler.runPending();
    changes.clear();
    slow.transferred(100);
    assertThat(changes).as("1 % a moment after the last change waits for the second").isEmpty();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(changes).extracting(FirmwareJobStatus::bytesTransferred).containsExactly(100L);
  }

  @Test
  void aPushIsWhollyTransferredOnceTheDeviceAnsweredTheWrite() {
    ScriptedDevice device = new ScriptedDevice(0, 0);
    device.neverDownloads = true;
    FirmwareUpdateJob job = job(FirmwareMethod.PUSH, device, FirmwareSettings.DEFAULTS);
    job.start();
    scheduler.runPending();
    assertThat(job.status().phase()).isEqualTo(FirmwarePhase.DOWNLOADING);
    assertThat(job.status().bytesTransferred()).isEqualTo(3);
    assertThat(job.status().percent()).isEqualTo(100);
  }

  @Test
  void progressOutsideTheDownloadIsIgnored() {
    ScriptedDevice device = new ScriptedDevice(0, 0);
    FirmwareUpdateJob job = job(FirmwareMethod.PUSH, device, FirmwareSettings.DEFAULTS);
    job.transferred(2);
    assertThat(job.status().bytesTransferred()).as("not started yet").isZero();
    job.start();
    assertThat(last().bytesTransferred()).as("a finished job holds the whole package").isEqualTo(3);
    job.transferred(1);
    assertThat(job.status().bytesTransferred()).isEqualTo(3);
  }

  @Test
  void aRestoredJobPastTheDownloadShowsTheWholePackageTransferred() {
    // stores keep no progress: a package on the device, or installed, was transferred whole
    for (FirmwarePhase phase : List.of(FirmwarePhase.DOWNLOADED, FirmwarePhase.UPDATING, FirmwarePhase.SUCCEEDED)) {
      FirmwareJobStatus status = restored(phase, FirmwareMethod.PUSH, new ScriptedDevice(0, 0)).status();
      assertThat(status.bytesTransferred()).as(phase.text()).isEqualTo(3);
      assertThat(status.percent()).isEqualTo(100);
    }
    assertThat(restored(FirmwarePhase.DOWNLOADING, FirmwareMethod.PULL, new ScriptedDevice(1, 0)).status().bytesTransferred()).isZero();
  }
}
