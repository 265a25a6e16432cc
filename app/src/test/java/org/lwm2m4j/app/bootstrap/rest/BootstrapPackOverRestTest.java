package org.lwm2m4j.app.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.SessionRecorder;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A client that bootstraps with Bootstrap-Pack (a scripted CoAP endpoint on 127.0.0.1), seen
 * through the Bootstrap-Server's REST API: the session's events say {@code "mode":"pack"}, the
 * config's {@code lastSession} shows it, and a push without an address finds the client.
 */
class BootstrapPackOverRestTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Queue<String> eventData = new ConcurrentLinkedQueue<>();
  private final Queue<String> seen = new ConcurrentLinkedQueue<>();

  private HttpResponse<String> call(String method, int port, String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT)
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode lastSession(int port) throws Exception {
    return JSON.readTree(call("GET", port, "/api/v1/bootstrap/configs/pack-dev", "").body()).get("lastSession");
  }

  @Test
  void aBootstrapPackSessionIsOnTheEventStreamAndInLastSessionAndAPushFindsTheClient() throws Exception {
    InMemoryBootstrapConfigStore store = new InMemoryBootstrapConfigStore();
    CoapHandler device = request -> {
      seen.add(request.method() + " " + request.pathText());
      boolean discover = request.method() == CoapMethod.GET;
      ResponseCode code = discover ? ResponseCode.CONTENT : request.method() == CoapMethod.DELETE ? ResponseCode.DELETED
          : ResponseCode.CHANGED;
      byte[] payload = discover ? "</>;lwm2m=1.2,</0/0>,</1>".getBytes() : new byte[0];
      return CompletableFuture.completedFuture(new CoapResponse(code, OptionalInt.empty(), List.of(), payload));
    };
    try (BootstrapServer bootstrap = BootstrapServer.builder(endpoint -> store.get(endpoint).map(BootstrapConfig::plan))
            .coapAddress(new InetSocketAddress("127.0.0.1", 0)).stepTimeout(Duration.ofSeconds(5)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, store, "127.0.0.1", 0);
        CoapEndpoint client = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), device, CoapSettings.DEFAULTS)) {
      bootstrap.addListener(new SessionRecorder(store, Clock.systemUTC()));
      String config = "{\"servers\":[{\"shortServerId\":1,\"uri\":\"coap://127.0.0.1:5683\",\"security\":{\"mode\":\"nosec\"}}]}";
      assertThat(call("PUT", rest.port(), "/api/v1/bootstrap/configs/pack-dev", config).statusCode()).isEqualTo(201);
      CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + rest.port() + "/api/v1/events")).header("Accept", "text/event-stream").build(),
          HttpResponse.BodyHandlers.ofLines());
      // async: the response may be in already, and forEach then would block this thread reading the stream
      stream.thenAcceptAsync(response -> response.body().forEach(eventData::add));
      await().atMost(WAIT).until(() -> eventData.contains(": connected"));

      CoapResponse pack = client.send(CoapRequest.to(bootstrap.coapAddress(), CoapMethod.GET, List.of("bspack"))
          .withQuery(List.of("ep=pack-dev")).withAccept(ContentFormat.SENML_JSON.code()), WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(pack.code()).isEqualTo(ResponseCode.CONTENT);

      String address = "127.0.0.1:" + client.address().getPort();
      await().atMost(WAIT).until(() -> eventData.stream().anyMatch(line -> line.startsWith("data:") && line.contains("\"mode\":\"pack\"")
          && line.contains(address)));
      // the finished event: just the endpoint
      await().atMost(WAIT).until(() -> eventData.stream().anyMatch(line -> line.startsWith("data:")
          && line.endsWith("{\"endpoint\":\"pack-dev\"}")));
      await().atMost(WAIT).until(() -> !lastSession(rest.port()).isNull());
      assertThat(lastSession(rest.port()).get("mode").asText()).isEqualTo("pack");
      assertThat(lastSession(rest.port()).get("outcome").asText()).isEqualTo("finished");
      assertThat(lastSession(rest.port()).get("address").asText()).isEqualTo(address);

      HttpResponse<String> push = call("POST", rest.port(), "/api/v1/bootstrap/configs/pack-dev/push", "");
      assertThat(push.statusCode()).as(push.body()).isEqualTo(202);
      await().atMost(WAIT).until(() -> seen.contains("POST /bs"));
      await().atMost(WAIT).until(() -> lastSession(rest.port()).get("mode").asText().equals("push"));
      stream.cancel(true);
    }
  }
}
