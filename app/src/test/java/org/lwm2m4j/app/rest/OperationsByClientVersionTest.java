package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ScriptedDevice;

/**
 * What the REST API answers when an operation does not fit the LwM2M version a client registered
 * with: composite operations to a 1.0 client, attributes on Observe-Composite below 1.2 or beyond
 * the object-level ones, observation attributes a 1.1 client refuses. A scripted device on a raw
 * UDP socket records what reaches it.
 */
class OperationsByClientVersionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PATHS = "[\"/3/0/9\"]";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LwM2mServer server;
  private RestApi api;
  private ScriptedDevice device;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).requestTimeout(Duration.ofSeconds(5)).start();
    api = RestApi.start(server, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    if (device != null) {
      device.close();
    }
    api.close();
    server.close();
  }

  /** Registers a scripted device as {@code endpoint}; it refuses Write-Attributes with 4.00 and answers anything else with 90. */
  private void register(String endpoint, String version) throws Exception {
    device = ScriptedDevice.start(request -> request.method() == CoapMethod.PUT
        ? new CoapResponse(ResponseCode.BAD_REQUEST, OptionalInt.empty(), List.of(), "pmax unsupported".getBytes(StandardCharsets.UTF_8))
        : ScriptedDevice.text("90").withObserve(1));
    assertThat(device.register(server.coapAddress(), endpoint, version).code()).isEqualTo(ResponseCode.CREATED);
  }

  @Test
  void compositeOperationsOnA10ClientAre400AndNothingIsSent() throws Exception {
    register("old", "1.0");

    HttpResponse<String> read = call("POST", "/api/v1/clients/old/composite/read", PATHS);
    assertThat(read.statusCode()).isEqualTo(400);
    assertThat(error(read)).contains("Read-Composite", "lwm2m=1.0", "nothing was sent");
    HttpResponse<String> write = call("PATCH", "/api/v1/clients/old/composite", "[{\"n\":\"/3/0/14\",\"vs\":\"+01:00\"}]");
    assertThat(write.statusCode()).isEqualTo(400);
    assertThat(error(write)).contains("Write-Composite", "lwm2m=1.0");
    HttpResponse<String> observe = call("POST", "/api/v1/clients/old/composite/observations", PATHS);
    assertThat(observe.statusCode()).isEqualTo(400);
    assertThat(error(observe)).contains("Observe-Composite", "lwm2m=1.0");

    assertThat(device.received()).isEmpty();
  }

  @Test
  void observeCompositeAttributesBelow12Are400AndNothingIsSent() throws Exception {
    register("one-one", "1.1");
    HttpResponse<String> observe = call("POST", "/api/v1/clients/one-one/composite/observations?pmin=1&pmax=2", PATHS);
    assertThat(observe.statusCode()).isEqualTo(400);
    assertThat(error(observe)).contains("1.2", "lwm2m=1.1", "Write-Attributes");
    assertThat(device.received()).isEmpty();
  }

  @Test
  void observeCompositeAttributesBeyondTheObjectLevelOnesAre400() throws Exception {
    register("one-two", "1.2");
    HttpResponse<String> observe = call("POST", "/api/v1/clients/one-two/composite/observations?gt=50", PATHS);
    assertThat(observe.statusCode()).isEqualTo(400);
    assertThat(error(observe)).contains("gt", "pmin, pmax, epmin, epmax, con");
    assertThat(device.received()).isEmpty();
  }

  @Test
  void observationAttributesA11ClientRefusesAnswerWithItsCodeAndNoObserveIsSent() throws Exception {
    register("refuser", "1.1");
    HttpResponse<String> observe = call("POST", "/api/v1/clients/refuser/observations/3/0/9?pmin=1&pmax=2", "");
    assertThat(observe.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(observe.body());
    assertThat(body.get("lwm2mCode").asText()).isEqualTo("4.00");
    assertThat(body.get("error").asText()).contains("refuser refused the observation attributes pmin=1&pmax=2 on /3/0/9",
        "pmax unsupported");
    assertThat(device.received()).extracting(CoapRequest::method).containsExactly(CoapMethod.PUT);
    assertThat(JSON.readTree(call("GET", "/api/v1/clients/refuser/observations", "").body())).isEmpty();
  }

  private String error(HttpResponse<String> response) throws IOException {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    return JSON.readTree(response.body()).get("error").asText();
  }

  private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
