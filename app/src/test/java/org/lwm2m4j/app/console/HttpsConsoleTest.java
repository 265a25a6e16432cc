package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.rest.ApiToken;
import org.lwm2m4j.app.rest.HttpsSettings;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.transport.dtls.TestCredentials;
import org.openqa.selenium.By;

/**
 * The console in a browser over HTTPS with a token: it loads, takes the token and follows the
 * event stream live, all on https. Chromium does not know the test CA, hence
 * {@code --ignore-certificate-errors}.
 */
class HttpsConsoleTest {
  @Test
  void theConsoleWorksLiveOverHttps() throws Exception {
    HttpsSettings https = HttpsSettings.of(TestCredentials.privateKey("server"), TestCredentials.chain("server"));
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        RestApi rest = RestApi.start(server, "127.0.0.1", 0, server.security(), server.serverCredentials(),
            Optional.of(new ApiToken("tls-console-secret")), Optional.of(https));
        Browser browser = Browser.start("https", "--ignore-certificate-errors")) {
      browser.open("https://127.0.0.1:" + rest.port() + "/");
      browser.type(By.id("token-input"), "tls-console-secret");
      browser.click(By.id("token-submit"));
      browser.awaitText(By.id("clients-count"), "0 clients");
      browser.awaitText(By.id("stream-state"), "Live");
      try (LwM2mClient client = LwM2mClient.builder("https-console-dev").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60).start()) {
        assertThat(browser.visible(By.cssSelector("tr[data-endpoint=\"https-console-dev\"]")).getText()).contains("https-console-dev");
        browser.screenshot("live");
      }
      assertThat(browser.driver().getCurrentUrl()).startsWith("https://");
    }
  }
}
