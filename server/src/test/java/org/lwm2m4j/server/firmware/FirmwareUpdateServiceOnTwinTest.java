package org.lwm2m4j.server.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.downlink.DownlinkHarness;
import org.lwm2m4j.server.downlink.TwinDevice;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.BlockProgress;
import org.lwm2m4j.transport.CoapMethod;

/**
 * Firmware updates end to end on the server side — job, device API, observations, downlink chain —
 * against a twin device whose Firmware Update object downloads in 30 s and installs in 60 s of
 * virtual time: push and pull, phase by phase, the download timeout, and a job resumed after a restart.
 */
class FirmwareUpdateServiceOnTwinTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final FirmwareSettings SETTINGS = FirmwareSettings.DEFAULTS.withTimeouts(Duration.ofMinutes(5), Duration.ofMinutes(5))
      .withPollInterval(Duration.ofMinutes(1));

  private final DownlinkHarness harness = newHarness();
  private final FirmwareRepository images = FirmwareRepository.inMemory(1 << 20);
  private final FirmwareImage image = images.add("fw.bin", new byte[] {1, 2, 3, 4});
  private final InMemoryFirmwareJobStore jobs = new InMemoryFirmwareJobStore();
  private FirmwareUpdateService firmware;
  private TwinDevice device;
  /** When false, the device takes the package but never finishes downloading it. */
  private boolean downloads = true;

  private static DownlinkHarness newHarness() {
    try {
      return new DownlinkHarness();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() throws Exception {
    if (firmware != null) {
      firmware.close();
    }
    harness.close();
  }

  /** A device with object 5 in {@code state}, that downloads a written package or URI and installs on Update. */
  private Registration device(int state, int result) throws Exception {
    return device(state, result, false);
  }

  private Registration device(int state, int result, boolean queueMode) throws Exception {
    device = harness.device().set("/5/0/3", state).set("/5/0/5", result);
    device.script(request -> {
      String path = request.pathText();
      boolean write = request.method() == CoapMethod.PUT && request.query().isEmpty() && request.payload().length > 0;
      if (write && (path.equals("/5/0/0") || path.equals("/5/0/1"))) {
        harness.scheduler.execute(() -> device.set("/5/0/3", 1));
        if (downloads) {
          harness.scheduler.schedule(Duration.ofSeconds(30), () -> device.set("/5/0/3", 2));
        }
      } else if (request.method() == CoapMethod.POST && path.equals("/5/0/2")) {
        harness.scheduler.execute(() -> device.set("/5/0/3", 3));
        harness.scheduler.schedule(Duration.ofSeconds(60), () -> device.set("/5/0/5", 1).set("/5/0/3", 0));
      }
      return Optional.empty();
    });
    return harness.register(device, "dev", queueMode);
  }

  private FirmwareUpdateService service() {
    firmware = new FirmwareUpdateService(images, harness.registrations, harness.devices, harness.observations, SETTINGS,
        DownlinkHarness.SERVER, Optional.empty(), harness.scheduler, jobs);
    return firmware;
  }

  private FirmwarePhase phase() {
    return firmware.job("dev").orElseThrow().phase();
  }

  /**
   * Runs what is due now (notifications reach the job through the observation listeners, on the
   * scheduler) and checks the job is in {@code expected}, without moving virtual time.
   */
  private void settle(FirmwarePhase expected) {
    harness.scheduler.runPending();
    assertThat(phase()).isEqualTo(expected);
  }

  @Test
  void aPushUpdateGoesThroughEveryPhaseToSuccess() throws Exception {
    device(0, 0);
    service().start("dev", image.id(), FirmwareMethod.PUSH);
    harness.advance(SECOND);
    assertThat(phase()).isEqualTo(FirmwarePhase.DOWNLOADING);
    assertThat(device.requests()).startsWith("GET /5/0/3 obs=0", "GET /5/0/5 obs=0").contains("PUT /5/0/0");
    assertThat(device.value("/5/0/0").map(String::length)).as("the image as opaque bytes").hasValue(4);

    harness.advance(Duration.ofSeconds(30));
    settle(FirmwarePhase.UPDATING);
    assertThat(device.requests()).contains("POST /5/0/2");

    harness.advance(Duration.ofSeconds(60));
    settle(FirmwarePhase.SUCCEEDED);
    FirmwareJobStatus done = firmware.job("dev").orElseThrow();
    assertThat(done.phase()).isEqualTo(FirmwarePhase.SUCCEEDED);
    assertThat(done.result()).hasValue(1);
    assertThat(done.updatedAt()).isAfterOrEqualTo(done.startedAt().plusSeconds(90));
    assertThat(device.requests()).as("the observations end with the job").contains("GET /5/0/3 obs=1", "GET /5/0/5 obs=1");
    assertThat(device.observers("/5/0/3")).isZero();
    assertThat(harness.metrics).contains("observe success", "write success", "execute success", "cancel-observation success");
  }

  @Test
  void aPullUpdateSendsThisServersPackageUri() throws Exception {
    device(0, 0);
    service().start("dev", image.id(), FirmwareMethod.PULL);
    harness.advance(SECOND);
    assertThat(device.requests()).contains("PUT /5/0/1").doesNotContain("PUT /5/0/0");
    assertThat(device.value("/5/0/1")).hasValueSatisfying(uri -> assertThat(uri).contains("coap://127.0.0.1:5683/fw/" + image.id()));
    harness.advance(Duration.ofSeconds(30));
    settle(FirmwarePhase.UPDATING);
    harness.advance(Duration.ofSeconds(60));
    settle(FirmwarePhase.SUCCEEDED);
  }

  @Test
  void aDeviceThatNeverDownloadsFailsWhenTheDownloadTimeoutPasses() throws Exception {
    downloads = false;
    device(0, 0);
    service().start("dev", image.id(), FirmwareMethod.PUSH);
    harness.advance(Duration.ofMinutes(5).minusSeconds(1));
    assertThat(phase()).isEqualTo(FirmwarePhase.DOWNLOADING);
    assertThat(device.requests()).as("polled every minute meanwhile").filteredOn(line -> line.equals("GET /5/0/3")).hasSize(5);
    harness.advance(SECOND);
    FirmwareJobStatus failed = firmware.job("dev").orElseThrow();
    assertThat(failed.phase()).isEqualTo(FirmwarePhase.FAILED);
    assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).contains("did not download the package within 300 s"));
  }

  @Test
  void aStoredJobIsResumedFromWhereTheDeviceStands() throws Exception {
    device(2, 0);
    Instant before = harness.scheduler.now().minusSeconds(3600);
    jobs.put(new FirmwareJobStatus("dev", image.id(), FirmwareMethod.PUSH, FirmwarePhase.DOWNLOADING, OptionalInt.of(1),
        OptionalInt.of(0), Optional.empty(), before, before));
    assertThat(service().resumeStored()).isEqualTo(1);
    harness.advance(SECOND);
    settle(FirmwarePhase.UPDATING);
    assertThat(device.requests()).contains("POST /5/0/2").doesNotContain("PUT /5/0/0");
    harness.advance(Duration.ofSeconds(60));
    settle(FirmwarePhase.SUCCEEDED);
    assertThat(firmware.job("dev").orElseThrow().startedAt()).isEqualTo(before);
  }

  @Test
  void anUpdateOfASleepingQueueModeDeviceWaitsForItToWake() throws Exception {
    Registration sleeper = device(0, 0, true);
    service().start("dev", image.id(), FirmwareMethod.PUSH);
    harness.advance(Duration.ofSeconds(10));
    assertThat(device.requests()).as("nothing sent while it sleeps").isEmpty();
    assertThat(phase()).isEqualTo(FirmwarePhase.STARTING);
    assertThat(harness.queue.depth(sleeper.id())).isEqualTo(1);

    harness.wake(sleeper);
    harness.advance(SECOND);
    settle(FirmwarePhase.DOWNLOADING);
    assertThat(device.requests()).startsWith("GET /5/0/3 obs=0", "GET /5/0/5 obs=0").contains("PUT /5/0/0");
    harness.advance(Duration.ofSeconds(30));
    settle(FirmwarePhase.UPDATING);
    harness.advance(Duration.ofSeconds(60));
    settle(FirmwarePhase.SUCCEEDED);
    assertThat(harness.metrics).contains("observe success", "write success", "execute success");
  }

  /**
   * Feeds the service the transport's reports of a 10,000-byte package in 1,000-byte blocks, one
   * per 100 ms, and answers the job's progress after each.
   */
  private List<FirmwareJobStatus> blocks(BlockProgress.Direction direction, List<String> path) {
    List<FirmwareJobStatus> seen = new ArrayList<>();
    for (int block = 1; block <= 10; block++) {
      firmware.transferred(new BlockProgress(device.address(), path, direction, block * 1_000L, block == 10));
      harness.advance(Duration.ofMillis(100));
      seen.add(firmware.job("dev").orElseThrow());
    }
    return seen;
  }

  @Test
  void aPushCountsTheBlocksTheDeviceAcknowledgedUpToTheWholePackage() throws Exception {
    FirmwareImage large = images.add("large.bin", new byte[10_000]);
    downloads = false;
    device(0, 0);
    List<FirmwareJobStatus> events = new CopyOnWriteArrayList<>();
    service().addListener(events::add);
    // 1 s each way: the write is answered 2 s after it left, the blocks' reports come meanwhile
    harness.network.delay(SECOND);
    firmware.start("dev", large.id(), FirmwareMethod.PUSH);
    for (int step = 0; step < 100 && phase() != FirmwarePhase.DOWNLOADING; step++) {
      harness.advance(Duration.ofMillis(100));
    }
    assertThat(firmware.job("dev").orElseThrow().totalBytes()).isEqualTo(10_000);
    assertThat(firmware.job("dev").orElseThrow().bytesTransferred()).isZero();

    List<FirmwareJobStatus> seen = blocks(BlockProgress.Direction.REQUEST_SENT, List.of("5", "0", "0"));
    assertThat(seen).extracting(FirmwareJobStatus::bytesTransferred).isSorted().containsSequence(1_000L, 2_000L, 3_000L);
    assertThat(seen).extracting(FirmwareJobStatus::percent).endsWith(100);
    assertThat(seen).extracting(FirmwareJobStatus::bytesTransferred).last().isEqualTo(10_000L);
    harness.scheduler.runPending();
    assertThat(events).extracting(FirmwareJobStatus::percent).contains(10, 50, 100);
  }

  @Test
  void aPullCountsTheBlocksServedToTheDeviceUpToTheWholePackage() throws Exception {
    FirmwareImage large = images.add("large.bin", new byte[10_000]);
    downloads = false;
    device(0, 0);
    service().start("dev", large.id(), FirmwareMethod.PULL);
    harness.advance(SECOND);
    assertThat(firmware.job("dev").orElseThrow().bytesTransferred()).isZero();

    // the download of another image, or of another path, is not this job's
    firmware.transferred(new BlockProgress(device.address(), List.of("fw", image.id()), BlockProgress.Direction.RESPONSE_SERVED, 4, true));
    firmware.transferred(new BlockProgress(device.address(), List.of("5", "0", "0"), BlockProgress.Direction.REQUEST_SENT, 4, true));
    harness.advance(SECOND);
    assertThat(firmware.job("dev").orElseThrow().bytesTransferred()).isZero();

    List<FirmwareJobStatus> seen = blocks(BlockProgress.Direction.RESPONSE_SERVED, List.of("fw", large.id()));
    assertThat(seen).extracting(FirmwareJobStatus::bytesTransferred).isSorted().containsSequence(1_000L, 2_000L, 3_000L).last()
        .isEqualTo(10_000L);
    assertThat(seen.get(seen.size() - 1).percent()).isEqualTo(100);
  }

  @Test
  void aPushOrPullThatTheTransportDidNotReportEndsAtTheWholePackage() throws Exception {
    device(0, 0);
    service().start("dev", image.id(), FirmwareMethod.PULL);
    harness.advance(SECOND);
    assertThat(firmware.job("dev").orElseThrow().percent()).isZero();
    harness.advance(Duration.ofSeconds(30));
    settle(FirmwarePhase.UPDATING);
    FirmwareJobStatus downloaded = firmware.job("dev").orElseThrow();
    assertThat(downloaded.bytesTransferred()).isEqualTo(4);
    assertThat(downloaded.percent()).isEqualTo(100);
  }

  @Test
  void imagesAddedAndRemovedAreHeard() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    service().addImageListener(new FirmwareImageListener() {
      @Override
      public void added(FirmwareImage added) {
        heard.add("added " + added.name());
      }

      @Override
      public void removed(FirmwareImage removed) {
        heard.add("removed " + removed.name());
      }
    });
    FirmwareImage uploaded = firmware.upload("new.bin", new java.io.ByteArrayInputStream(new byte[] {9, 8, 7}));
    firmware.upload("again.bin", new java.io.ByteArrayInputStream(new byte[] {9, 8, 7}));
    assertThat(images.remove(uploaded.id())).isTrue();
    harness.scheduler.runPending();
    assertThat(heard).containsExactly("added new.bin", "removed new.bin");
  }
}
