package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.standard.DeviceInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The server's web console in a real browser against a running server and a real client on
 * 127.0.0.1: the client shows up live, its values are read, written and observed through the
 * page. Steps run in order on one browser; each leaves a screenshot in target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerConsoleTest {
  private static final String DEVICE = "console-dev";

  private LwM2mServer server;
  private RestApi rest;
  private LwM2mClient client;
  private Browser browser;
  private String console;

  @BeforeAll
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).requestTimeout(Duration.ofSeconds(5)).start();
    rest = RestApi.start(server, "127.0.0.1", 0, server.security(), server.serverCredentials());
    console = "http://127.0.0.1:" + rest.port() + "/";
    browser = Browser.start("server");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (client != null) {
      client.close();
    }
    if (rest != null) {
      rest.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private By node(String path) {
    return By.cssSelector("[data-select=\"" + path + "\"]");
  }

  private By value(String path) {
    return By.cssSelector("[data-value-path=\"" + path + "\"]");
  }

  @Test
  @Order(1)
  void aClientThatRegistersAppearsInTheOpenListWithoutReload() throws Exception {
    browser.open(console);
    browser.awaitText(By.id("clients-count"), "0 clients");
    browser.awaitText(By.id("stream-state"), "Live");

    client = LwM2mClient.builder(DEVICE).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60).start();

    WebElement row = browser.visible(By.cssSelector("tr[data-endpoint=\"" + DEVICE + "\"]"));
    assertThat(row.getText()).contains(DEVICE).contains("127.0.0.1:").contains("awake").contains("60 s");
    assertThat(row.findElement(By.cssSelector("td[data-label=Channel] .badge")).getText()).isEqualTo("udp");
    browser.screenshot("1-clients");
  }

  @Test
  @Order(2)
  void theClientPageShowsItsObjectsByNameAndReadsAValue() throws Exception {
    browser.click(By.linkText(DEVICE));
    browser.awaitText(By.id("page-title"), DEVICE);
    assertThat(browser.awaitText(By.id("client-channel"), "udp")).isEqualTo("udp");
    assertThat(browser.visible(node("/3")).getText()).contains("Device");
    browser.visible(node("/3/0/0"));

    browser.click(node("/3/0/0"));
    browser.click(By.id("op-read"));
    String manufacturer = browser.awaitText(value("/3/0/0"), "lwm2m4j");
    assertThat(manufacturer).isEqualTo(client.value(LwM2mPath.parse("/3/0/0")).map(v -> ((org.lwm2m4j.core.value.StringValue) v).value()).orElseThrow());
    browser.awaitText(By.id("status"), "Read /3/0/0: done");
    // what travelled on the wire: the format the server negotiated, as the API's header names it
    assertThat(browser.awaitText(By.id("result-format"), "senml-cbor")).isEqualTo("senml-cbor (112)");
    browser.screenshot("2-read");
  }

  @Test
  @Order(3)
  void aValueWrittenInThePageReachesTheClient() throws Exception {
    browser.click(node("/3/0/14"));
    browser.type(By.id("write-value"), "+05:00");
    browser.click(By.id("op-write"));
    browser.await(d -> client.value(LwM2mPath.parse("/3/0/14")).equals(Optional.of(Value.of("+05:00"))));
    // the page reads it back after writing
    browser.awaitText(value("/3/0/14"), "+05:00");
    browser.screenshot("3-write");
  }

  @Test
  @Order(4)
  void anObservedValueChangedOnTheClientShowsInThePage() throws Exception {
    browser.click(node("/3/0/9"));
    browser.click(By.id("op-observe"));
    browser.awaitText(By.id("observation-list"), "/3/0/9");
    DeviceInstance device = (DeviceInstance) client.tree().instance(3, 0).orElseThrow();

    device.setBatteryLevel(42);

    browser.awaitText(value("/3/0/9"), "42");
    browser.awaitText(By.id("event-log"), "/3/0/9 = 42");
    browser.screenshot("4-observe");

    browser.click(By.id("op-cancel"));
    browser.awaitText(By.id("observation-list"), "none");
  }

  @Test
  @Order(5)
  void discoverAndExecuteAnswerInTheResultPanel() throws Exception {
    browser.click(node("/3/0"));
    browser.click(By.id("op-discover"));
    browser.awaitText(By.id("result"), "/3/0/14");

    // Registration Update Trigger: the client sends an Update, which the page's log shows
    browser.click(By.cssSelector("button[aria-label^=\"Expand\"][aria-label$=\"/1\"]"));
    browser.click(By.cssSelector("button[aria-label^=\"Expand\"][aria-label$=\"/1/0\"]"));
    browser.click(node("/1/0/8"));
    browser.click(By.id("op-execute"));
    browser.awaitText(By.id("event-log"), "registration updated");
    browser.screenshot("5-discover-execute");
  }

  @Test
  @Order(6)
  void credentialsAreAddedListedAndDeleted() throws Exception {
    browser.click(By.linkText("Security"));
    browser.awaitText(By.id("page-title"), "Security");
    browser.type(By.id("sec-endpoint"), "psk-dev");
    browser.type(By.id("sec-identity"), "psk-dev-id");
    browser.type(By.id("sec-key"), "000102030405060708090a0b0c0d0e0f");
    browser.click(By.id("sec-save"));
    browser.awaitText(By.id("security-body"), "psk-dev-id");
    assertThat(server.security().byEndpoint("psk-dev")).isPresent();
    browser.screenshot("6-security");

    browser.click(By.cssSelector("button[aria-label=\"Delete credentials of psk-dev\"]"));
    browser.await(d -> d.switchTo().alert()).accept();
    browser.awaitText(By.id("security-body"), "No client credentials");
    assertThat(server.security().byEndpoint("psk-dev")).isEmpty();
  }

  @Test
  @Order(7)
  void theFirmwarePageListsImagesAndOffersNoClientWithoutObject5() throws Exception {
    browser.click(By.linkText("Firmware"));
    browser.awaitText(By.id("page-title"), "Firmware");
    browser.awaitText(By.id("images-body"), "No image uploaded yet");
    browser.awaitText(By.id("fw-targets"), "No registered client has a Firmware Update object");
    browser.awaitText(By.id("jobs-body"), "No update started");
    assertThat(browser.driver().findElements(By.id("firmware-unavailable"))).isEmpty();
    browser.screenshot("7-firmware");
  }

  @Test
  @Order(8)
  void thePagesFitAPhoneScreen() throws Exception {
    browser.resize(375, 812);
    try {
      browser.open(console);
      browser.visible(By.cssSelector("tr[data-endpoint=\"" + DEVICE + "\"]"));
      assertThat(horizontalOverflow()).isFalse();
      browser.screenshot("8-narrow-clients");
      browser.open(console + "#/clients/" + DEVICE);
      browser.visible(node("/3/0/0"));
      browser.click(node("/3/0/15"));
      browser.visible(By.id("op-read"));
      assertThat(horizontalOverflow()).isFalse();
      browser.screenshot("8-narrow-client");
    } finally {
      browser.resize(1280, 1000);
    }
  }

  @Test
  @Order(9)
  void everyControlHasAnAccessibleName() {
    browser.open(console + "#/clients/" + DEVICE);
    browser.visible(node("/3/0/0"));
    browser.click(node("/3/0/14"));
    browser.visible(By.id("write-value"));
    @SuppressWarnings("unchecked")
    java.util.List<String> unnamed = (java.util.List<String>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
        "return [...document.querySelectorAll('button, input, select, textarea, a[href]')].filter(e => {"
            + " const label = e.id && document.querySelector('label[for=\"' + e.id + '\"]');"
            + " const name = (e.getAttribute('aria-label') || (label && label.textContent) || e.closest('label')?.textContent || e.textContent || '').trim();"
            + " return !name; }).map(e => e.outerHTML.substring(0, 120));");
    assertThat(unnamed).isEmpty();
    assertThat(browser.driver().findElements(By.cssSelector("header nav[aria-label], main, [role=status][aria-live]"))).hasSizeGreaterThanOrEqualTo(3);
  }

  private boolean horizontalOverflow() {
    return (Boolean) ((org.openqa.selenium.JavascriptExecutor) browser.driver())
        .executeScript("return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
  }
}
