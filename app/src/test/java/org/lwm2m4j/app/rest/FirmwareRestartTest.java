package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.firmware.FirmwareUpdateInstance;
import org.lwm2m4j.client.object.firmware.FirmwareUpdater;

/**
 * Firmware jobs across restarts of the real {@code lwm2m server} process: the server is killed
 * ({@code kill -9}) while our client installs the image (its updater blocks until the test lets
 * it finish); the restarted server still shows the job, follows the device again and sees it
 * succeed; after a further clean restart the finished job is shown as it ended.
 */
class FirmwareRestartTest {
  private static final String DEVICE = "fw-restart";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path workDir;

  private ServerProcess servers;
  private final ExecutorService installer = Executors.newSingleThreadExecutor();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stop() throws InterruptedException {
    release.countDown();
    installer.shutdownNow();
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void anUpdateRunningWhenTheServerIsKilledIsFollowedToTheEndAfterTheRestart() throws Exception {
    servers = new ServerProcess(workDir, List.of("--coaps-port", "-1"));
    Process first = servers.start("first");
    BlockingQueue<byte[]> installing = new LinkedBlockingQueue<>();
    AtomicReference<LwM2mClient> self = new AtomicReference<>();
    FirmwareUpdateInstance firmware = new FirmwareUpdateInstance(new FirmwareUpdater() {
      @Override
      public int verify(byte[] image) {
        return FirmwareUpdateInstance.RESULT_INITIAL;
      }

      @Override
      public int install(byte[] image) {
        installing.add(image);
        try {
          // the installation lasts until the test ends it, so the server dies in the middle of it
          return release.await(60, TimeUnit.SECONDS) ? FirmwareUpdateInstance.RESULT_SUCCESS : FirmwareUpdateInstance.RESULT_UPDATE_FAILED;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return FirmwareUpdateInstance.RESULT_UPDATE_FAILED;
        }
      }
    }, uri -> self.get().download(uri), installer);
    try (LwM2mClient client = LwM2mClient.builder(DEVICE).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coap://127.0.0.1:" + servers.coapPort()), 1, 3600).object(5, StoredInstance::new, List.of(firmware))
        .start()) {
      self.set(client);
      servers.awaitClient(DEVICE);
      byte[] image = new byte[20_000];
      for (int i = 0; i < image.length; i++) {
        image[i] = (byte) (i * 13 + 5);
      }
      HttpResponse<String> uploaded = servers.http().send(HttpRequest.newBuilder(servers.uri("/api/v1/firmware?name=app.bin"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
      String id = JSON.readTree(uploaded.body()).get("id").asText();
      HttpResponse<String> started = servers.http().send(HttpRequest.newBuilder(servers.uri("/api/v1/clients/" + DEVICE + "/firmware"))
          .POST(HttpRequest.BodyPublishers.ofString("{\"image\":\"" + id + "\",\"method\":\"push\"}"))
          .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      assertThat(installing.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the device installs the image").isEqualTo(image);
      awaitPhase(Set.of("updating"));

      ServerProcess.stop(first, true);
      Process second = servers.start("second");

      JsonNode resumed = servers.json("GET", "/api/v1/clients/" + DEVICE + "/firmware");
      assertThat(resumed.get("image").asText()).isEqualTo(id);
      assertThat(resumed.get("phase").asText()).as(resumed.toString()).isIn("downloaded", "updating");
      release.countDown();
      JsonNode last = awaitPhase(Set.of("succeeded", "failed"));
      assertThat(last.get("phase").asText()).as(last.toString()).isEqualTo("succeeded");
      assertThat(last.get("result").asInt()).isEqualTo(1);
      assertThat(last.get("startedAt").asText()).isEqualTo(resumed.get("startedAt").asText());

      ServerProcess.stop(second, false);
      servers.start("third");
      JsonNode shown = servers.json("GET", "/api/v1/clients/" + DEVICE + "/firmware");
      assertThat(shown).isEqualTo(last);
    }
  }

  /** Polls the device's job until its phase is one of {@code phases}; answers the job then. */
  private JsonNode awaitPhase(Set<String> phases) throws Exception {
    return await("the job reaching " + phases).atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          HttpResponse<String> response = servers.call("GET", "/api/v1/clients/" + DEVICE + "/firmware", "");
          return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }, job -> job != null && phases.contains(job.get("phase").asText()));
  }
}
