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
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.LwM2mServer;

/** The OpenAPI document served at /api/v1/openapi.json describes exactly the routes the REST API registers. */
class OpenApiTest {
  @Test
  void theDocumentListsEveryRouteAndNoOther() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0)) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + rest.port() + RestApi.OPENAPI)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode document = new ObjectMapper().readTree(response.body());
      assertThat(document.path("openapi").asText()).startsWith("3.");

      Set<String> documented = new TreeSet<>();
      Iterator<java.util.Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
      while (paths.hasNext()) {
        java.util.Map.Entry<String, JsonNode> path = paths.next();
        path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
      }
      Set<String> served = new TreeSet<>();
      for (String route : rest.routes()) {
        if (route.startsWith("BEFORE") || route.startsWith("AFTER")) {
          continue;
        }
        // Javalin's <path> wildcard is OpenAPI's {path}; SSE routes are GETs
        served.add(route.replace("<", "{").replace(">", "}").replaceFirst("^SSE ", "GET "));
      }
      assertThat(documented).isEqualTo(served);
    }
  }
}
