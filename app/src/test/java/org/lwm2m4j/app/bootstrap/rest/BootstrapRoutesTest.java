package org.lwm2m4j.app.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.bootstrap.BootstrapMode;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.SecurityConfig;
import org.lwm2m4j.server.bootstrap.config.ServerAccountConfig;

/** {@code /api/v1/bootstrap/configs} over real HTTP on 127.0.0.1, backed by an in-memory store the test can see. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BootstrapRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "00112233445566778899aabbccddeeff";
  private static final String CONFIG = """
      {"delete": ["/0", "/1"],
       "servers": [{"shortServerId": 1, "uri": "coaps://127.0.0.1:5684", "lifetime": 300, "binding": "U",
                    "security": {"mode": "psk", "identity": "dev1", "key": "%s"}}],
       "bootstrapServer": {"uri": "coaps://127.0.0.1:5784", "security": {"mode": "psk", "identity": "dev1-bs", "key": "%s"}}}
      """.formatted(KEY, KEY);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final InMemoryBootstrapConfigStore store = new InMemoryBootstrapConfigStore();
  private final List<Map.Entry<String, Optional<InetSocketAddress>>> pushes = new CopyOnWriteArrayList<>();
  private volatile BiFunction<String, Optional<InetSocketAddress>, CompletableFuture<?>> pushResult;
  private Javalin app;

  @BeforeAll
  void start() {
    app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
    });
    // Stands in for the app's ErrorMapping: whatever the routes leave unanswered becomes a 500.
    app.exception(Exception.class, (failure, ctx) -> ctx.status(500).result("unhandled: " + failure));
    new BootstrapRoutes(store, (endpoint, address) -> {
      pushes.add(Map.entry(endpoint, address));
      return pushResult.apply(endpoint, address);
    }).addTo(app);
    app.start("127.0.0.1", 0);
  }

  @AfterAll
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  @BeforeEach
  void reset() {
    store.all().keySet().forEach(store::remove);
    pushes.clear();
    pushResult = (endpoint, address) -> new CompletableFuture<>();
  }

  @Test
  void putStoresANewConfigWith201AndShowsItWithoutSecrets() throws Exception {
    HttpResponse<String> created = call("PUT", "/api/v1/bootstrap/configs/dev1", CONFIG);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode json = JSON.readTree(created.body());
    assertThat(json.get("endpoint").asText()).isEqualTo("dev1");
    assertThat(json.get("config").get("servers").get(0).get("security").get("identity").asText()).isEqualTo("dev1");
    assertThat(json.get("lastSession").isNull()).isTrue();
    assertThat(created.body()).doesNotContain(KEY);
    SecurityConfig.Psk psk = (SecurityConfig.Psk) store.get("dev1").orElseThrow().servers().get(0).security();
    assertThat(psk.key()).isEqualTo(HexFormat.of().parseHex(KEY));
  }

  @Test
  void putOverAnExistingConfigAnswers200() throws Exception {
    call("PUT", "/api/v1/bootstrap/configs/dev1", CONFIG);

    HttpResponse<String> replaced = call("PUT", "/api/v1/bootstrap/configs/dev1",
        "{\"servers\":[{\"shortServerId\":2,\"uri\":\"coap://10.0.0.1\",\"security\":{\"mode\":\"nosec\"}}]}");

    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
    assertThat(store.get("dev1").orElseThrow().servers().get(0).shortServerId()).isEqualTo(2);
  }

  @Test
  void aBadBodyIs400NamingTheFieldAndStoresNothing() throws Exception {
    HttpResponse<String> bad = call("PUT", "/api/v1/bootstrap/configs/dev1",
        "{\"servers\":[{\"shortServerId\":1,\"uri\":\"coaps://h\",\"security\":{\"mode\":\"psk\",\"identity\":\"d\",\"key\":\"xyz\"}}]}");

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("error").asText()).startsWith("servers[0].security.key has an odd number of hex digits");
    assertThat(store.all()).isEmpty();

    HttpResponse<String> notJson = call("PUT", "/api/v1/bootstrap/configs/dev1", "servers");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notJson.body()).get("error").asText()).startsWith("the config is not JSON");

    HttpResponse<String> empty = call("PUT", "/api/v1/bootstrap/configs/dev1", "");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(empty.body()).get("error").asText()).startsWith("the config is empty");
  }

  @Test
  void getShowsOneConfigWithItsLastSession() throws Exception {
    call("PUT", "/api/v1/bootstrap/configs/dev1", CONFIG);
    store.recordSession("dev1", BootstrapSessionRecord.finished(Instant.parse("2025-01-01T10:00:00Z"),
        Instant.parse("2025-01-01T10:00:01Z"), Optional.of("127.0.0.1:56830"), BootstrapMode.PACK));

    HttpResponse<String> shown = call("GET", "/api/v1/bootstrap/configs/dev1", "");

    assertThat(shown.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(shown.body());
    assertThat(json.get("config").get("bootstrapServer").get("uri").asText()).isEqualTo("coaps://127.0.0.1:5784");
    assertThat(json.get("lastSession").get("outcome").asText()).isEqualTo("finished");
    assertThat(json.get("lastSession").get("address").asText()).isEqualTo("127.0.0.1:56830");
    assertThat(json.get("lastSession").get("mode").asText()).isEqualTo("pack");
    assertThat(shown.body()).doesNotContain(KEY);
  }

  @Test
  void unknownEndpointsAre404() throws Exception {
    for (String method : List.of("GET", "DELETE")) {
      HttpResponse<String> response = call(method, "/api/v1/bootstrap/configs/nobody", "");
      assertThat(response.statusCode()).as(method).isEqualTo(404);
      assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("no bootstrap config for endpoint 'nobody'");
    }
    HttpResponse<String> push = call("POST", "/api/v1/bootstrap/configs/nobody/push", "");
    assertThat(push.statusCode()).isEqualTo(404);
    assertThat(pushes).isEmpty();
  }

  @Test
  void listShowsEveryConfigSortedWithItsLastSession() throws Exception {
    call("PUT", "/api/v1/bootstrap/configs/b", CONFIG);
    call("PUT", "/api/v1/bootstrap/configs/a", CONFIG);
    store.recordSession("b", BootstrapSessionRecord.failed(Instant.EPOCH, Instant.EPOCH, "timeout", Optional.empty(), BootstrapMode.REQUEST));

    HttpResponse<String> list = call("GET", "/api/v1/bootstrap/configs", "");

    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(list.body());
    assertThat(json).hasSize(2);
    assertThat(json.get(0).get("endpoint").asText()).isEqualTo("a");
    assertThat(json.get(0).get("lastSession").isNull()).isTrue();
    assertThat(json.get(1).get("endpoint").asText()).isEqualTo("b");
    assertThat(json.get(1).get("lastSession").get("outcome").asText()).isEqualTo("failed: timeout");
    assertThat(list.body()).doesNotContain(KEY);
  }

  @Test
  void deleteRemovesTheConfigAndShowsWhatWasRemoved() throws Exception {
    call("PUT", "/api/v1/bootstrap/configs/dev1", CONFIG);

    HttpResponse<String> deleted = call("DELETE", "/api/v1/bootstrap/configs/dev1", "");

    assertThat(deleted.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(deleted.body()).get("endpoint").asText()).isEqualTo("dev1");
    assertThat(store.get("dev1")).isEmpty();
    assertThat(call("GET", "/api/v1/bootstrap/configs/dev1", "").statusCode()).isEqualTo(404);
  }

  @Test
  void endpointNamesAreTakenFromTheDecodedPath() throws Exception {
    HttpResponse<String> created = call("PUT", "/api/v1/bootstrap/configs/urn:imei:490154203237518", CONFIG);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(store.get("urn:imei:490154203237518")).isPresent();
  }

  @Test
  void pushWithoutABodyStartsABootstrapAtTheLastKnownAddress() throws Exception {
    store.put("dev1", config());

    HttpResponse<String> accepted = call("POST", "/api/v1/bootstrap/configs/dev1/push", "");

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).toString()).isEqualTo("{\"endpoint\":\"dev1\",\"address\":null}");
    assertThat(pushes).containsExactly(Map.entry("dev1", Optional.empty()));
  }

  @Test
  void pushWithAnAddressPassesItOn() throws Exception {
    store.put("dev1", config());

    HttpResponse<String> accepted = call("POST", "/api/v1/bootstrap/configs/dev1/push", "{\"address\":\"127.0.0.1:56830\"}");
    HttpResponse<String> v6 = call("POST", "/api/v1/bootstrap/configs/dev1/push", "{\"address\":\"[::1]:5683\"}");

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).get("address").asText()).isEqualTo("127.0.0.1:56830");
    assertThat(JSON.readTree(v6.body()).get("address").asText()).isEqualTo("[0:0:0:0:0:0:0:1]:5683");
    assertThat(pushes).containsExactly(
        Map.entry("dev1", Optional.of(new InetSocketAddress("127.0.0.1", 56830))),
        Map.entry("dev1", Optional.of(new InetSocketAddress("::1", 5683))));
  }

  @Test
  void pushWithABadAddressIs400AndPushesNothing() throws Exception {
    store.put("dev1", config());

    for (String body : List.of("{\"address\":\"127.0.0.1\"}", "{\"address\":\"127.0.0.1:70000\"}", "{\"address\":5683}",
        "{\"adress\":\"127.0.0.1:5683\"}", "{\"address\":\"::1:5683\"}", "[1]", "{\"address\":")) {
      HttpResponse<String> bad = call("POST", "/api/v1/bootstrap/configs/dev1/push", body);
      assertThat(bad.statusCode()).as(body).isEqualTo(400);
      assertThat(JSON.readTree(bad.body()).get("error").asText()).as(body).isNotBlank();
    }
    assertThat(pushes).isEmpty();
  }

  @Test
  void aPushRefusedAtOnceIsAnsweredWithItsError() throws Exception {
    store.put("dev1", config());
    pushResult = (endpoint, address) -> CompletableFuture.failedFuture(
        new InvalidRequestException("no address known for 'dev1'; give one"));

    HttpResponse<String> refused = call("POST", "/api/v1/bootstrap/configs/dev1/push", "");

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("no address known for 'dev1'; give one");
  }

  @Test
  void otherFailuresAreLeftToTheAppsExceptionHandler() throws Exception {
    store.put("dev1", config());
    pushResult = (endpoint, address) -> {
      throw new IllegalStateException("bootstrap server stopped");
    };

    HttpResponse<String> failed = call("POST", "/api/v1/bootstrap/configs/dev1/push", "");

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).contains("bootstrap server stopped");
  }

  private static BootstrapConfig config() {
    return BootstrapConfig.of(List.of(new ServerAccountConfig(1, "coap://127.0.0.1:5683", 300, "U", new SecurityConfig.NoSec())));
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
