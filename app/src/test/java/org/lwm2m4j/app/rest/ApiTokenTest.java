package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.ServerCredentials;

/**
 * With --api-token, the API answers only requests that present the token: every route the router
 * matches (slash variants and HEAD included), and anything under /api and /metrics it does not;
 * the console's files stay open.
 */
class ApiTokenTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private int status(int port, String path, Optional<String> bearer) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
    return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void onlyTheTokenOpensTheApi() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0, new InMemorySecurityStore(), ServerCredentials.none(),
            Optional.of(new ApiToken("s3cret")))) {
      assertThat(status(rest.port(), "/api/v1/clients", Optional.empty())).isEqualTo(401);
      assertThat(status(rest.port(), "/api/v1/clients", Optional.of("wrong"))).isEqualTo(401);
      assertThat(status(rest.port(), "/metrics", Optional.empty())).isEqualTo(401);
      assertThat(status(rest.port(), "/api/v1/clients", Optional.of("s3cret"))).isEqualTo(200);
      assertThat(status(rest.port(), "/api/v1/clients?access_token=s3cret", Optional.empty())).isEqualTo(200);
      assertThat(status(rest.port(), "/metrics", Optional.of("s3cret"))).isEqualTo(200);
    }
  }

  private static RestApi guarded(LwM2mServer server) {
    return RestApi.start(server, "127.0.0.1", 0, new InMemorySecurityStore(), ServerCredentials.none(), Optional.of(new ApiToken("s3cret")));
  }

  @Test
  void everyRouteNeedsTheTokenWithOrWithoutATrailingSlash() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = guarded(server)) {
      RouteTokenProbe probe = new RouteTokenProbe(rest.port(), "s3cret");
      probe.assertEveryRouteNeedsTheToken(rest.routes(), 30);
      for (String path : new String[] {"/metrics", "/metrics/", "/api/v1/events", "/api/v1/events/", "/api/v1/openapi.json/"}) {
        assertThat(probe.send("GET", path, Optional.empty()).status()).as(path).isEqualTo(401);
        assertThat(probe.send("GET", path, Optional.of("s3cret")).status()).as(path).isEqualTo(200);
      }
    }
  }

  @Test
  void unknownPathsUnderApiAndMetricsAre401WithoutTheTokenAnd404Or405WithIt() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = guarded(server)) {
      RouteTokenProbe probe = new RouteTokenProbe(rest.port(), "s3cret");
      for (String path : new String[] {"/api", "/api/", "/api/v1/nothing", "/api/v2/clients", "/metrics/nothing"}) {
        assertThat(probe.send("GET", path, Optional.empty()).status()).as(path).isEqualTo(401);
        RouteTokenProbe.Probe found = probe.send("GET", path, Optional.of("s3cret"));
        assertThat(found.status()).as(path).isEqualTo(404);
        assertThat(found.body()).as(path).contains("\"error\"");
      }
      assertThat(probe.send("DELETE", "/api/v1/clients", Optional.empty()).status()).isEqualTo(401);
      assertThat(probe.send("DELETE", "/api/v1/clients", Optional.of("s3cret")).status()).isEqualTo(405);
      // outside the API the console's files are open, and a missing one is simply not found
      assertThat(probe.send("GET", "/", Optional.empty()).status()).isEqualTo(200);
      assertThat(probe.send("HEAD", "/app.js", Optional.empty()).status()).isEqualTo(200);
      assertThat(probe.send("GET", "/nothing.js", Optional.empty()).status()).isEqualTo(404);
    }
  }
}
