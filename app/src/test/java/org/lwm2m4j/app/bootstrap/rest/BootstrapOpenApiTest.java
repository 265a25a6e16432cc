package org.lwm2m4j.app.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;

/**
 * The Bootstrap-Server's OpenAPI document, served at /api/v1/openapi.json, describes exactly the
 * routes its REST API registers, and every schema it refers to exists.
 */
class BootstrapOpenApiTest {
  @Test
  void theDocumentListsEveryRouteAndNoOther() throws Exception {
    try (BootstrapServer bootstrap = BootstrapServer.builder(ep -> Optional.empty()).coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, new InMemoryBootstrapConfigStore(), "127.0.0.1", 0)) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + rest.port() + BootstrapRestApi.OPENAPI)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
      JsonNode document = new ObjectMapper().readTree(response.body());
      assertThat(document.path("openapi").asText()).startsWith("3.");
      assertThat(document.path("info").path("title").asText()).contains("Bootstrap");

      Set<String> documented = new TreeSet<>();
      Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
      while (paths.hasNext()) {
        Map.Entry<String, JsonNode> path = paths.next();
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
      assertThat(served).contains("GET /api/v1/bootstrap/configs", "POST /api/v1/bootstrap/configs/{ep}/push", "GET /api/v1/events");
      assertThat(documented).isEqualTo(served);

      List<String> references = new ArrayList<>();
      collectReferences(document, references);
      assertThat(references).isNotEmpty().allSatisfy(reference -> {
        assertThat(reference).startsWith("#/components/schemas/");
        assertThat(document.path("components").path("schemas").has(reference.substring("#/components/schemas/".length())))
            .as(reference).isTrue();
      });
    }
  }

  private static void collectReferences(JsonNode node, List<String> references) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        if (field.getKey().equals("$ref")) {
          references.add(field.getValue().asText());
        } else {
          collectReferences(field.getValue(), references);
        }
      });
    } else if (node.isArray()) {
      node.forEach(item -> collectReferences(item, references));
    }
  }
}
