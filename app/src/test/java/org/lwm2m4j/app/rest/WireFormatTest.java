package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;

/**
 * Every answer of a device operation names the content format that travelled on the wire (the
 * {@code LwM2M-Content-Format} header, and {@code "contentFormat"} in JSON objects), though the
 * API itself always speaks SenML JSON. A real lwm2m4j client and server on 127.0.0.1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireFormatTest {
  private static final String DEVICE = "wire-dev";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LwM2mServer server;
  private RestApi api;
  private LwM2mClient client;

  @BeforeAll
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).requestTimeout(Duration.ofSeconds(5)).start();
    api = RestApi.start(server, "127.0.0.1", 0);
    client = LwM2mClient.builder(DEVICE).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60).start();
    await().atMost(Duration.ofSeconds(15)).until(() -> server.registrations().store().byEndpoint(DEVICE).isPresent());
  }

  @AfterAll
  void stop() {
    if (client != null) {
      client.close();
    }
    if (api != null) {
      api.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aReadAskedInTlvSaysTlvAndAnswersTheValueAsSenmlJson() throws Exception {
    HttpResponse<String> read = call("GET", data("3/0/0") + "?format=tlv", "");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.headers().firstValue("LwM2M-Content-Format")).hasValue("tlv (11542)");
    assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/senml+json"));
    String manufacturer = ((org.lwm2m4j.core.value.StringValue) client.value(LwM2mPath.of(3, 0, 0)).orElseThrow()).value();
    JsonNode records = JSON.readTree(read.body());
    assertThat(records.get(0).get("n").asText()).isEqualTo("/3/0/0");
    assertThat(records.get(0).get("vs").asText()).isEqualTo(manufacturer);
  }

  @Test
  void aReadWithoutFormatSaysWhatTheServerNegotiated() throws Exception {
    // the client announces SenML CBOR among its formats, and the server prefers it
    HttpResponse<String> read = call("GET", data("3/0"), "");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.headers().firstValue("LwM2M-Content-Format")).hasValue("senml-cbor (112)");
    assertThat(read.body()).contains("/3/0/0");

    HttpResponse<String> json = call("GET", data("3/0") + "?format=senml-json", "");
    assertThat(json.headers().firstValue("LwM2M-Content-Format")).hasValue("senml-json (110)");
  }

  @Test
  void aWriteSaysTheFormatItWasSentIn() throws Exception {
    HttpResponse<String> write = call("PUT", data("3/0/14") + "?format=tlv", "[{\"n\":\"/3/0/14\",\"vs\":\"+03:00\"}]");
    assertThat(write.statusCode()).as(write.body()).isEqualTo(204);
    assertThat(write.headers().firstValue("LwM2M-Content-Format")).hasValue("tlv (11542)");
    assertThat(client.value(LwM2mPath.of(3, 0, 14))).isEqualTo(Optional.of(Value.of("+03:00")));

    HttpResponse<String> patch = call("PATCH", data("3/0") + "?format=lwm2m-cbor", "[{\"n\":\"/3/0/15\",\"vs\":\"Europe/Rome\"}]");
    assertThat(patch.statusCode()).as(patch.body()).isEqualTo(204);
    assertThat(patch.headers().firstValue("LwM2M-Content-Format")).hasValue("lwm2m-cbor (11544)");
    assertThat(client.value(LwM2mPath.of(3, 0, 15))).isEqualTo(Optional.of(Value.of("Europe/Rome")));
  }

  @Test
  void compositeOperationsSayTheirFormat() throws Exception {
    HttpResponse<String> read = call("POST", client("/composite/read") + "?format=senml-json", "[\"/3/0/0\",\"/1/0/1\"]");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.headers().firstValue("LwM2M-Content-Format")).hasValue("senml-json (110)");
    assertThat(read.body()).contains("/3/0/0").contains("/1/0/1");

    HttpResponse<String> write = call("PATCH", client("/composite"), "[{\"n\":\"/3/0/14\",\"vs\":\"+04:00\"}]");
    assertThat(write.statusCode()).as(write.body()).isEqualTo(204);
    assertThat(write.headers().firstValue("LwM2M-Content-Format")).hasValue("senml-cbor (112)");
    assertThat(client.value(LwM2mPath.of(3, 0, 14))).isEqualTo(Optional.of(Value.of("+04:00")));
  }

  @Test
  void anObserveSaysTheFormatOfItsFirstAnswerInHeaderAndBody() throws Exception {
    HttpResponse<String> observe = call("POST", client("/observations/3/0/9") + "?format=tlv", "");
    assertThat(observe.statusCode()).as(observe.body()).isEqualTo(200);
    assertThat(observe.headers().firstValue("LwM2M-Content-Format")).hasValue("tlv (11542)");
    JsonNode body = JSON.readTree(observe.body());
    assertThat(body.get("format").asText()).isEqualTo("tlv");
    assertThat(body.get("contentFormat").get("name").asText()).isEqualTo("tlv");
    assertThat(body.get("contentFormat").get("code").asInt()).isEqualTo(11542);
    assertThat(body.get("contentFormat").get("mediaType").asText()).isEqualTo("application/vnd.oma.lwm2m+tlv");
    assertThat(body.get("content").toString()).contains("/3/0/9");

    HttpResponse<String> composite = call("POST", client("/composite/observations"), "[\"/3/0/9\"]");
    assertThat(composite.statusCode()).as(composite.body()).isEqualTo(200);
    assertThat(composite.headers().firstValue("LwM2M-Content-Format")).hasValue("senml-cbor (112)");
    assertThat(JSON.readTree(composite.body()).get("contentFormat").get("name").asText()).isEqualTo("senml-cbor");
  }

  @Test
  void aCreateSaysTheFormatItWasSentIn() throws Exception {
    HttpResponse<String> create = call("POST", data("1") + "?format=tlv",
        "[{\"n\":\"/1/7/0\",\"v\":127},{\"n\":\"/1/7/1\",\"v\":300},{\"n\":\"/1/7/6\",\"vb\":false},{\"n\":\"/1/7/7\",\"vs\":\"U\"}]");
    assertThat(create.statusCode()).as(create.body()).isEqualTo(201);
    assertThat(create.headers().firstValue("LwM2M-Content-Format")).hasValue("tlv (11542)");
    JsonNode body = JSON.readTree(create.body());
    assertThat(body.get("path").asText()).isEqualTo("/1/7");
    assertThat(body.get("contentFormat").get("name").asText()).isEqualTo("tlv");
  }

  @Test
  void aFailedReadNamesNoFormat() throws Exception {
    HttpResponse<String> missing = call("GET", data("3/9"), "");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("LwM2M-Content-Format")).isEmpty();
  }

  private String client(String rest) {
    return "/api/v1/clients/" + DEVICE + rest;
  }

  private String data(String path) {
    return client("/data/" + path);
  }

  private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .timeout(Duration.ofSeconds(15)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
