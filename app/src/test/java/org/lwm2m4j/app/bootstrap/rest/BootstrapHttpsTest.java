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
import org.lwm2m4j.app.rest.HttpsSettings;
import org.lwm2m4j.app.rest.TrustingHttpClient;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.transport.dtls.TestCredentials;

/** The Bootstrap-Server's API and console over HTTPS, and no plain HTTP on its port. */
class BootstrapHttpsTest {
  @Test
  void servesTheApiAndConsoleOverHttpsOnly() throws Exception {
    HttpsSettings settings = HttpsSettings.of(TestCredentials.privateKey("server"), TestCredentials.chain("server"));
    try (BootstrapServer bootstrap = BootstrapServer.builder(ep -> Optional.empty()).coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, new InMemoryBootstrapConfigStore(), "127.0.0.1", 0,
            Optional.of(new ApiToken("bs-tls")), Optional.of(settings))) {
      HttpClient https = TrustingHttpClient.trusting(TestCredentials.ca());
      String base = "127.0.0.1:" + rest.port();
      HttpResponse<String> configs = https.send(HttpRequest.newBuilder(URI.create("https://" + base + "/api/v1/bootstrap/configs"))
          .header("Authorization", "Bearer bs-tls").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(configs.statusCode()).as(configs.body()).isEqualTo(200);
      HttpResponse<String> console = https.send(HttpRequest.newBuilder(URI.create("https://" + base + "/")).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(console.statusCode()).isEqualTo(200);
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> refused = plain.send(HttpRequest.newBuilder(URI.create("http://" + base + "/api/v1/bootstrap/configs"))
          .header("Authorization", "Bearer bs-tls").timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("HTTPS only");
    }
  }
}
