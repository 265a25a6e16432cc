package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.firmware.FirmwareSettings;

/**
 * {@code POST /api/v1/firmware} streams the image into the repository: far past the 1 MB the HTTP
 * layer buffers for JSON bodies, up to the configured image limit; past it 413 JSON naming the limit
 * and the option that raises it, whether the size is announced (Content-Length) or not (chunked).
 */
class FirmwareUploadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LwM2mServer server(FirmwareSettings settings) throws Exception {
    return LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).firmwareSettings(settings).start();
  }

  private HttpResponse<String> upload(RestApi api, HttpRequest.BodyPublisher body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + "/api/v1/firmware?name=fw.bin"))
        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/octet-stream").POST(body).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFiveMegabyteImageIsAcceptedUnderTheDefaultLimit() throws Exception {
    byte[] image = new byte[5_000_000];
    new java.util.Random(7).nextBytes(image);
    try (LwM2mServer server = server(FirmwareSettings.DEFAULTS); RestApi api = RestApi.start(server, "127.0.0.1", 0)) {
      HttpResponse<String> response = upload(api, HttpRequest.BodyPublishers.ofByteArray(image));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      JsonNode json = JSON.readTree(response.body());
      assertThat(json.get("size").asLong()).isEqualTo(image.length);
      assertThat(json.get("sha256").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image)));
      assertThat(server.firmware().images().byId(json.get("id").asText())).hasValueSatisfying(held -> assertThat(held.bytes()).isEqualTo(image));
    }
  }

  @Test
  void anImageOverTheConfiguredLimitIs413JsonNamingTheLimitAndTheOption() throws Exception {
    try (LwM2mServer server = server(FirmwareSettings.DEFAULTS.withMaxImageBytes(1024)); RestApi api = RestApi.start(server, "127.0.0.1", 0)) {
      // announced: refused before the body is sent (Expect: 100-continue, as curl does for large bodies)
      RawHttp.Answer announced = RawHttp.exchange(api.port(), "POST", "/api/v1/firmware?name=fw.bin",
          "Content-Type: application/octet-stream", "Content-Length: 4096", "Expect: 100-continue");
      assertThat(announced.status()).isEqualTo(413);
      assertThat(announced.header("Content-Type")).startsWith("application/json");
      assertThat(JSON.readTree(announced.body()).get("error").asText()).contains("1024 bytes").contains("--firmware-max-size");
      // chunked: the size shows only while reading
      HttpResponse<String> chunked = upload(api, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[4096])));
      assertThat(chunked.statusCode()).isEqualTo(413);
      assertThat(chunked.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      assertThat(JSON.readTree(chunked.body()).get("error").asText()).contains("1024 bytes").contains("--firmware-max-size");
      assertThat(server.firmware().images().all()).isEmpty();
      assertThat(upload(api, HttpRequest.BodyPublishers.ofByteArray(new byte[1024])).statusCode()).isEqualTo(201);
    }
  }

  @Test
  void anEmptyUploadIsABadRequest() throws Exception {
    try (LwM2mServer server = server(FirmwareSettings.DEFAULTS); RestApi api = RestApi.start(server, "127.0.0.1", 0)) {
      HttpResponse<String> response = upload(api, HttpRequest.BodyPublishers.noBody());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(response.body()).get("error").asText()).contains("empty");
    }
  }
}
