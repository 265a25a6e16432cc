package org.lwm2m4j.app.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.rest.ApiToken;
import org.lwm2m4j.app.rest.RouteTokenProbe;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;

/** With --api-token, the Bootstrap-Server's API answers only requests that present the token, as the server's does. */
class BootstrapApiTokenTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> send(int port, String method, String path, String body, Optional<String> bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (path.startsWith("/api/v1/events")) {
      // else, once the token is right, the stream refuses with 406
      request.header("Accept", "text/event-stream");
    }
    bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private int status(int port, String path, Optional<String> bearer) throws Exception {
    return send(port, "GET", path, "", bearer).statusCode();
  }

  @Test
  void onlyTheTokenOpensTheApi() throws Exception {
    InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    try (BootstrapServer bootstrap = BootstrapServer.builder(ep -> Optional.empty()).coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, configs, "127.0.0.1", 0, Optional.of(new ApiToken("bs-s3cret")))) {
      int port = rest.port();
      for (String path : new String[] {"/api/v1/bootstrap/configs", "/api/v1/security/clients", "/api/v1/openapi.json", "/api/v1/events"}) {
        assertThat(status(port, path, Optional.empty())).as(path).isEqualTo(401);
        assertThat(status(port, path, Optional.of("wrong"))).as(path).isEqualTo(401);
      }
      HttpResponse<String> refused = send(port, "GET", "/api/v1/bootstrap/configs", "", Optional.empty());
      assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
      assertThat(refused.body()).contains("\"error\"");

      String config = "{\"servers\":[{\"shortServerId\":1,\"uri\":\"coap://127.0.0.1:5683\",\"security\":{\"mode\":\"nosec\"}}]}";
      assertThat(send(port, "PUT", "/api/v1/bootstrap/configs/dev1", config, Optional.empty()).statusCode()).isEqualTo(401);
      assertThat(configs.get("dev1")).isEmpty();
      assertThat(send(port, "PUT", "/api/v1/bootstrap/configs/dev1", config, Optional.of("bs-s3cret")).statusCode()).isEqualTo(201);
      assertThat(configs.get("dev1")).isPresent();

      assertThat(status(port, "/api/v1/bootstrap/configs", Optional.of("bs-s3cret"))).isEqualTo(200);
      assertThat(status(port, "/api/v1/bootstrap/configs?access_token=bs-s3cret", Optional.empty())).isEqualTo(200);
      assertThat(status(port, "/api/v1/security/clients", Optional.of("bs-s3cret"))).isEqualTo(200);
      assertThat(status(port, "/api/v1/openapi.json", Optional.of("bs-s3cret"))).isEqualTo(200);
      // the console's files need no token: it asks for one when the API refuses
      assertThat(status(port, "/", Optional.empty())).isEqualTo(200);
      assertThat(status(port, "/bootstrap.js", Optional.empty())).isEqualTo(200);
    }
  }

  @Test
  void withoutATokenTheApiIsOpen() throws Exception {
    try (BootstrapServer bootstrap = BootstrapServer.builder(ep -> Optional.empty()).coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, new InMemoryBootstrapConfigStore(), "127.0.0.1", 0)) {
      assertThat(status(rest.port(), "/api/v1/bootstrap/configs", Optional.empty())).isEqualTo(200);
    }
  }

  @Test
  void everyRouteAndTheEventStreamNeedTheTokenWithOrWithoutATrailingSlash() throws Exception {
    try (BootstrapServer bootstrap = BootstrapServer.builder(ep -> Optional.empty()).coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, new InMemoryBootstrapConfigStore(), "127.0.0.1", 0,
            Optional.of(new ApiToken("bs-s3cret")))) {
      RouteTokenProbe probe = new RouteTokenProbe(rest.port(), "bs-s3cret");
      probe.assertEveryRouteNeedsTheToken(rest.routes(), 10);
      for (String path : new String[] {"/api/v1/events/", "/api/v1/bootstrap/configs/", "/api/v1/nothing", "/metrics"}) {
        assertThat(probe.send("GET", path, Optional.empty()).status()).as(path).isEqualTo(401);
      }
      assertThat(probe.send("GET", "/api/v1/events/", Optional.of("bs-s3cret")).status()).isEqualTo(200);
      assertThat(probe.send("GET", "/api/v1/nothing", Optional.of("bs-s3cret")).status()).isEqualTo(404);
      assertThat(probe.send("GET", "/", Optional.empty()).status()).isEqualTo(200);
    }
  }
}
