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
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lwm2m4j.server.LwM2mServer;

/**
 * The REST API against a real Eclipse Leshan 2.0.0-M15 client, everything on 127.0.0.1: HTTP with
 * java.net.http, CoAP over UDP between our server and Leshan.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestApiTest {
  private static final String DEVICE = "rest-dev-1";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LwM2mServer server;
  private RestApi api;
  private LeshanDevice device;

  @BeforeAll
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).requestTimeout(Duration.ofSeconds(5)).start();
    api = RestApi.start(server, "127.0.0.1", 0);
    device = LeshanDevice.start(DEVICE, server.coapAddress());
    awaitRegistered(DEVICE);
  }

  @AfterAll
  void stop() {
    if (device != null) {
      device.close();
    }
    if (api != null) {
      api.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listsRegisteredClientsWithTheirObjectLinks() throws Exception {
    HttpResponse<String> all = call("GET", "/api/v1/clients", "");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(JSON.readTree(all.body()).path("clients").findValuesAsText("endpoint")).contains(DEVICE);
    assertThat(JSON.readTree(all.body()).path("total").asInt()).isEqualTo(server.registrations().store().size());

    JsonNode one = json(call("GET", "/api/v1/clients/" + DEVICE, ""));
    assertThat(one.get("endpoint").asText()).isEqualTo(DEVICE);
    assertThat(one.get("registrationId").asText()).isNotEmpty();
    assertThat(one.get("address").asText()).startsWith("127.0.0.1:");
    assertThat(one.get("lifetime").asLong()).isEqualTo(60);
    assertThat(one.get("binding").asText()).isEqualTo("U");
    assertThat(one.get("lwm2mVersion").asText()).isEqualTo("1.1");
    assertThat(one.get("queueMode").asBoolean()).isFalse();
    assertThat(one.get("channel").asText()).isEqualTo("udp");
    assertThat(one.get("objectLinks").get("text").asText()).contains("</3/0>");
    assertThat(one.get("objectLinks").get("links").findValuesAsText("target")).contains("/1/0", "/3/0");
    assertThat(Instant.parse(one.get("registeredAt").asText())).isBeforeOrEqualTo(Instant.parse(one.get("lastUpdate").asText()));
  }

  @Test
  void readsAnInstanceAsSenmlJson() throws Exception {
    HttpResponse<String> read = call("GET", data("3/0"), "");
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/senml+json"));
    assertThat(read.body()).contains("/3/0/0").contains("Eclipse Leshan");
  }

  @Test
  void readsOverTlvAndStillAnswersSenmlJson() throws Exception {
    HttpResponse<String> read = call("GET", data("3/0/0") + "?format=tlv&timeout=5", "");
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode records = JSON.readTree(read.body());
    assertThat(records.isArray()).isTrue();
    assertThat(read.body()).contains("Eclipse Leshan");
  }

  @Test
  void writesWithReplaceAndPartialUpdate() throws Exception {
    HttpResponse<String> replace = call("PUT", data("3/0/14"), "[{\"n\":\"/3/0/14\",\"vs\":\"+02:00\"}]");
    assertThat(replace.statusCode()).as(replace.body()).isEqualTo(204);
    assertThat(call("GET", data("3/0/14"), "").body()).contains("+02:00");

    HttpResponse<String> patch = call("PATCH", data("3/0"), "[{\"n\":\"/3/0/15\",\"vs\":\"Europe/Berlin\"}]");
    assertThat(patch.statusCode()).as(patch.body()).isEqualTo(204);
    assertThat(call("GET", data("3/0/15"), "").body()).contains("Europe/Berlin");
  }

  @Test
  void aWriteWithABodyThatIsNotSenmlJsonIsABadRequest() throws Exception {
    HttpResponse<String> write = call("PUT", data("3/0/14"), "{not senml");
    assertThat(write.statusCode()).isEqualTo(400);
    assertThat(json(write).get("error").asText()).isNotEmpty();
  }

  @Test
  void executesAndMapsTheDevicesErrorCode() throws Exception {
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"))) {
      // Registration Update Trigger: the client sends an Update, which the event stream reports.
      HttpResponse<String> trigger = call("POST", "/api/v1/clients/" + DEVICE + "/execute/1/0/8", "");
      assertThat(trigger.statusCode()).as(trigger.body()).isEqualTo(204);
      events.next("updated", data -> data.contains(DEVICE), WAIT);
    }

    // Leshan's Device object answers Reboot with 5.00: a device failure is a bad gateway for HTTP.
    HttpResponse<String> reboot = call("POST", "/api/v1/clients/" + DEVICE + "/execute/3/0/4", "");
    assertThat(reboot.statusCode()).isEqualTo(502);
    assertThat(json(reboot).get("lwm2mCode").asText()).isEqualTo("5.00");
  }

  @Test
  void discoversAsJsonLinksAndShowsWrittenAttributes() throws Exception {
    HttpResponse<String> discover = call("GET", "/api/v1/clients/" + DEVICE + "/discover/3/0", "");
    assertThat(discover.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(discover.body()).findValuesAsText("target")).contains("/3/0", "/3/0/0");

    HttpResponse<String> attributes = call("PUT", "/api/v1/clients/" + DEVICE + "/attributes/3/0/15?pmin=5&pmax=50", "");
    assertThat(attributes.statusCode()).as(attributes.body()).isEqualTo(204);
    JsonNode links = json(call("GET", "/api/v1/clients/" + DEVICE + "/discover/3/0/15", ""));
    JsonNode timezone = null;
    for (JsonNode link : links) {
      if (link.get("target").asText().equals("/3/0/15")) {
        timezone = link.get("attributes");
      }
    }
    assertThat(timezone).isNotNull();
    assertThat(timezone.get("pmin").asText()).isEqualTo("5");
    assertThat(timezone.get("pmax").asText()).isEqualTo("50");

    HttpResponse<String> unset = call("PUT", "/api/v1/clients/" + DEVICE + "/attributes/3/0/15?pmin=", "");
    assertThat(unset.statusCode()).as(unset.body()).isEqualTo(204);
  }

  @Test
  void observesListsNotifiesOnTheEventStreamAndCancels() throws Exception {
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"))) {
      HttpResponse<String> observed = call("POST", "/api/v1/clients/" + DEVICE + "/observations/3/0/14", "");
      assertThat(observed.statusCode()).as(observed.body()).isEqualTo(200);
      JsonNode observation = json(observed);
      String token = observation.get("token").asText();
      assertThat(observation.get("path").asText()).isEqualTo("/3/0/14");
      assertThat(observation.get("content").toString()).contains("/3/0/14");

      JsonNode held = json(call("GET", "/api/v1/clients/" + DEVICE + "/observations", ""));
      assertThat(held.findValuesAsText("token")).contains(token);

      assertThat(call("PUT", data("3/0/14"), "[{\"n\":\"/3/0/14\",\"vs\":\"-05:00\"}]").statusCode()).isEqualTo(204);
      EventStreamReader.Event notification = events.next("notification", data -> data.contains("-05:00"), WAIT);
      JsonNode body = JSON.readTree(notification.data());
      assertThat(body.get("endpoint").asText()).isEqualTo(DEVICE);
      assertThat(body.get("token").asText()).isEqualTo(token);
      assertThat(body.get("content").toString()).contains("/3/0/14");
      assertThat(body.get("contentFormat").get("name").asText())
          .as("the wire format of the notification, as the Observe answer tells its own")
          .isEqualTo(observation.get("contentFormat").get("name").asText());

      HttpResponse<String> cancelled = call("DELETE", "/api/v1/clients/" + DEVICE + "/observations/3/0/14?active=true", "");
      assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
      assertThat(JSON.readTree(cancelled.body()).findValuesAsText("token")).containsExactly(token);
      assertThat(json(call("GET", "/api/v1/clients/" + DEVICE + "/observations", "")).findValuesAsText("token")).doesNotContain(token);
      assertThat(call("DELETE", "/api/v1/clients/" + DEVICE + "/observations/3/0/14", "").statusCode()).isEqualTo(404);
    }
  }

  // Composite requests go to the root, and CoapEndpoint sends setUriPath("") as one empty
  // Uri-Path option, which Leshan answers 4.04; enable once the transport sends no Uri-Path there.

  @Test
  void readsCompositeAsSenmlJson() throws Exception {
    HttpResponse<String> read = call("POST", "/api/v1/clients/" + DEVICE + "/composite/read", "[\"/3/0/0\",\"/1/0/1\"]");
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("Eclipse Leshan").contains("/1/0/1");
  }

  // Composite requests go to the root, and CoapEndpoint sends setUriPath("") as one empty
  // Uri-Path option, which Leshan answers 4.04; enable once the transport sends no Uri-Path there.

  @Test
  void writesAndObservesComposite() throws Exception {
    HttpResponse<String> write = call("PATCH", "/api/v1/clients/" + DEVICE + "/composite",
        "[{\"n\":\"/3/0/14\",\"vs\":\"+01:00\"},{\"n\":\"/3/0/15\",\"vs\":\"Europe/Paris\"}]");
    assertThat(write.statusCode()).as(write.body()).isEqualTo(204);
    assertThat(call("GET", data("3/0"), "").body()).contains("+01:00").contains("Europe/Paris");

    HttpResponse<String> observe = call("POST", "/api/v1/clients/" + DEVICE + "/composite/observations", "[\"/3/0/0\",\"/1/0/1\"]");
    assertThat(observe.statusCode()).as(observe.body()).isEqualTo(200);
    JsonNode observation = json(observe);
    assertThat(observation.get("composite").asBoolean()).isTrue();
    assertThat(observation.get("content").toString()).contains("/3/0/0").contains("/1/0/1");
    String token = observation.get("token").asText();
    HttpResponse<String> cancel = call("DELETE", "/api/v1/clients/" + DEVICE + "/observations?token=" + token + "&active=false", "");
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
    assertThat(JSON.readTree(cancel.body()).findValuesAsText("token")).containsExactly(token);
  }

  @Test
  void createsAndDeletesAnInstance() throws Exception {
    HttpResponse<String> create = call("POST", data("1"),
        "[{\"n\":\"/1/1/0\",\"v\":124},{\"n\":\"/1/1/1\",\"v\":300},{\"n\":\"/1/1/6\",\"vb\":false},{\"n\":\"/1/1/7\",\"vs\":\"U\"}]");
    assertThat(create.statusCode()).as(create.body()).isEqualTo(201);
    assertThat(json(create).get("path").asText()).isEqualTo("/1/1");
    assertThat(call("GET", data("1/1/1"), "").body()).contains("300");

    assertThat(call("DELETE", data("1/1"), "").statusCode()).isEqualTo(204);
    assertThat(call("GET", data("1/1"), "").statusCode()).isEqualTo(404);
  }

  @Test
  void aCreateOnAnInstanceOrWithTwoInstancesIsABadRequest() throws Exception {
    assertThat(call("POST", data("1/0"), "[{\"n\":\"/1/0/1\",\"v\":300}]").statusCode()).isEqualTo(400);
    HttpResponse<String> two = call("POST", data("1"), "[{\"n\":\"/1/5/1\",\"v\":300},{\"n\":\"/1/6/1\",\"v\":300}]");
    assertThat(two.statusCode()).isEqualTo(400);
    assertThat(json(two).get("error").asText()).contains("exactly one instance");
  }

  @Test
  void anUnknownEndpointIsNotFound() throws Exception {
    HttpResponse<String> client = call("GET", "/api/v1/clients/nobody", "");
    assertThat(client.statusCode()).isEqualTo(404);
    assertThat(json(client).get("error").asText()).contains("nobody");
    assertThat(json(client).has("lwm2mCode")).isFalse();
    assertThat(call("GET", "/api/v1/clients/nobody/data/3/0", "").statusCode()).isEqualTo(404);
  }

  @Test
  void aMissingInstanceIsNotFoundWithTheLwm2mCode() throws Exception {
    HttpResponse<String> read = call("GET", data("3/7"), "");
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(json(read).get("lwm2mCode").asText()).isEqualTo("4.04");
  }

  @Test
  void badPathsFormatsAndTimeoutsAreBadRequests() throws Exception {
    assertThat(call("GET", data("3/x"), "").statusCode()).isEqualTo(400);
    assertThat(call("GET", data("3/0/1/2/3"), "").statusCode()).isEqualTo(400);
    assertThat(call("GET", data("3/0") + "?format=yaml", "").statusCode()).isEqualTo(400);
    assertThat(call("GET", data("3/0") + "?timeout=-1", "").statusCode()).isEqualTo(400);
    HttpResponse<String> text = call("GET", data("3/0") + "?format=text", "");
    assertThat(text.statusCode()).isEqualTo(400);
    assertThat(json(text).get("error").asText()).contains("text");
  }

  @Test
  void aDeviceThatStopsAnsweringTimesOutWith504AndRegistrationsAreStreamed() throws Exception {
    String silent = "rest-dev-silent";
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"));
        LeshanDevice device = LeshanDevice.start(silent, server.coapAddress())) {
      EventStreamReader.Event registered = events.next("registered", data -> data.contains(silent), WAIT);
      assertThat(JSON.readTree(registered.data()).get("objectLinks").get("text").asText()).contains("</3/0>");
      assertThat(JSON.readTree(registered.data()).has("replacedRegistrationId")).isFalse();
      awaitRegistered(silent);

      device.goSilent();
      HttpResponse<String> read = call("GET", "/api/v1/clients/" + silent + "/data/3/0?timeout=1", "");
      assertThat(read.statusCode()).isEqualTo(504);
      assertThat(json(read).get("error").asText()).isNotEmpty();
    }
  }

  @Test
  void aRegistrationThatReplacesAnotherSaysWhichOnTheStream() throws Exception {
    String twice = "rest-dev-twice";
    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"));
        LeshanDevice first = LeshanDevice.start(twice, server.coapAddress())) {
      String firstId = JSON.readTree(events.next("registered", data -> data.contains(twice), WAIT).data()).get("registrationId").asText();
      try (LeshanDevice second = LeshanDevice.start(twice, server.coapAddress())) {
        JsonNode again = JSON.readTree(events.next("registered", data -> data.contains(twice), WAIT).data());
        assertThat(again.get("registrationId").asText()).isNotEqualTo(firstId);
        assertThat(again.get("replacedRegistrationId").asText()).isEqualTo(firstId);
      }
    }
  }

  private String data(String path) {
    return "/api/v1/clients/" + DEVICE + "/data/" + path;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + api.port() + path);
  }

  private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(20))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body());
  }

  private void awaitRegistered(String endpoint) throws Exception {
    await(endpoint + " registering").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> call("GET", "/api/v1/clients/" + endpoint, "").statusCode() == 200);
  }
}
