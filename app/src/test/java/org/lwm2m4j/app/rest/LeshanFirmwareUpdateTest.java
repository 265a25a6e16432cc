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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.server.LwM2mServer;

/**
 * Firmware push and pull from our server (REST) to an Eclipse Leshan 2.0.0-M15 client on
 * 127.0.0.1. Leshan ships no Firmware Update object, so the client carries the test's {@link
 * LeshanFirmwareObject}. Images stay under 8 KiB, Californium's default block-wise body limit that
 * Leshan's endpoint and CoapClient keep.
 */
class LeshanFirmwareUpdateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LwM2mServer server;
  private RestApi api;
  private LeshanDevice device;
  private final LeshanFirmwareObject firmware = new LeshanFirmwareObject();

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).requestTimeout(Duration.ofSeconds(10)).start();
    api = RestApi.start(server, "127.0.0.1", 0);
    device = LeshanDevice.start("leshan-fw", server.coapAddress(), Optional.of(firmware));
    await("leshan-fw registering").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint("leshan-fw").isPresent());
  }

  @AfterEach
  void stop() {
    if (device != null) {
      device.close();
    }
    api.close();
    server.close();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  @ParameterizedTest
  @ValueSource(strings = {"push", "pull"})
  void updatesTheLeshanClient(String method) throws Exception {
    byte[] image = new byte[6000];
    for (int i = 0; i < image.length; i++) {
      image[i] = (byte) (i ^ method.length());
    }
    HttpResponse<String> uploaded = http.send(HttpRequest.newBuilder(uri("/api/v1/firmware?name=leshan.bin"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(uploaded.statusCode()).isEqualTo(201);
    String id = JSON.readTree(uploaded.body()).get("id").asText();
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"))) {
      HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri("/api/v1/clients/leshan-fw/firmware"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"image\":\"" + id + "\",\"method\":\"" + method + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
      JsonNode last = JSON.readTree(events.next("firmware",
          data -> data.contains("\"phase\":\"succeeded\"") || data.contains("\"phase\":\"failed\""), WAIT).data());
      assertThat(last.get("phase").asText()).as(last.toString()).isEqualTo("succeeded");
      assertThat(last.get("result").asInt()).isEqualTo(1);
    }
    assertThat(firmware.installed.poll(10, TimeUnit.SECONDS)).isEqualTo(image);
  }
}
