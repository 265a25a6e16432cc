package org.lwm2m4j.app.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.SessionRecorder;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A push through the Bootstrap-Server's REST API says what it does and what happened: refused at
 * once when no address is known, the address and its age shown when it goes to the last contact,
 * and a device that does not answer recorded as a failed attempt in words, beside the last success.
 * Sessions wait 1 s per step (CoAP ACK timeout 200 ms), so no test waits for the default 30 s.
 */
class BootstrapPushOverRestTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONFIG = "{\"servers\":[{\"shortServerId\":1,\"uri\":\"coap://127.0.0.1:5683\",\"security\":{\"mode\":\"nosec\"}}]}";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final InMemoryBootstrapConfigStore store = new InMemoryBootstrapConfigStore();
  private final Queue<String> eventData = new ConcurrentLinkedQueue<>();
  private BootstrapServer bootstrap;
  private BootstrapRestApi rest;

  @BeforeEach
  void start() throws Exception {
    bootstrap = BootstrapServer.builder(endpoint -> store.get(endpoint).map(BootstrapConfig::plan))
        .coapAddress(new InetSocketAddress("127.0.0.1", 0)).stepTimeout(Duration.ofSeconds(1))
        .coapSettings(new CoapSettings(Duration.ofMillis(200), 4)).start();
    rest = BootstrapRestApi.start(bootstrap, store, "127.0.0.1", 0);
    bootstrap.addListener(new SessionRecorder(store, Clock.systemUTC()));
  }

  @AfterEach
  void stop() {
    rest.close();
    bootstrap.close();
  }

  private HttpResponse<String> call(String method, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest.port() + path)).timeout(WAIT)
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode lastSession(String endpoint) throws Exception {
    return JSON.readTree(call("GET", "/api/v1/bootstrap/configs/" + endpoint, "").body()).get("lastSession");
  }

  @Test
  void aPushToAnEndpointThatNeverContactedThisServerIsRefusedAtOnceSayingWhatToDo() throws Exception {
    assertThat(call("PUT", "/api/v1/bootstrap/configs/dev-1", CONFIG).statusCode()).isEqualTo(201);

    HttpResponse<String> refused = call("POST", "/api/v1/bootstrap/configs/dev-1/push", "");

    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(refused.body()).get("error").asText()).isEqualTo("no address known for dev-1: it has not contacted "
        + "this bootstrap server since it started; give \"address\" in the request or let the device request bootstrap first");
    assertThat(lastSession("dev-1").isNull()).as("nothing was attempted").isTrue();
  }

  @Test
  void aPushToTheLastContactThatDoesNotAnswerSaysWhereAndSinceWhenAndIsRecordedBesideTheLastSuccess() throws Exception {
    assertThat(call("PUT", "/api/v1/bootstrap/configs/dev-1", CONFIG).statusCode()).isEqualTo(201);
    CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + rest.port() + "/api/v1/events")).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.ofLines());
    // async: the response may be in already, and forEach then would block this thread reading the stream
    stream.thenAcceptAsync(response -> response.body().forEach(eventData::add));
    await().atMost(WAIT).until(() -> eventData.contains(": connected"));
    Instant beforeContact = Instant.now();
    int oldPort;
    CoapHandler device = request -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CONTENT));
    try (CoapEndpoint client = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), device, CoapSettings.DEFAULTS)) {
      oldPort = client.address().getPort();
      CoapResponse pack = client.send(CoapRequest.to(bootstrap.coapAddress(), CoapMethod.GET, List.of("bspack"))
          .withQuery(List.of("ep=dev-1")).withAccept(ContentFormat.SENML_JSON.code()), WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(pack.code()).isEqualTo(ResponseCode.CONTENT);
    }
    await().atMost(WAIT).until(() -> lastSession("dev-1").path("outcome").asText().equals("finished"));
    JsonNode success = lastSession("dev-1").get("lastSuccess");
    String oldAddress = "127.0.0.1:" + oldPort;

    // the device restarted elsewhere; what is at its old port takes datagrams and never answers
    try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), oldPort))) {
      HttpResponse<String> accepted = call("POST", "/api/v1/bootstrap/configs/dev-1/push", "");

      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      JsonNode answer = JSON.readTree(accepted.body());
      assertThat(answer.get("address").asText()).isEqualTo(oldAddress);
      assertThat(answer.get("addressFrom").asText()).isEqualTo("last contact");
      assertThat(Instant.parse(answer.get("addressSince").asText())).isAfterOrEqualTo(beforeContact.minusSeconds(1));
      assertThat(answer.get("note").asText()).startsWith("pushing to " + oldAddress + ", where dev-1 last contacted this bootstrap "
          + "server from at " + answer.get("addressSince").asText() + "; if the device has restarted since, its port may have changed");

      String reason = "device did not answer Bootstrap-Discover / within 1 s (2 retransmissions to " + oldAddress
          + "); is it running and still at this address?";
      await().atMost(WAIT).until(() -> lastSession("dev-1").path("outcome").asText().startsWith("failed"));
      JsonNode failed = lastSession("dev-1");
      assertThat(failed.get("outcome").asText()).isEqualTo("failed: " + reason);
      assertThat(failed.get("mode").asText()).isEqualTo("push");
      assertThat(failed.get("lastSuccess")).as("the failure keeps the last success").isEqualTo(success);
      assertThat(success.get("mode").asText()).isEqualTo("pack");
      assertThat(success.get("servers").get(0).asText()).isEqualTo("coap://127.0.0.1:5683");
      await().atMost(WAIT).until(() -> eventData.stream().anyMatch(line -> line.startsWith("data:")
          && line.contains("\"reason\":\"" + reason + "\"")));
    } finally {
      stream.cancel(true);
    }
  }
}
