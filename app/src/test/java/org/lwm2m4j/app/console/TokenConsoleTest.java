package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.rest.ApiToken;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.server.LwM2mServer;
import org.openqa.selenium.By;

/**
 * A server started with an API token: the console's files load without it, the console asks for
 * it (again if refused), then lists clients and follows the event stream with it.
 */
class TokenConsoleTest {
  @Test
  void theConsoleAsksForTheTokenAndThenWorksLive() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0, server.security(), server.serverCredentials(),
            Optional.of(new ApiToken("console-secret")));
        Browser browser = Browser.start("token")) {
      browser.open("http://127.0.0.1:" + rest.port() + "/");
      browser.type(By.id("token-input"), "wrong");
      browser.click(By.id("token-submit"));
      browser.awaitText(By.id("token-hint"), "refused");
      browser.screenshot("1-prompt");

      browser.type(By.id("token-input"), "console-secret");
      browser.click(By.id("token-submit"));
      browser.awaitText(By.id("clients-count"), "0 clients");
      browser.awaitText(By.id("stream-state"), "Live");

      try (LwM2mClient client = LwM2mClient.builder("token-dev").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60).start()) {
        // only the event stream, opened with ?access_token=, can bring the new client to the page
        assertThat(browser.visible(By.cssSelector("tr[data-endpoint=\"token-dev\"]")).getText()).contains("token-dev");
        browser.screenshot("2-live");
      }
    }
  }
}
