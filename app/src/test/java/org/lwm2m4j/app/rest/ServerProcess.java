package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code lwm2m server} as separate processes on fixed ports and one data directory, for
 * restart tests: {@link #start} launches one and waits until its REST API is up, {@link #call}
 * talks to it, {@link #close} kills whatever is still running.
 */
final class ServerProcess implements AutoCloseable {
  static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDir;
  private final int coapPort;
  private final int httpPort;
  private final List<String> options;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> started = new ArrayList<>();

  /**
   * @param workDir where the data directory ({@code workDir/data}) and the processes' logs go
   * @param options further {@code lwm2m server} options, e.g. {@code --coaps-port}
   */
  ServerProcess(Path workDir, List<String> options) throws IOException {
    this.dataDir = workDir.resolve("data");
    this.coapPort = freeUdpPort();
    this.httpPort = freeTcpPort();
    this.options = List.copyOf(options);
  }

  Path dataDir() {
    return dataDir;
  }

  int coapPort() {
    return coapPort;
  }

  HttpClient http() {
    return http;
  }

  URI events() {
    return uri("/api/v1/events");
  }

  /** The REST API's URI for {@code path}. */
  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /** Starts a server process, its output in a log file named for {@code name}, and waits until its REST API answers. */
  Process start(String name) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path log = dataDir.resolveSibling("server-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "org.lwm2m4j.app.Main", "server", "--coap-address", "127.0.0.1", "--coap-port", Integer.toString(coapPort),
        "--http-address", "127.0.0.1", "--http-port", Integer.toString(httpPort), "--data-dir", dataDir.toString()));
    command.addAll(options);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(process);
    // A JVM start on a loaded two-core machine can take tens of seconds: the bound is generous, the wait is not.
    await("the server's REST API line in " + log).atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(50))
        .failFast("the server process ended; see " + log, () -> !process.isAlive())
        .untilAsserted(() -> assertThat(Files.exists(log) ? Files.readString(log) : "").contains("REST API on http://"));
    return process;
  }

  /** Ends {@code process} with SIGKILL ({@code kill}) or SIGTERM, and waits until it is gone. */
  static void stop(Process process, boolean kill) throws InterruptedException {
    if (kill) {
      process.destroyForcibly();
    } else {
      process.destroy();
    }
    assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("the server process ended").isTrue();
  }

  /** Polls until {@code endpoint} is registered and returns its registration. */
  JsonNode awaitClient(String endpoint) throws Exception {
    HttpResponse<String> registered = await(endpoint + " registering").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> call("GET", "/api/v1/clients/" + endpoint, ""), response -> response.statusCode() == 200);
    return JSON.readTree(registered.body());
  }

  /** One REST call; a non-empty body is sent as SenML JSON. */
  HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(WAIT)
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (!body.isEmpty()) {
      request.header("Content-Type", "application/senml+json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String method, String path) throws Exception {
    return JSON.readTree(call(method, path, "").body());
  }

  /**
   * Checks that {@code endpoint} is served after a restart as it was before: it kept {@code
   * registrationId}, a Read reaches it, and the change of an observed value (a Write of {@code
   * /3/0/15}) comes back on the event stream as a notification with {@code token}.
   */
  void assertStillServed(String endpoint, String registrationId, String token) throws Exception {
    JsonNode restored = json("GET", "/api/v1/clients/" + endpoint);
    assertThat(restored.get("registrationId").asText()).as("the client did not register again").isEqualTo(registrationId);
    HttpResponse<String> read = call("GET", "/api/v1/clients/" + endpoint + "/data/3/0", "");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("/3/0/0");

    try (EventStreamReader events = EventStreamReader.connect(http, events())) {
      HttpResponse<String> written = call("PUT", "/api/v1/clients/" + endpoint + "/data/3/0/15",
          "[{\"n\":\"/3/0/15\",\"vs\":\"Europe/Berlin\"}]");
      assertThat(written.statusCode()).as(written.body()).isEqualTo(204);
      EventStreamReader.Event notification = events.next("notification", data -> data.contains("Europe/Berlin"), WAIT);
      JsonNode body = JSON.readTree(notification.data());
      assertThat(body.get("endpoint").asText()).isEqualTo(endpoint);
      assertThat(body.get("token").asText()).isEqualTo(token);
    }
    assertThat(json("GET", "/api/v1/clients/" + endpoint).get("registrationId").asText()).isEqualTo(registrationId);
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    }
  }

  static int freeTcpPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
