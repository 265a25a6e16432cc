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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.ServerCredentials;

/**
 * Two nodes whose event streams share an {@link EventRelay}: an event on one node is on the stream of
 * both, marked with the node it happened on; without a relay an event has no {@code "node"}.
 */
class EventFanOutTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryEventRelays relays = new InMemoryEventRelays();
  private final HttpClient http = HttpClient.newHttpClient();
  private LwM2mServer serverA;
  private LwM2mServer serverB;
  private RestApi restA;
  private RestApi restB;
  private LwM2mClient client;

  @BeforeEach
  void start() throws Exception {
    serverA = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    serverB = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    restA = RestApi.start(serverA, "127.0.0.1", 0, new InMemorySecurityStore(), ServerCredentials.none(), Optional.empty(),
        Optional.empty(), relays.node("node-a"));
    restB = RestApi.start(serverB, "127.0.0.1", 0, new InMemorySecurityStore(), ServerCredentials.none(), Optional.empty(),
        Optional.empty(), relays.node("node-b"));
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    restA.close();
    restB.close();
    serverA.close();
    serverB.close();
  }

  @Test
  void aRegistrationAndANotificationOnOneNodeAreOnTheEventStreamOfBothWithTheirNode() throws Exception {
    try (EventStreamReader atA = EventStreamReader.connect(http, events(restA));
        EventStreamReader atB = EventStreamReader.connect(http, events(restB))) {
      client = register("fan-out-1", serverA);

      JsonNode registeredAtB = JSON.readTree(atB.next("registered", data -> data.contains("fan-out-1"), WAIT).data());
      assertThat(registeredAtB.get("node").asText()).isEqualTo("node-a");
      JsonNode registeredAtA = JSON.readTree(atA.next("registered", data -> data.contains("fan-out-1"), WAIT).data());
      assertThat(registeredAtA.get("node").asText()).isEqualTo("node-a");

      Registration registration = serverA.registrations().store().byEndpoint("fan-out-1").orElseThrow();
      serverA.observations().observe(registration, LwM2mPath.of(3, 0, 15), List.of(), RequestOptions.DEFAULTS).join();
      HttpResponse<String> written = http.send(HttpRequest.newBuilder(URI.create(base(restA) + "/api/v1/clients/fan-out-1/data/3/0/15"))
          .header("Content-Type", "application/senml+json")
          .PUT(HttpRequest.BodyPublishers.ofString("[{\"n\":\"/3/0/15\",\"vs\":\"Europe/Oslo\"}]")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(written.statusCode()).as(written.body()).isEqualTo(204);

      JsonNode notifiedAtB = JSON.readTree(atB.next("notification", data -> data.contains("Europe/Oslo"), WAIT).data());
      assertThat(notifiedAtB.get("node").asText()).isEqualTo("node-a");
      assertThat(notifiedAtB.get("endpoint").asText()).isEqualTo("fan-out-1");
    }
  }

  @Test
  void withoutAClusterAnEventHasNoNode() throws Exception {
    try (RestApi single = RestApi.start(serverB, "127.0.0.1", 0);
        EventStreamReader events = EventStreamReader.connect(http, events(single))) {
      client = register("alone-1", serverB);
      JsonNode registered = JSON.readTree(events.next("registered", data -> data.contains("alone-1"), WAIT).data());
      assertThat(registered.has("node")).isFalse();
    }
  }

  private LwM2mClient register(String endpoint, LwM2mServer server) throws Exception {
    LwM2mClient started = LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60).start();
    await(endpoint + " registered").atMost(WAIT).until(() -> server.registrations().store().byEndpoint(endpoint).isPresent());
    return started;
  }

  private static String base(RestApi api) {
    return "http://127.0.0.1:" + api.port();
  }

  private static URI events(RestApi api) {
    return URI.create(base(api) + EventStream.PATH);
  }
}
