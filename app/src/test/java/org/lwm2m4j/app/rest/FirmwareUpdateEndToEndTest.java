package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.firmware.FirmwareUpdateInstance;
import org.lwm2m4j.client.object.firmware.FirmwareUpdater;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.security.PskSecurity;

/**
 * Firmware updates end to end on 127.0.0.1: image upload and update start over REST, progress on
 * the event stream, our server pushing to or serving {@code /fw/{id}} to our client, which installs
 * through a {@link FirmwareUpdater} — plain CoAP and CoAP over DTLS (PSK) for the pull.
 */
class FirmwareUpdateEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final BlockingQueue<byte[]> installed = new LinkedBlockingQueue<>();
  private final List<LwM2mClient> clients = new ArrayList<>();
  private LwM2mServer server;
  private RestApi api;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapsAddress(new InetSocketAddress("127.0.0.1", 0)).requestTimeout(Duration.ofSeconds(10)).start();
    api = RestApi.start(server, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    clients.forEach(LwM2mClient::close);
    api.close();
    server.close();
  }

  /** Starts our client with object 5 whose installation answers {@code installResult}. */
  private void device(String endpoint, int installResult, ClientCredentials credentials) throws Exception {
    AtomicReference<LwM2mClient> self = new AtomicReference<>();
    FirmwareUpdateInstance firmware = new FirmwareUpdateInstance(new FirmwareUpdater() {
      @Override
      public int verify(byte[] image) {
        return FirmwareUpdateInstance.RESULT_INITIAL;
      }

      @Override
      public int install(byte[] image) {
        installed.add(image);
        return installResult;
      }
    }, uri -> self.get().download(uri), CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    boolean secure = !(credentials instanceof ClientCredentials.NoSec);
    URI serverUri = URI.create(secure ? "coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort()
        : "coap://127.0.0.1:" + server.coapAddress().getPort());
    LwM2mClient client = LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(serverUri, 1, 60, credentials).object(5, StoredInstance::new, List.of(firmware)).start();
    self.set(client);
    clients.add(client);
    await(endpoint + " registering").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint(endpoint).isPresent());
  }

  private static byte[] image(int size, int seed) {
    byte[] image = new byte[size];
    for (int i = 0; i < size; i++) {
      image[i] = (byte) (i * 31 + seed);
    }
    return image;
  }

  private JsonNode upload(byte[] image, String name) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/v1/firmware?name=" + name))
        .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode json = JSON.readTree(response.body());
    assertThat(json.get("size").asInt()).isEqualTo(image.length);
    assertThat(json.get("name").asText()).isEqualTo(name);
    assertThat(json.get("sha256").asText()).hasSize(64).startsWith(json.get("id").asText());
    return json;
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  /** Follows {@code endpoint}'s 'firmware' events until the job ends; answers the phases seen and the last event. */
  private static JsonNode followToTheEnd(EventStreamReader events, String endpoint, List<String> phases) throws Exception {
    return followToTheEnd(events, endpoint, phases, new ArrayList<>());
  }

  /** As above, keeping the bytes transferred that each 'downloading' event showed. */
  private static JsonNode followToTheEnd(EventStreamReader events, String endpoint, List<String> phases, List<Long> progress)
      throws Exception {
    while (true) {
      JsonNode job = JSON.readTree(events.next("firmware", data -> data.contains("\"endpoint\":\"" + endpoint + "\""), WAIT).data());
      String phase = job.get("phase").asText();
      if (phase.equals("downloading")) {
        progress.add(job.get("bytesTransferred").asLong());
      }
      if (phases.isEmpty() || !phases.get(phases.size() - 1).equals(phase)) {
        phases.add(phase);
      }
      if (phase.equals("succeeded") || phase.equals("failed")) {
        return job;
      }
    }
  }

  private void updates(String method, int size, ClientCredentials credentials) throws Exception {
    device("fw-" + method, FirmwareUpdateInstance.RESULT_SUCCESS, credentials);
    byte[] image = image(size, 7);
    String id = upload(image, "app-" + method + ".bin").get("id").asText();
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"))) {
      HttpResponse<String> started = call("POST", "/api/v1/clients/fw-" + method + "/firmware",
          "{\"image\":\"" + id + "\",\"method\":\"" + method + "\"}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      assertThat(JSON.readTree(started.body()).get("image").asText()).isEqualTo(id);
      List<String> phases = new ArrayList<>();
      List<Long> progress = new ArrayList<>();
      JsonNode last = followToTheEnd(events, "fw-" + method, phases, progress);
      assertThat(last.get("phase").asText()).as(last.toString()).isEqualTo("succeeded");
      assertThat(last.get("result").asInt()).isEqualTo(1);
      assertThat(last.get("resultText").asText()).isEqualTo("firmware updated successfully");
      assertThat(last.get("method").asText()).isEqualTo(method);
      assertThat(last.has("error")).isFalse();
      assertThat(phases).containsSubsequence("downloading", "updating", "succeeded");
      // the download's progress, block by block as the device acknowledged (push) or fetched (pull) them
      assertThat(progress).as("bytes transferred while downloading").isSorted().contains((long) size)
          .anySatisfy(bytes -> assertThat(bytes).isStrictlyBetween(0L, (long) size));
      assertThat(last.get("bytesTransferred").asLong()).isEqualTo(size);
      assertThat(last.get("totalBytes").asLong()).isEqualTo(size);
      assertThat(last.get("percent").asInt()).isEqualTo(100);
    }
    assertThat(installed.poll(10, TimeUnit.SECONDS)).isEqualTo(image);
    JsonNode job = JSON.readTree(call("GET", "/api/v1/clients/fw-" + method + "/firmware", "").body());
    assertThat(job.get("phase").asText()).isEqualTo("succeeded");
    assertThat(job.get("state").asInt()).isEqualTo(0);
  }

  @Test
  void pushWritesTheImageBlockWiseAndTheEventsFollowItToSuccess() throws Exception {
    updates("push", 100_000, new ClientCredentials.NoSec());
  }

  @Test
  void pullLetsTheDeviceDownloadTheImageFromTheServersCoapResource() throws Exception {
    updates("pull", 150_000, new ClientCredentials.NoSec());
  }

  @Test
  void pullOverDtlsDownloadsThroughTheClientsSecureChannel() throws Exception {
    server.security().put(new PskSecurity("fw-pull", "fw-pull-id", KEY));
    // the endpoint name is the same as in updates("pull", …)
    updates("pull", 40_000, new ClientCredentials.Psk("fw-pull-id", KEY));
  }

  @Test
  void aFailedInstallationEndsTheJobWithTheDevicesResult() throws Exception {
    device("fw-fails", FirmwareUpdateInstance.RESULT_UPDATE_FAILED, new ClientCredentials.NoSec());
    String id = upload(image(3000, 1), "bad.bin").get("id").asText();
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"))) {
      assertThat(call("POST", "/api/v1/clients/fw-fails/firmware", "{\"image\":\"" + id + "\",\"method\":\"push\"}").statusCode())
          .isEqualTo(202);
      JsonNode last = followToTheEnd(events, "fw-fails", new ArrayList<>());
      assertThat(last.get("phase").asText()).isEqualTo("failed");
      assertThat(last.get("result").asInt()).isEqualTo(8);
      assertThat(last.get("resultText").asText()).isEqualTo("firmware update failed");
      assertThat(last.get("error").asText()).contains("firmware update failed");
    }
  }

  @Test
  void updatesManyDevicesAtOnceAndRefusesASecondUpdateOfTheSameDevice() throws Exception {
    device("fw-a", FirmwareUpdateInstance.RESULT_SUCCESS, new ClientCredentials.NoSec());
    device("fw-b", FirmwareUpdateInstance.RESULT_SUCCESS, new ClientCredentials.NoSec());
    byte[] image = image(20_000, 3);
    String id = upload(image, "many.bin").get("id").asText();
    assertThat(JSON.readTree(call("GET", "/api/v1/firmware", "").body()).findValuesAsText("id")).containsExactly(id);
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"))) {
      HttpResponse<String> started = call("POST", "/api/v1/firmware/" + id + "/updates",
          "{\"endpoints\":[\"fw-a\",\"fw-b\",\"nobody\"],\"method\":\"pull\"}");
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      JsonNode answers = JSON.readTree(started.body());
      // the answer is the job as it stands then: on a quick machine it may already be past "starting"
      assertThat(answers.get(0).get("endpoint").asText()).isEqualTo("fw-a");
      assertThat(answers.get(0).get("image").asText()).isEqualTo(id);
      assertThat(answers.get(0).get("phase").asText()).isNotEqualTo("failed");
      assertThat(answers.get(1).get("endpoint").asText()).isEqualTo("fw-b");
      assertThat(answers.get(2).get("status").asInt()).isEqualTo(404);
      HttpResponse<String> again = call("POST", "/api/v1/clients/fw-a/firmware", "{\"image\":\"" + id + "\",\"method\":\"push\"}");
      assertThat(again.statusCode()).as("one update at a time per device").isEqualTo(409);
      // both finish; the events of the two jobs interleave
      int succeeded = 0;
      while (succeeded < 2) {
        JsonNode job = JSON.readTree(events.next("firmware", data -> data.contains("\"phase\":\"succeeded\"")
            || data.contains("\"phase\":\"failed\""), WAIT).data());
        assertThat(job.get("phase").asText()).as(job.toString()).isEqualTo("succeeded");
        succeeded++;
      }
    }
    assertThat(Arrays.asList(installed.poll(10, TimeUnit.SECONDS), installed.poll(10, TimeUnit.SECONDS)))
        .allSatisfy(bytes -> assertThat(bytes).isEqualTo(image));
  }

  @Test
  void imagesUploadedAndDeletedThroughTheApiAreEvents() throws Exception {
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"))) {
      String id = upload(image(700, 5), "evented.bin").get("id").asText();
      JsonNode added = JSON.readTree(events.next("firmware-image", data -> data.contains(id), WAIT).data());
      assertThat(added.get("change").asText()).isEqualTo("added");
      assertThat(added.get("name").asText()).isEqualTo("evented.bin");
      assertThat(added.get("size").asInt()).isEqualTo(700);
      assertThat(call("DELETE", "/api/v1/firmware/" + id, "").statusCode()).isEqualTo(204);
      JsonNode removed = JSON.readTree(events.next("firmware-image", data -> data.contains(id), WAIT).data());
      assertThat(removed.get("change").asText()).isEqualTo("removed");
      assertThat(removed.get("id").asText()).isEqualTo(id);
    }
  }

  @Test
  void aJobsJsonCarriesItsProgress() throws Exception {
    device("fw-json", FirmwareUpdateInstance.RESULT_SUCCESS, new ClientCredentials.NoSec());
    String id = upload(image(2_000, 4), "json.bin").get("id").asText();
    JsonNode started = JSON.readTree(call("POST", "/api/v1/clients/fw-json/firmware", "{\"image\":\"" + id + "\"}").body());
    assertThat(started.get("totalBytes").asLong()).isEqualTo(2_000);
    assertThat(started.has("bytesTransferred")).isTrue();
    assertThat(started.has("percent")).isTrue();
    await("the job to end").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> JSON.readTree(call("GET", "/api/v1/clients/fw-json/firmware", "").body()).get("phase").asText().equals("succeeded"));
    JsonNode job = JSON.readTree(call("GET", "/api/v1/clients/fw-json/firmware", "").body());
    assertThat(job.get("bytesTransferred").asLong()).isEqualTo(2_000);
    assertThat(job.get("totalBytes").asLong()).isEqualTo(2_000);
    assertThat(job.get("percent").asInt()).isEqualTo(100);
  }

  @Test
  void imagesAreListedShownAndDeletedAndUnknownOnesAre404() throws Exception {
    String id = upload(image(500, 9), "small.bin").get("id").asText();
    assertThat(call("GET", "/api/v1/firmware/" + id, "").statusCode()).isEqualTo(200);
    assertThat(call("POST", "/api/v1/clients/nobody/firmware", "{\"image\":\"" + id + "\"}").statusCode()).isEqualTo(404);
    assertThat(call("POST", "/api/v1/clients/nobody/firmware", "{\"image\":\"" + id + "\",\"method\":\"carrier-pigeon\"}")
        .statusCode()).isEqualTo(400);
    assertThat(call("DELETE", "/api/v1/firmware/" + id, "").statusCode()).isEqualTo(204);
    assertThat(call("GET", "/api/v1/firmware/" + id, "").statusCode()).isEqualTo(404);
    assertThat(call("GET", "/api/v1/clients/nobody/firmware", "").statusCode()).isEqualTo(404);
  }
}
