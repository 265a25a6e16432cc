package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.bootstrap.rest.BootstrapRestApi;
import org.lwm2m4j.app.rest.ApiToken;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;

/** The console files over plain HTTP: served at / without the API token, each app its own page, the shared files to both. */
class ConsoleFilesTest {
  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theServerConsoleLoadsWithoutTheTokenThatGuardsTheApi() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0, server.security(), server.serverCredentials(),
            Optional.of(new ApiToken("t0ken")))) {
      HttpResponse<String> index = get(rest.port(), "/");
      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
      assertThat(index.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
      assertThat(index.body()).contains("lwm2m4j server").contains("/app.js");
      for (String file : new String[] {"/app.js", "/clients.js", "/client-page.js", "/client-tree.js", "/client-panel.js",
          "/client-operations.js", "/client-composite.js", "/firmware.js", "/models.js", "/senml.js", "/api.js", "/security.js", "/style.css"}) {
        assertThat(get(rest.port(), file).statusCode()).as(file).isEqualTo(200);
      }
      assertThat(get(rest.port(), "/app.js").headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
      assertThat(get(rest.port(), "/bootstrap.js").statusCode()).isEqualTo(404);
      assertThat(get(rest.port(), "/api/v1/clients").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theBootstrapServerServesItsOwnConsoleWithoutTheTokenThatGuardsItsApi() throws Exception {
    InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    try (BootstrapServer bootstrap = BootstrapServer.builder(ep -> Optional.empty()).coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, configs, "127.0.0.1", 0, Optional.of(new ApiToken("bs-t0ken")))) {
      HttpResponse<String> index = get(rest.port(), "/");
      assertThat(index.statusCode()).isEqualTo(200);
      assertThat(index.body()).contains("lwm2m4j bootstrap").contains("/bootstrap.js").contains("href=\"/api/v1/openapi.json\"");
      assertThat(get(rest.port(), "/api/v1/bootstrap/configs").statusCode()).isEqualTo(401);
      for (String file : new String[] {"/bootstrap.js", "/api.js", "/security.js", "/style.css"}) {
        assertThat(get(rest.port(), file).statusCode()).as(file).isEqualTo(200);
      }
      assertThat(get(rest.port(), "/app.js").statusCode()).isEqualTo(404);
      assertThat(get(rest.port(), "/clients.js").statusCode()).isEqualTo(404);
      assertThat(get(rest.port(), "/client-page.js").statusCode()).isEqualTo(404);
    }
  }
}
