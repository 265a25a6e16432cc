package org.lwm2m4j.app.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.server.LwM2mServer;

/** A queue-mode client over real UDP: requests made while it sleeps wait, answer 202, and complete when it wakes. */
class QueueModeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode awaitState(int port, String id, String state) {
    return await("request " + id + " reaching " + state).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
        .until(() -> JSON.readTree(get(port, "/api/v1/requests/" + id).body()), json -> json.path("state").asText().equals(state));
  }

  /** Waits until the server takes the client to sleep: its awake window has passed since its last message. */
  private void awaitAsleep(int port, String endpoint) {
    await(endpoint + " falling asleep").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
        .until(() -> JSON.readTree(get(port, "/api/v1/clients/" + endpoint).body()).path("awake").asBoolean(), awake -> !awake);
  }

  @Test
  void requestsWaitForTheClientToWakeAndFullOrExpiredQueuesSaySo() throws Exception {
    // long enough that a loaded machine still sees the client awake just after it registered
    Duration awake = Duration.ofMillis(2500);
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .queueMode(awake, 2, Duration.ofSeconds(5)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0);
        LwM2mClient client = LwM2mClient.builder("sleepy").localAddress(new InetSocketAddress("127.0.0.1", 0)).queueMode(true)
            .registrationSettings(new RegistrationSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9))
            .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 300).start()) {
      await("sleepy registering").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
          .until(() -> server.registrations().store().byEndpoint("sleepy").isPresent());
      assertThat(server.registrations().store().byEndpoint("sleepy").orElseThrow().queueMode()).isTrue();
      assertThat(JSON.readTree(get(rest.port(), "/api/v1/clients/sleepy").body()).path("awake").asBoolean()).isTrue();

      awaitAsleep(rest.port(), "sleepy");
      HttpResponse<String> queued = get(rest.port(), "/api/v1/clients/sleepy/data/3/0/0");
      assertThat(queued.statusCode()).isEqualTo(202);
      String id = JSON.readTree(queued.body()).path("requestId").asText();
      assertThat(JSON.readTree(get(rest.port(), "/api/v1/requests/" + id).body()).path("state").asText()).isEqualTo("queued");

      client.registrations().updateAll();
      JsonNode done = awaitState(rest.port(), id, "done");
      assertThat(done.path("content").toString()).contains("/3/0/0").contains("lwm2m4j");
      assertThat(done.path("contentFormat").path("name").asText()).isEqualTo("senml-cbor");

      awaitAsleep(rest.port(), "sleepy");
      String first = JSON.readTree(get(rest.port(), "/api/v1/clients/sleepy/data/3/0/1").body()).path("requestId").asText();
      assertThat(get(rest.port(), "/api/v1/clients/sleepy/data/3/0/2").statusCode()).isEqualTo(202);
      HttpResponse<String> full = get(rest.port(), "/api/v1/clients/sleepy/data/3/0/3");
      assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
      assertThat(full.body()).contains("queued");

      JsonNode expired = awaitState(rest.port(), first, "failed");
      assertThat(expired.path("status").asInt()).isEqualTo(504);
      assertThat(expired.path("error").asText()).contains("expired in the queue");
    }
  }
}
