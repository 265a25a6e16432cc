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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lwm2m4j.server.LwM2mServer;

/**
 * Every error the REST API gives is a JSON body with an "error" field, whoever produces it: the
 * routes, the router (unknown route 404, wrong method 405, body too large 413) and Jetty itself
 * (URI too long 414, headers too large 431, an unparsable request 400), whatever the client accepts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JsonErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LwM2mServer server;
  private RestApi api;

  @BeforeAll
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    api = RestApi.start(server, "127.0.0.1", 0);
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

  private HttpResponse<String> call(String method, String path, HttpRequest.BodyPublisher body, String accept) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(Duration.ofSeconds(10))
        .method(method, body).header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode error(int status, HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("error").asText()).isNotBlank();
    return body;
  }

  private static JsonNode error(int status, RawHttp.Answer answer) throws Exception {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("error").asText()).isNotBlank();
    return body;
  }

  @Test
  void anUnknownRouteIs404Json() throws Exception {
    for (String accept : new String[] {"application/json", "text/html", "*/*"}) {
      JsonNode body = error(404, call("GET", "/api/v1/nothing", HttpRequest.BodyPublishers.noBody(), accept));
      assertThat(body.get("error").asText()).contains("GET /api/v1/nothing").contains("/api/v1/openapi.json");
    }
  }

  @Test
  void aMethodTheRouteDoesNotTakeIs405JsonNamingTheOnesItDoes() throws Exception {
    HttpResponse<String> response = call("DELETE", "/api/v1/clients", HttpRequest.BodyPublishers.noBody(), "text/html");
    assertThat(error(405, response).get("error").asText()).contains("GET");
    assertThat(response.headers().firstValue("Allow")).hasValue("GET");
  }

  @Test
  void aJsonBodyOverTheLimitIs413Json() throws Exception {
    // announced and not sent: Expect: 100-continue, as curl does for large bodies, so the refusal comes first
    RawHttp.Answer answer = RawHttp.exchange(api.port(), "POST", "/api/v1/clients/dev1/firmware",
        "Content-Type: application/json", "Content-Length: 1000001", "Expect: 100-continue");
    assertThat(error(413, answer).get("error").asText()).contains("1000000 bytes");
  }

  @Test
  void aMalformedJsonBodyIs400Json() throws Exception {
    error(400, call("POST", "/api/v1/clients/dev1/firmware", HttpRequest.BodyPublishers.ofString("{\"image\":"), "*/*"));
  }

  @Test
  void aVeryLongUriIs414Json() throws Exception {
    JsonNode body = error(414, RawHttp.exchange(api.port(), "GET", "/api/v1/clients/" + "a".repeat(20_000)));
    assertThat(body.get("error").asText()).contains("8192 bytes");
  }

  @Test
  void aHugeHeaderIs431Json() throws Exception {
    JsonNode body = error(431, RawHttp.exchange(api.port(), "GET", "/api/v1/clients", "X-Padding: " + "b".repeat(20_000)));
    assertThat(body.get("error").asText()).contains("8192 bytes");
  }

  @Test
  void anUnparsableRequestIs400Json() throws Exception {
    error(400, RawHttp.exchange(api.port(), "GET", "/api/v1/clients", "Content-Length: nope"));
  }

  @Test
  void theNotFoundAnswersOfRequestsFirmwareJobsAndObjectsAreJson() throws Exception {
    for (String path : new String[] {"/api/v1/requests/nope", "/api/v1/clients/nobody/firmware", "/api/v1/objects/65000"}) {
      for (String accept : new String[] {"text/html", "*/*"}) {
        error(404, call("GET", path, HttpRequest.BodyPublishers.noBody(), accept));
      }
    }
  }
}
