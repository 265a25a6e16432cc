package org.lwm2m4j.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.server.LwM2mServer;

/** {@code GET /metrics} moves as clients register and requests are made. */
class MetricsTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private String get(int port, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void dtlsHandshakesAreCounted() throws Exception {
    byte[] key = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapsAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0)) {
      server.security().put(new org.lwm2m4j.server.security.PskSecurity("secure", "secure-id", key));
      try (LwM2mClient client = LwM2mClient.builder("secure").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .server(URI.create("coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort()), 1, 60,
              new org.lwm2m4j.client.security.ClientCredentials.Psk("secure-id", key)).start()) {
        await().atMost(Duration.ofSeconds(15))
            .until(() -> server.registrations().store().byEndpoint("secure").isPresent());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
            assertThat(get(rest.port(), "/metrics")).contains("lwm2m_dtls_handshakes_total{kind=\"full\",result=\"succeeded\"} 1.0"));
      }
    }
  }

  @Test
  void metricsFollowRegistrationsAndRequests() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0)) {
      assertThat(get(rest.port(), "/metrics")).contains("lwm2m_clients_registered 0.0");
      try (LwM2mClient client = LwM2mClient.builder("metered").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60).start()) {
        await().atMost(Duration.ofSeconds(15))
            .until(() -> server.registrations().store().byEndpoint("metered").isPresent());
        get(rest.port(), "/api/v1/clients/metered/data/3/0");
        get(rest.port(), "/api/v1/clients/metered/data/3/0/99");
        String metrics = get(rest.port(), "/metrics");
        assertThat(metrics).contains("lwm2m_clients_registered 1.0")
            .contains("lwm2m_registration_events_total{event=\"registered\"} 1.0")
            .contains("lwm2m_device_requests_seconds_count{operation=\"read\",outcome=\"success\"} 1")
            .contains("lwm2m_device_requests_seconds_count{operation=\"read\",outcome=\"4.04\"} 1")
            .contains("jvm_memory_used_bytes");
      }
    }
  }

  @Test
  void storeCommitsAreTimed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dataDir) throws Exception {
    try (org.lwm2m4j.server.store.sqlite.SqliteStore store = org.lwm2m4j.server.store.sqlite.SqliteStore.open(dataDir);
        LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).store(store).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0)) {
      try (LwM2mClient client = LwM2mClient.builder("stored").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60).start()) {
        await().atMost(Duration.ofSeconds(15))
            .until(() -> server.registrations().store().byEndpoint("stored").isPresent());
        server.registrations().store().persisted().get(10, TimeUnit.SECONDS);
        // The commit's timer is recorded by the writer thread after the batch's future completes.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
            assertThat(get(rest.port(), "/metrics")).containsPattern("lwm2m_store_write_seconds_count [1-9]")
                .contains("lwm2m_store_write_seconds_bucket")
                .containsPattern("lwm2m_store_batch_size_sum [1-9]"));
      }
    }
  }
}
