package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.bootstrap.rest.BootstrapRestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.SecurityConfig;
import org.lwm2m4j.server.bootstrap.config.ServerAccountConfig;
import org.lwm2m4j.server.bootstrap.config.SessionRecorder;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.dtls.TestCredentials;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Bootstrap-Server's console in a real browser: a configuration made with the form is stored
 * and listed, a client bootstrapping with it shows as session events and its last session; a push
 * is refused in words when no address is known, and one that fails shows why beside the last
 * success; the form makes several servers with RPK and X.509 credentials; the page fits 1,280 px.
 * Sessions wait 1 s per step (CoAP ACK timeout 200 ms), so a failing push fails fast.
 */
class BootstrapConsoleTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path files;

  private static BootstrapServer bootstrapServer(InMemoryBootstrapConfigStore configs) throws Exception {
    BootstrapServer bootstrap = BootstrapServer.builder(ep -> configs.get(ep).map(BootstrapConfig::plan))
        .coapAddress(new InetSocketAddress("127.0.0.1", 0)).stepTimeout(Duration.ofSeconds(1))
        .coapSettings(new CoapSettings(Duration.ofMillis(200), 4)).start();
    bootstrap.addListener(new SessionRecorder(configs, Clock.systemUTC()));
    return bootstrap;
  }

  private static LwM2mClient.Builder client(String endpoint, BootstrapServer bootstrap) {
    return LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9))
        .bootstrapServer(URI.create("coap://127.0.0.1:" + bootstrap.coapAddress().getPort()), new ClientCredentials.NoSec());
  }

  @Test
  void aConfigurationMadeInThePageBootstrapsAClientAndAFailedPushShowsWhyBesideTheLastSuccess() throws Exception {
    InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        BootstrapServer bootstrap = bootstrapServer(configs);
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, configs, "127.0.0.1", 0);
        Browser browser = Browser.start("bootstrap")) {
      browser.resize(1280, 900);
      browser.open("http://127.0.0.1:" + rest.port() + "/");
      browser.awaitText(By.id("page-title"), "Configurations");
      browser.awaitText(By.id("stream-state"), "Live");

      browser.type(By.id("cfg-endpoint"), "bs-dev");
      String serverUri = "coap://127.0.0.1:" + server.coapAddress().getPort();
      browser.type(By.id("srv-1-uri"), serverUri);
      browser.type(By.id("srv-1-lifetime"), "60");
      browser.click(By.id("cfg-save"));
      browser.awaitText(By.id("configs-body"), "bs-dev");
      assertThat(configs.get("bs-dev")).isPresent();
      assertThat(browser.driver().findElement(By.id("configs-body")).getText()).contains("never");
      browser.screenshot("1-config");

      push(browser, "bs-dev", "");
      browser.awaitText(By.id("status"), "Push refused: no address known for bs-dev: it has not contacted this bootstrap server "
          + "since it started; give \"address\" in the request or let the device request bootstrap first");

      int clientPort;
      try (LwM2mClient client = client("bs-dev", bootstrap).start()) {
        clientPort = client.address().getPort();
        browser.awaitText(By.id("session-log"), "finished");
        browser.awaitText(By.cssSelector("tr[data-endpoint=\"bs-dev\"] td.success"), "wrote " + serverUri);
        browser.screenshot("2-session");
      }

      // the device went away; what is at its port now takes datagrams and never answers
      try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort))) {
        push(browser, "bs-dev", "");
        browser.awaitText(By.id("status"), "Bootstrap of bs-dev started at 127.0.0.1:" + clientPort + " (where it last contacted");
        String row = browser.awaitText(By.cssSelector("tr[data-endpoint=\"bs-dev\"] td.attempt"),
            "device did not answer Bootstrap-Discover / within 1 s (2 retransmissions to 127.0.0.1:" + clientPort + ")");
        assertThat(row).contains("failed").doesNotContain("Exception");
        assertThat(browser.driver().findElement(By.cssSelector("tr[data-endpoint=\"bs-dev\"] td.success")).getText())
            .as("the failure keeps the last success").contains("wrote " + serverUri);
        browser.awaitText(By.id("session-log"), "device did not answer Bootstrap-Discover /");
      }
      assertFitsTheWindow(browser);
      browser.screenshot("3-failed-push");

      browser.resize(375, 812);
      browser.screenshot("4-narrow");
    }
  }

  @Test
  void twoServersOneRpkOneX509MadeInTheFormAreStoredAsGivenAndBootstrapAClient() throws Exception {
    KeyPair clientKey = TestCredentials.newKeyPair();
    KeyPair serverKey = TestCredentials.newKeyPair();
    X509Certificate certificate = TestCredentials.chain("client").get(0);
    byte[] certificatePrivateKey = TestCredentials.privateKey("client").getEncoded();
    X509Certificate serverCertificate = TestCredentials.chain("server").get(0);
    byte[] certificateDer = certificate.getEncoded();
    byte[] serverCertificateDer = serverCertificate.getEncoded();
    Path certificateFile = files.resolve("client.der");
    Files.write(certificateFile, certificateDer);
    InMemoryBootstrapConfigStore configs = new InMemoryBootstrapConfigStore();
    try (BootstrapServer bootstrap = bootstrapServer(configs);
        BootstrapRestApi rest = BootstrapRestApi.start(bootstrap, configs, "127.0.0.1", 0);
        Browser browser = Browser.start("bootstrap-secure")) {
      browser.resize(1280, 900);
      browser.open("http://127.0.0.1:" + rest.port() + "/");
      browser.awaitText(By.id("stream-state"), "Live");

      browser.type(By.id("cfg-endpoint"), "secure-dev");
      // server 1: RPK, the keys pasted as PEM, hex and base64
      browser.type(By.id("srv-1-uri"), "coaps://127.0.0.1:5684");
      select(browser, "srv-1-mode", "rpk");
      browser.type(By.id("srv-1-rpk-publicKey"), pem("PUBLIC KEY", clientKey.getPublic().getEncoded()));
      browser.type(By.id("srv-1-rpk-privateKey"), HexFormat.of().formatHex(clientKey.getPrivate().getEncoded()));
      browser.type(By.id("srv-1-rpk-serverPublicKey"), Base64.getEncoder().encodeToString(serverKey.getPublic().getEncoded()));
      // server 2: X.509, the certificate uploaded as a DER file
      browser.click(By.id("server-add"));
      browser.type(By.id("srv-2-uri"), "coaps://127.0.0.1:5686");
      browser.type(By.id("srv-2-lifetime"), "120");
      browser.type(By.id("srv-2-binding"), "UQ");
      select(browser, "srv-2-mode", "x509");
      browser.driver().findElement(By.id("srv-2-x509-certificate-file")).sendKeys(certificateFile.toAbsolutePath().toString());
      browser.await(d -> !d.findElement(By.id("srv-2-x509-certificate")).getAttribute("value").isEmpty());
      browser.type(By.id("srv-2-x509-privateKey"), pem("PRIVATE KEY", certificatePrivateKey));
      browser.type(By.id("srv-2-x509-serverCertificate"), pem("CERTIFICATE", serverCertificate.getEncoded()));
      browser.screenshot("1-form");
      browser.click(By.id("cfg-save"));
      browser.awaitText(By.id("status"), "Configuration of secure-dev created");

      List<ServerAccountConfig> servers = configs.get("secure-dev").orElseThrow().servers();
      assertThat(servers).extracting(ServerAccountConfig::shortServerId).containsExactly(1, 2);
      assertThat(servers.get(0).security()).isInstanceOfSatisfying(SecurityConfig.Rpk.class, rpk -> {
        assertThat(rpk.publicKey()).isEqualTo(clientKey.getPublic().getEncoded());
        assertThat(rpk.privateKey()).isEqualTo(clientKey.getPrivate().getEncoded());
        assertThat(rpk.serverPublicKey()).isEqualTo(serverKey.getPublic().getEncoded());
      });
      assertThat(servers.get(1).security()).isInstanceOfSatisfying(SecurityConfig.X509.class, x509 -> {
        assertThat(x509.certificate()).isEqualTo(certificateDer);
        assertThat(x509.privateKey()).isEqualTo(certificatePrivateKey);
        assertThat(x509.serverCertificate()).isEqualTo(serverCertificateDer);
        assertThat(x509.certificateUsage()).isEqualTo(3);
      });
      // and as the REST API shows it (no secrets)
      JsonNode shown = JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + rest.port() + "/api/v1/bootstrap/configs/secure-dev")).build(),
          HttpResponse.BodyHandlers.ofString()).body()).get("config").get("servers");
      assertThat(shown.get(0).get("security").get("mode").asText()).isEqualTo("rpk");
      assertThat(shown.get(1).get("security").get("mode").asText()).isEqualTo("x509");
      assertThat(shown.get(1).get("lifetime").asLong()).isEqualTo(120);
      assertThat(shown.get(1).get("binding").asText()).isEqualTo("UQ");
      assertThat(shown.get(1).get("security").get("certificate").asText())
          .isEqualTo(Base64.getEncoder().encodeToString(certificate.getEncoded()));

      browser.awaitText(By.cssSelector("tr[data-endpoint=\"secure-dev\"] td.servers"), "2: coaps://127.0.0.1:5686 (X.509)");
      assertThat(browser.driver().findElement(By.cssSelector("tr[data-endpoint=\"secure-dev\"] td.servers")).getText())
          .contains("1: coaps://127.0.0.1:5684 (RPK)");
      assertFitsTheWindow(browser);

      try (LwM2mClient client = client("secure-dev", bootstrap).start()) {
        browser.awaitText(By.cssSelector("tr[data-endpoint=\"secure-dev\"] td.success"),
            "wrote coaps://127.0.0.1:5684, coaps://127.0.0.1:5686");
        browser.screenshot("2-bootstrapped");
      }

      // Edit fills the form back: both servers and their public parts, the private keys left to enter again
      browser.click(By.id("cfg-clear"));
      browser.await(d -> d.findElements(By.id("srv-2-uri")).isEmpty());
      browser.click(By.cssSelector("button[aria-label=\"Edit configuration of secure-dev\"]"));
      browser.await(d -> "coaps://127.0.0.1:5686".equals(d.findElement(By.id("srv-2-uri")).getAttribute("value")));
      assertThat(browser.driver().findElement(By.id("srv-2-mode")).getAttribute("value")).isEqualTo("x509");
      assertThat(browser.driver().findElement(By.id("srv-2-x509-certificate")).getAttribute("value"))
          .isEqualTo(Base64.getEncoder().encodeToString(certificateDer));
      assertThat(browser.driver().findElement(By.id("srv-1-rpk-privateKey")).getAttribute("value")).isEmpty();
      assertThat(browser.driver().findElement(By.id("cfg-endpoint")).getAttribute("value")).isEqualTo("secure-dev");
    }
  }

  /** Clicks Push on {@code endpoint}'s row and answers the address prompt with {@code address}. */
  private static void push(Browser browser, String endpoint, String address) {
    browser.click(By.cssSelector("button[aria-label=\"Push configuration to " + endpoint + "\"]"));
    Alert prompt = browser.await(ExpectedConditions.alertIsPresent()::apply);
    if (!address.isEmpty()) {
      prompt.sendKeys(address);
    }
    prompt.accept();
  }

  private static void select(Browser browser, String id, String value) {
    ((JavascriptExecutor) browser.driver()).executeScript(
        "const s = document.getElementById(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true}));",
        id, value);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----";
  }

  /** Nothing scrolls sideways, neither the page nor the table, and every row's buttons are in the window. */
  @SuppressWarnings("unchecked")
  private static void assertFitsTheWindow(Browser browser) {
    Map<String, Object> layout = (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeScript(
        "const wrap = document.querySelector('#configs-table').parentElement;"
            + "const buttons = [...document.querySelectorAll('#configs-body button')];"
            + "return { page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth,"
            + " wrapScroll: wrap.scrollWidth, wrapWidth: wrap.clientWidth, buttons: buttons.length,"
            + " outside: buttons.filter(b => { const r = b.getBoundingClientRect(); return r.left < 0 || r.right > document.documentElement.clientWidth; })"
            + "   .map(b => b.getAttribute('aria-label')) };");
    assertThat((Long) layout.get("page")).as("page width at 1,280 px: " + layout).isLessThanOrEqualTo((Long) layout.get("window"));
    assertThat((Long) layout.get("wrapScroll")).as("table width: " + layout).isLessThanOrEqualTo((Long) layout.get("wrapWidth"));
    assertThat((Long) layout.get("buttons")).isPositive();
    assertThat((List<String>) layout.get("outside")).as("buttons outside the window").isEmpty();
  }
}
