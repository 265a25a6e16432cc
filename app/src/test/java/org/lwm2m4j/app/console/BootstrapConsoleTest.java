package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.bootstrap.rest.BootstrapRestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.SessionRecorder;
import org.openqa.selenium.By;

/**
 * The Bootstrap-Server's console in a real browser: a configuration made with the form is stored
 * and listed, and a client bootstrapping with it shows as session events and its last session.
 */
class BootstrapConsoleTest {
  @Test
  void aConfigurationMadeInThePageBootstrapsAClient() throws Exception {
    InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapServer bootstrap = BootstrapServer.builder(ep -> configs.get(ep).map(BootstrapConfig::plan))
            .coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, configs, "127.0.0.1", 0);
        Browser browser = Browser.start("bootstrap")) {
      bootstrap.addListener(new SessionRecorder(configs, Clock.systemUTC()));
      browser.open("http://127.0.0.1:" + rest.port() + "/");
      browser.awaitText(By.id("page-title"), "Configurations");
      browser.awaitText(By.id("stream-state"), "Live");

      browser.type(By.id("cfg-endpoint"), "bs-dev");
      browser.type(By.id("cfg-uri"), "coap://127.0.0.1:" + server.coapAddress().getPort());
      browser.type(By.id("cfg-lifetime"), "60");
      browser.click(By.id("cfg-save"));
      browser.awaitText(By.id("configs-body"), "bs-dev");
      assertThat(configs.get("bs-dev")).isPresent();
      assertThat(browser.driver().findElement(By.id("configs-body")).getText()).contains("never");
      browser.screenshot("1-config");

      try (LwM2mClient client = LwM2mClient.builder("bs-dev").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .registrationSettings(new RegistrationSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9))
          .bootstrapServer(URI.create("coap://127.0.0.1:" + bootstrap.coapAddress().getPort()), new ClientCredentials.NoSec())
          .start()) {
        browser.awaitText(By.id("session-log"), "finished");
        browser.awaitText(By.cssSelector("tr[data-endpoint=\"bs-dev\"]"), "finished");
        browser.screenshot("2-session");
      }

      browser.resize(375, 812);
      browser.screenshot("3-narrow");
    }
  }
}
