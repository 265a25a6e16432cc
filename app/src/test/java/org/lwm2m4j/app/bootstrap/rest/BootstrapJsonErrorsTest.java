package org.lwm2m4j.app.bootstrap.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.rest.RawHttp;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;

/** The Bootstrap-Server's HTTP errors are JSON as the server's are: unknown route, wrong method, Jetty's own refusals. */
class BootstrapJsonErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void assertJsonError(int status, RawHttp.Answer answer) throws Exception {
    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(answer.body()).path("error").asText()).isNotBlank();
  }

  @Test
  void unknownRoutesWrongMethodsAndOversizedRequestsAnswerJson() throws Exception {
    try (BootstrapServer bootstrap = BootstrapServer.builder(ep -> Optional.empty()).coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, new InMemoryBootstrapConfigStore(), "127.0.0.1", 0)) {
      int port = rest.port();
      assertJsonError(404, RawHttp.exchange(port, "GET", "/api/v1/nothing", "Accept: text/html"));
      assertJsonError(405, RawHttp.exchange(port, "PATCH", "/api/v1/bootstrap/configs"));
      assertJsonError(414, RawHttp.exchange(port, "GET", "/api/v1/bootstrap/configs/" + "e".repeat(20_000)));
      assertJsonError(431, RawHttp.exchange(port, "GET", "/api/v1/bootstrap/configs", "X-Padding: " + "p".repeat(20_000)));
    }
  }
}
