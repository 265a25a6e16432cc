package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.registration.Registration;

/**
 * {@code GET /api/v1/clients} pages through 2,500 registrations put straight into the server's
 * store: {@code limit}, the opaque {@code cursor} and {@code next}, the {@code q} endpoint prefix,
 * and 400 answers for what it cannot use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientsRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEVICES = 2_000;
  private static final int SENSORS = 500;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LwM2mServer server;
  private RestApi api;

  @BeforeAll
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    api = RestApi.start(server, "127.0.0.1", 0);
    for (int i = 0; i < DEVICES + SENSORS; i++) {
      String endpoint = i < DEVICES ? String.format("dev-%04d", i) : String.format("sensor-%03d", i - DEVICES);
      server.registrations().store().add(Registration.builder("reg" + i, endpoint, new InetSocketAddress("127.0.0.1", 10_000 + i))
          .lifetimeSeconds(3600).lwm2mVersion(Version.V1_1).objectLinks("</1/0>,</3/0>").registeredAt(Instant.now()).build());
    }
  }

  @AfterAll
  void stop() {
    if (api != null) {
      api.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void pagesWalkEveryRegistrationExactlyOnceInEndpointOrder() throws Exception {
    List<String> seen = walk("limit=1000", 1000);
    assertThat(seen).hasSize(DEVICES + SENSORS).doesNotHaveDuplicates().isSorted();
    assertThat(seen.get(0)).isEqualTo("dev-0000");
    assertThat(seen.get(seen.size() - 1)).isEqualTo("sensor-499");
  }

  @Test
  void aPageHoldsAHundredByDefaultAndTellsTheTotal() throws Exception {
    JsonNode page = get("/api/v1/clients");
    assertThat(page.path("clients").size()).isEqualTo(100);
    assertThat(page.path("total").asInt()).isEqualTo(DEVICES + SENSORS);
    assertThat(page.path("next").asText()).isNotEmpty();
    JsonNode first = page.path("clients").get(0);
    assertThat(first.path("endpoint").asText()).isEqualTo("dev-0000");
    assertThat(first.path("registrationId").asText()).isEqualTo("reg0");
    assertThat(first.path("awake").asBoolean()).isTrue();
    assertThat(first.path("secure").asBoolean()).isFalse();
    assertThat(first.path("security").asText()).isEqualTo("none");
    assertThat(first.has("identity")).isFalse();
    assertThat(first.path("objectLinks").path("links").findValuesAsText("target")).containsExactly("/1/0", "/3/0");
  }

  @Test
  void qNarrowsToEndpointsWithThatPrefixAndPagesThemToo() throws Exception {
    List<String> sensors = walk("q=sensor-&limit=64", 64);
    assertThat(sensors).hasSize(SENSORS).doesNotHaveDuplicates().isSorted().allMatch(endpoint -> endpoint.startsWith("sensor-"));
    assertThat(walk("q=dev-01&limit=30", 30)).hasSize(100).first().isEqualTo("dev-0100");
    JsonNode none = get("/api/v1/clients?q=" + URLEncoder.encode("dév", StandardCharsets.UTF_8));
    assertThat(none.path("clients").size()).isZero();
    assertThat(none.has("next")).isFalse();
    assertThat(none.path("total").asInt()).isEqualTo(DEVICES + SENSORS);
  }

  @Test
  void theLastPageHasNoNext() throws Exception {
    JsonNode all = get("/api/v1/clients?q=sensor-&limit=1000");
    assertThat(all.path("clients").size()).isEqualTo(SENSORS);
    assertThat(all.has("next")).isFalse();
    JsonNode exactly = get("/api/v1/clients?q=sensor-&limit=500");
    assertThat(exactly.path("clients").size()).isEqualTo(SENSORS);
    assertThat(exactly.has("next")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"limit=0", "limit=-1", "limit=1001", "limit=ten", "limit=1.5", "limit=99999999999",
      "cursor=not*base64", "cursor=_w", "cursor=%2F%2F%2F%2F"})
  void whatCannotBeUsedIsAnswered400WithAMessage(String query) throws Exception {
    HttpResponse<String> response = call("/api/v1/clients?" + query);
    assertThat(response.statusCode()).as(query).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    String error = JSON.readTree(response.body()).path("error").asText();
    assertThat(error).as(query).contains(query.substring(0, query.indexOf('=')));
  }

  @Test
  void aCursorFromOneWalkContinuesAfterItsEndpointEvenIfThatLeft() throws Exception {
    JsonNode first = get("/api/v1/clients?q=dev-&limit=2");
    String next = first.path("next").asText();
    assertThat(new String(Base64.getUrlDecoder().decode(next), StandardCharsets.UTF_8)).isEqualTo("dev-0001");
    assertThat(server.registrations().store().byEndpoint("dev-0001")).isPresent();
    String id = server.registrations().store().byEndpoint("dev-0001").orElseThrow().id();
    Registration gone = server.registrations().store().remove(id).orElseThrow();
    try {
      JsonNode second = get("/api/v1/clients?q=dev-&limit=2&cursor=" + next);
      assertThat(second.path("clients").findValuesAsText("endpoint")).containsExactly("dev-0002", "dev-0003");
    } finally {
      server.registrations().store().add(gone);
    }
  }

  /** Every endpoint of a walk through the pages of {@code query}, checking each page's size. */
  private List<String> walk(String query, int limit) throws Exception {
    List<String> seen = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    for (int pages = 0; pages < 200; pages++) {
      JsonNode page = get("/api/v1/clients?" + query + cursor.map(c -> "&cursor=" + c).orElse(""));
      assertThat(page.path("clients").size()).isLessThanOrEqualTo(limit);
      page.path("clients").forEach(client -> seen.add(client.path("endpoint").asText()));
      cursor = Optional.ofNullable(page.get("next")).map(JsonNode::asText);
      if (cursor.isEmpty()) {
        return seen;
      }
      assertThat(page.path("clients").size()).isEqualTo(limit);
    }
    throw new AssertionError("no last page after 200 pages of " + query);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = call(path);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> call(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
