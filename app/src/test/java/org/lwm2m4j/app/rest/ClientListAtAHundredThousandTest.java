package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.LwM2mServerBuilder;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.store.sqlite.SqliteStore;

/**
 * {@code GET /api/v1/clients} with 100,000 registrations, in the memory store and in the SQLite
 * store (also after a reopen): the first page, a prefix search deep in the names and a page in
 * the middle answer what they should. Their latencies are printed for the record (median of 50
 * requests, after a first round that warms the JIT up); no timing is asserted.
 */
class ClientListAtAHundredThousandTest {
  private static final int CLIENTS = 100_000;
  private static final int WARM_UP = 30;
  private static final int MEASURED = 50;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir
  Path dataDir;

  private static void fill(RegistrationStore store) {
    Instant now = Instant.now();
    for (int i = 0; i < CLIENTS; i++) {
      store.add(Registration.builder("reg" + i, String.format("dev-%06d", i), new InetSocketAddress("127.0.0.1", 1_024 + i % 60_000))
          .lifetimeSeconds(86_400).lwm2mVersion(Version.V1_1).objectLinks("</1/0>,</3/0>,</3303/0>").registeredAt(now).build());
    }
  }

  @Test
  void theMemoryStoreAnswersPagesAndPrefixSearchesAtAHundredThousand() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi api = RestApi.start(server, "127.0.0.1", 0)) {
      fill(server.registrations().store());
      checkAndMeasure("memory", api.port());
    }
  }

  @Test
  void theSqliteStoreAnswersPagesAndPrefixSearchesAtAHundredThousandAlsoAfterAReopen() throws Exception {
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      try (LwM2mServer server = server(store); RestApi api = RestApi.start(server, "127.0.0.1", 0)) {
        long start = System.nanoTime();
        fill(server.registrations().store());
        server.registrations().store().persisted().get(120, TimeUnit.SECONDS);
        System.out.printf("sqlite: %,d registrations added and committed in %d ms%n", CLIENTS, millisSince(start));
        checkAndMeasure("sqlite", api.port());
      }
    }
    long start = System.nanoTime();
    try (SqliteStore reopened = SqliteStore.open(dataDir)) {
      System.out.printf("sqlite: reopened with %,d registrations in %d ms%n", reopened.loaded().registrations(), millisSince(start));
      assertThat(reopened.loaded().registrations()).isEqualTo(CLIENTS);
      try (LwM2mServer server = server(reopened); RestApi api = RestApi.start(server, "127.0.0.1", 0)) {
        checkAndMeasure("sqlite reopened", api.port());
      }
    }
  }

  private static LwM2mServer server(SqliteStore store) throws Exception {
    LwM2mServerBuilder builder = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).store(store);
    return builder.start();
  }

  private void checkAndMeasure(String store, int port) throws Exception {
    JsonNode first = get(port, "/api/v1/clients");
    assertThat(first.path("total").asInt()).isEqualTo(CLIENTS);
    assertThat(first.path("clients").size()).isEqualTo(100);
    assertThat(first.path("clients").get(0).path("endpoint").asText()).isEqualTo("dev-000000");

    JsonNode search = get(port, "/api/v1/clients?q=dev-09999");
    assertThat(search.path("clients").findValuesAsText("endpoint")).hasSize(10).first().isEqualTo("dev-099990");
    assertThat(search.has("next")).isFalse();

    String middleCursor = new ClientCursor("dev-049999").text();
    JsonNode middle = get(port, "/api/v1/clients?limit=1000&cursor=" + middleCursor);
    assertThat(middle.path("clients").size()).isEqualTo(1000);
    assertThat(middle.path("clients").get(0).path("endpoint").asText()).isEqualTo("dev-050000");

    // the first round warms the JIT up (a cold JVM answers the page of 1000 ten times slower); the second is reported
    for (int round = 1; round <= 2; round++) {
      double firstPage = medianMillis(port, "/api/v1/clients");
      double prefix = medianMillis(port, "/api/v1/clients?q=dev-09999");
      double middlePage = medianMillis(port, "/api/v1/clients?limit=1000&cursor=" + middleCursor);
      if (round == 2) {
        System.out.printf("%s, %,d clients: first page %.2f ms, prefix search %.2f ms, page of 1000 in the middle %.2f ms (median of %d)%n",
            store, CLIENTS, firstPage, prefix, middlePage, MEASURED);
      }
    }
  }

  private double medianMillis(int port, String path) throws Exception {
    for (int i = 0; i < WARM_UP; i++) {
      get(port, path);
    }
    long[] nanos = new long[MEASURED];
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      get(port, path);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return nanos[MEASURED / 2] / 1e6;
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  private JsonNode get(int port, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }
}
