package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.standard.DeviceInstance;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.X509Security;
import org.lwm2m4j.transport.dtls.TestCredentials;
import org.openqa.selenium.By;

/**
 * The client page for an operator of a real fleet, in a real browser against real clients on
 * 127.0.0.1 (one plain, one PSK, one raw public key; an X.509 one on a server of its own): the security mode in the list and on the
 * page, values read when an instance is opened, and the composite operations. Each test loads
 * the page afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientPageConsoleTest {
  private static final String PLAIN = "page-plain";
  private static final String PSK = "page-psk";
  private static final String RPK = "page-rpk";
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private LwM2mServer server;
  private RestApi rest;
  private LwM2mClient plain;
  private LwM2mClient psk;
  private LwM2mClient rpk;
  private Browser browser;
  private String console;

  @BeforeAll
  void start() throws Exception {
    KeyPair serverKeys = keyPair();
    KeyPair clientKeys = keyPair();
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).coapsAddress(new InetSocketAddress("127.0.0.1", 0))
        .rawPublicKey(serverKeys.getPrivate(), serverKeys.getPublic()).requestTimeout(Duration.ofSeconds(5)).start();
    server.security().put(new PskSecurity(PSK, "page-psk-id", KEY));
    server.security().put(new RpkSecurity(RPK, clientKeys.getPublic()));
    rest = RestApi.start(server, "127.0.0.1", 0, server.security(), server.serverCredentials());
    console = "http://127.0.0.1:" + rest.port() + "/";
    URI coap = URI.create("coap://127.0.0.1:" + server.coapAddress().getPort());
    URI coaps = URI.create("coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort());
    plain = LwM2mClient.builder(PLAIN).localAddress(new InetSocketAddress("127.0.0.1", 0)).server(coap, 1, 300).start();
    psk = LwM2mClient.builder(PSK).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(coaps, 1, 300, new ClientCredentials.Psk("page-psk-id", KEY)).start();
    rpk = LwM2mClient.builder(RPK).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(coaps, 1, 300, new ClientCredentials.Rpk(clientKeys.getPrivate(), clientKeys.getPublic(), serverKeys.getPublic())).start();
    browser = Browser.start("client-page");
    browser.await(d -> server.registrations().store().size() == 3);
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    for (LwM2mClient client : new LwM2mClient[] {plain, psk, rpk}) {
      if (client != null) {
        client.close();
      }
    }
    if (rest != null) {
      rest.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void openClient(String endpoint) {
    browser.open(console + "#/clients/" + endpoint);
    browser.driver().navigate().refresh(); // a fresh page, whatever the test before left
    browser.awaitText(By.id("page-title"), endpoint);
  }

  private static By value(String path) {
    return By.cssSelector("[data-value-path=\"" + path + "\"]");
  }

  private static By pick(String path) {
    return By.cssSelector("input.pick[data-pick=\"" + path + "\"]");
  }

  private static By composite(String path) {
    return By.cssSelector("#composite-result [data-composite-path=\"" + path + "\"]");
  }

  private static By security(String endpoint) {
    return By.cssSelector("tr[data-endpoint=\"" + endpoint + "\"] [data-security]");
  }

  private String text(LwM2mClient client, String path) {
    return client.value(LwM2mPath.parse(path)).map(v -> ((org.lwm2m4j.core.value.StringValue) v).value()).orElse("");
  }

  @Test
  void theListAndTheClientPageShowTheSecurityModeOfEachClient() throws Exception {
    browser.open(console);
    browser.driver().navigate().refresh();
    assertThat(browser.awaitText(security(PSK), "PSK")).isEqualTo("PSK");
    assertThat(browser.awaitText(security(RPK), "RPK")).isEqualTo("RPK");
    assertThat(browser.awaitText(security(PLAIN), "none")).isEqualTo("none");
    assertThat(browser.driver().findElement(security(PSK)).getAttribute("title")).contains("page-psk-id");
    browser.screenshot("1-security-modes");

    openClient(PSK);
    String shown = browser.awaitText(By.id("client-security"), "PSK");
    assertThat(shown).contains("page-psk-id");
    browser.screenshot("2-psk-client");
  }

  @Test
  void aCertificateClientShowsAsX509WithItsSubject() throws Exception {
    try (LwM2mServer x509Server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapsAddress(new InetSocketAddress("127.0.0.1", 0))
        .certificate(TestCredentials.privateKey("server"), TestCredentials.chain("server"))
        .trustedCertificates(List.of(TestCredentials.ca())).start();
        RestApi x509Rest = RestApi.start(x509Server, "127.0.0.1", 0, x509Server.security(), x509Server.serverCredentials())) {
      x509Server.security().put(new X509Security("dev-x509"));
      try (LwM2mClient x509 = LwM2mClient.builder("dev-x509").localAddress(new InetSocketAddress("127.0.0.1", 0))
          .server(URI.create("coaps://127.0.0.1:" + x509Server.coapsAddress().orElseThrow().getPort()), 1, 300,
              new ClientCredentials.X509(TestCredentials.privateKey("client"), TestCredentials.chain("client"), TestCredentials.ca(), 2))
          .start()) {
        browser.await(d -> x509Server.registrations().store().byEndpoint("dev-x509").isPresent());
        browser.open("http://127.0.0.1:" + x509Rest.port() + "/");
        assertThat(browser.awaitText(security("dev-x509"), "X.509")).isEqualTo("X.509");
        browser.open("http://127.0.0.1:" + x509Rest.port() + "/#/clients/dev-x509");
        assertThat(browser.awaitText(By.id("client-security"), "X.509")).contains("CN=dev-x509");
        browser.screenshot("2-x509-client");
      }
    }
  }

  @Test
  void openingAnInstanceShowsItsValuesWithoutFurtherClicks() throws Exception {
    openClient(PLAIN);
    // /3/0 opens with the page: its values come with it
    assertThat(browser.awaitText(value("/3/0/0"), "lwm2m4j")).isEqualTo(text(plain, "/3/0/0"));
    browser.awaitText(value("/3/0/9"), String.valueOf(((org.lwm2m4j.core.value.IntegerValue)
        plain.value(LwM2mPath.parse("/3/0/9")).orElseThrow()).value()));

    browser.click(By.cssSelector("button[aria-label^=\"Expand\"][aria-label$=\"/1\"]"));
    browser.click(By.cssSelector("button[aria-label^=\"Expand\"][aria-label$=\"/1/0\"]"));
    browser.awaitText(value("/1/0/1"), "300"); // the lifetime, read when /1/0 opened
    browser.screenshot("3-opened-instances");

    DeviceInstance device = (DeviceInstance) plain.tree().instance(3, 0).orElseThrow();
    device.setBatteryLevel(17);
    browser.click(By.cssSelector("button[data-refresh=\"/3/0\"]"));
    browser.awaitText(value("/3/0/9"), "17");
  }

  @Test
  void readCompositeOfTwoPickedPathsShowsBothValues() throws Exception {
    openClient(PLAIN);
    browser.visible(value("/3/0/0"));
    browser.click(pick("/3/0/0"));
    browser.click(pick("/3/0/1"));
    assertThat(browser.driver().findElement(By.id("composite-paths")).getAttribute("value")).isEqualTo("/3/0/0\n/3/0/1");
    browser.click(By.id("composite-read"));
    assertThat(browser.awaitText(composite("/3/0/0"), "lwm2m4j")).isEqualTo(text(plain, "/3/0/0"));
    assertThat(browser.awaitText(composite("/3/0/1"), "")).isEqualTo(text(plain, "/3/0/1"));
    browser.screenshot("4-read-composite");
  }

  @Test
  void writeCompositeChangesTwoValuesOnTheClient() throws Exception {
    openClient(PLAIN);
    browser.visible(value("/3/0/0"));
    browser.type(By.id("composite-senml"), "[{\"n\":\"/3/0/14\",\"vs\":\"+03:00\"},{\"n\":\"/3/0/15\",\"vs\":\"Europe/Moscow\"}]");
    browser.click(By.id("composite-write"));
    browser.await(d -> plain.value(LwM2mPath.parse("/3/0/14")).equals(Optional.of(Value.of("+03:00")))
        && plain.value(LwM2mPath.parse("/3/0/15")).equals(Optional.of(Value.of("Europe/Moscow"))));
    // the page reads them back: the tree shows what the client now holds
    browser.awaitText(value("/3/0/14"), "+03:00");
    browser.awaitText(value("/3/0/15"), "Europe/Moscow");
    browser.screenshot("5-write-composite");
  }

  @Test
  void observeCompositeShowsANotificationWhenTheClientChangesAValue() throws Exception {
    openClient(PLAIN);
    browser.visible(value("/3/0/0"));
    browser.type(By.id("composite-paths"), "/3/0/9\n/3/0/0");
    browser.click(By.id("composite-observe"));
    browser.visible(By.id("composite-observing"));
    browser.awaitText(By.id("observation-list"), "composite");

    DeviceInstance device = (DeviceInstance) plain.tree().instance(3, 0).orElseThrow();
    device.setBatteryLevel(64);

    browser.awaitText(composite("/3/0/9"), "64");
    browser.awaitText(By.id("composite-result"), "Notification of");
    browser.awaitText(value("/3/0/9"), "64");
    browser.screenshot("6-observe-composite");
  }
}
