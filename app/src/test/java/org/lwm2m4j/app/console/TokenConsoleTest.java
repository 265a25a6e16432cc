package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.bootstrap.rest.BootstrapRestApi;
import org.lwm2m4j.app.rest.ApiToken;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigJson;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.openqa.selenium.By;

/**
 * A server, and a Bootstrap-Server, started with an API token: the console's files load without
 * it, the console asks for it (again if refused), then lists clients (configurations) and follows
 * the event stream with it.
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

  @Test
  void theBootstrapConsoleAsksForTheTokenAndThenListsConfigurations() throws Exception {
    InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    configs.put("bs-token-dev", BootstrapConfigJson.parse(("{\"servers\":[{\"shortServerId\":1,\"uri\":\"coap://127.0.0.1:5683\","
        + "\"security\":{\"mode\":\"nosec\"}}]}").getBytes(StandardCharsets.UTF_8)));
    try (BootstrapServer bootstrap = BootstrapServer.builder(ep -> configs.get(ep).map(BootstrapConfig::plan))
            .coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, configs, "127.0.0.1", 0, Optional.of(new ApiToken("bs-console-secret")));
        Browser browser = Browser.start("token-bootstrap")) {
      browser.open("http://127.0.0.1:" + rest.port() + "/");
      browser.awaitText(By.id("token-hint"), "needs an API token");
      browser.type(By.id("token-input"), "wrong");
      browser.click(By.id("token-submit"));
      browser.awaitText(By.id("token-hint"), "refused");
      browser.screenshot("1-prompt");

      browser.type(By.id("token-input"), "bs-console-secret");
      browser.click(By.id("token-submit"));
      assertThat(browser.awaitText(By.cssSelector("tr[data-endpoint=\"bs-token-dev\"]"), "bs-token-dev")).contains("coap://127.0.0.1:5683");
      browser.awaitText(By.id("stream-state"), "Live");

      // the credentials page uses the same token
      browser.click(By.linkText("Security"));
      browser.awaitText(By.id("page-title"), "Security");
      browser.awaitText(By.id("security-body"), "No client credentials");
      assertThat(browser.driver().findElements(By.id("token-dialog")).stream().noneMatch(dialog -> dialog.isDisplayed())).isTrue();
      browser.click(By.linkText("Configurations"));
      browser.visible(By.cssSelector("tr[data-endpoint=\"bs-token-dev\"]"));
      browser.screenshot("2-configs");
    }
  }
}
