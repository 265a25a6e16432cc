package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.LwM2mServer;

/** {@code GET /api/v1/objects[/{id}]}: the server's object models, as consoles show them. */
class ObjectsRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listsEveryModelWithItsResourcesAndFindsOneByIdAndVersion() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0)) {
      JsonNode all = JSON.readTree(get(rest.port(), "/api/v1/objects").body());
      assertThat(all.size()).isEqualTo(server.models().models().size());
      assertThat(all.findValuesAsText("name")).contains("Device", "LwM2M Server");

      HttpResponse<String> response = get(rest.port(), "/api/v1/objects/3");
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode device = JSON.readTree(response.body());
      assertThat(device.get("name").asText()).isEqualTo("Device");
      assertThat(device.get("version").asText()).isEqualTo(server.models().objectModel(3).orElseThrow().version().toString());
      JsonNode utcOffset = null;
      for (JsonNode resource : device.get("resources")) {
        if (resource.get("id").asInt() == 14) {
          utcOffset = resource;
        }
      }
      assertThat(utcOffset).isNotNull();
      assertThat(utcOffset.get("operations").asText()).isEqualTo("RW");
      assertThat(utcOffset.get("type").asText()).isEqualTo("String");
      assertThat(utcOffset.get("multiple").asBoolean()).isFalse();

      String version = device.get("version").asText();
      assertThat(get(rest.port(), "/api/v1/objects/3?version=" + version).statusCode()).isEqualTo(200);
      assertThat(get(rest.port(), "/api/v1/objects/3?version=9.9").statusCode()).isEqualTo(404);
      assertThat(get(rest.port(), "/api/v1/objects/64999").statusCode()).isEqualTo(404);
      assertThat(get(rest.port(), "/api/v1/objects/x").statusCode()).isEqualTo(400);
      assertThat(get(rest.port(), "/api/v1/objects/3?version=one").statusCode()).isEqualTo(400);
    }
  }
}
