package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.registration.Registration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's client list with 100,000 registrations put straight into the server's store: it
 * shows one page, searches by endpoint prefix, pages forward and back, and follows a real client
 * on 127.0.0.1 through the event stream without loading the list again. Each test opens the
 * console afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientListConsoleTest {
  private static final int DEVICES = 99_500;
  private static final int SENSORS = 500;
  private static final By ROWS = By.cssSelector("#clients-body tr[data-endpoint]");

  private LwM2mServer server;
  private RestApi rest;
  private Browser browser;
  private String console;

  @BeforeAll
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    rest = RestApi.start(server, "127.0.0.1", 0, server.security(), server.serverCredentials());
    for (int i = 0; i < DEVICES + SENSORS; i++) {
      String endpoint = i < DEVICES ? String.format("dev-%05d", i) : String.format("sensor-%03d", i - DEVICES);
      server.registrations().store().add(Registration.builder("reg" + i, endpoint, new InetSocketAddress("127.0.0.1", 10_000 + i % 50_000))
          .lifetimeSeconds(3600).lwm2mVersion(Version.V1_1).objectLinks("</1/0>,</3/0>").registeredAt(Instant.now()).build());
    }
    console = "http://127.0.0.1:" + rest.port() + "/";
    browser = Browser.start("client-list");
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (rest != null) {
      rest.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void theFirstPageShowsAHundredClientsAndTheTotal() throws Exception {
    browser.open(console);
    awaitPage("dev-00000", 100);
    assertThat(total()).isEqualTo(DEVICES + SENSORS);
    assertThat(browser.driver().findElement(By.id("clients-range")).getText()).startsWith("Clients 1").contains("100 of 100,000");
    assertThat(browser.driver().findElement(By.id("clients-previous")).isEnabled()).isFalse();
    assertThat(browser.driver().findElement(By.id("clients-next")).isEnabled()).isTrue();
    browser.screenshot("1-first-page");
  }

  @Test
  void nextAndPreviousWalkThePages() throws Exception {
    browser.open(console);
    awaitPage("dev-00000", 100);
    browser.click(By.id("clients-next"));
    awaitPage("dev-00100", 100);
    browser.click(By.id("clients-next"));
    awaitPage("dev-00200", 100);
    assertThat(lastEndpoint()).isEqualTo("dev-00299");
    browser.screenshot("2-third-page");
    browser.click(By.id("clients-previous"));
    awaitPage("dev-00100", 100);
    browser.click(By.id("clients-previous"));
    awaitPage("dev-00000", 100);
    assertThat(browser.driver().findElement(By.id("clients-previous")).isEnabled()).isFalse();
  }

  @Test
  void searchingByPrefixNarrowsTheList() throws Exception {
    browser.open(console);
    awaitPage("dev-00000", 100);
    browser.type(By.id("clients-search"), "sensor-01");
    awaitPage("sensor-010", 10);
    assertThat(lastEndpoint()).isEqualTo("sensor-019");
    assertThat(browser.driver().findElement(By.id("clients-next")).isEnabled()).isFalse();
    browser.screenshot("3-search");

    // deep in the 100,000: the prefix finds the last ten devices at once
    browser.type(By.id("clients-search"), "dev-9949");
    awaitPage("dev-99490", 10);
    assertThat(lastEndpoint()).isEqualTo("dev-99499");

    browser.type(By.id("clients-search"), "nobody");
    browser.awaitText(By.id("clients-body"), "No client\u2019s endpoint starts with");
    assertThat(browser.driver().findElements(ROWS)).isEmpty();
  }

  @Test
  void thePageSizeChangesHowManyRowsAPageHolds() throws Exception {
    browser.open(console);
    awaitPage("dev-00000", 100);
    browser.type(By.id("clients-search"), "sensor-");
    awaitPage("sensor-000", 100);
    new Select(browser.visible(By.id("clients-page-size"))).selectByValue("25");
    awaitPage("sensor-000", 25);
    browser.click(By.id("clients-next"));
    awaitPage("sensor-025", 25);
    new Select(browser.visible(By.id("clients-page-size"))).selectByValue("500");
    awaitPage("sensor-000", 500);
    assertThat(browser.driver().findElement(By.id("clients-next")).isEnabled()).isFalse();
  }

  @Test
  void aClientThatRegistersOrLeavesMovesTheTotalAndItsRowLive() throws Exception {
    browser.open(console);
    awaitPage("dev-00000", 100);
    browser.awaitText(By.id("stream-state"), "Live");
    browser.type(By.id("clients-search"), "live-");
    browser.awaitText(By.id("clients-body"), "No client\u2019s endpoint starts with");

    try (LwM2mClient client = LwM2mClient.builder("live-1").localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60).start()) {
      WebElement row = browser.visible(By.cssSelector("tr[data-endpoint=\"live-1\"]"));
      assertThat(row.getText()).contains("127.0.0.1:").contains("60 s");
      browser.await(d -> total() == DEVICES + SENSORS + 1);
      browser.screenshot("4-live");
    }
    // closing deregisters: the row and the count follow
    browser.await(d -> d.findElements(By.cssSelector("tr[data-endpoint=\"live-1\"]")).isEmpty());
    browser.await(d -> total() == DEVICES + SENSORS);
  }

  /** Waits until the page shows {@code count} rows starting with {@code first}. */
  private void awaitPage(String first, int count) {
    browser.await((WebDriver d) -> {
      List<WebElement> rows = d.findElements(ROWS);
      return rows.size() == count && rows.get(0).getAttribute("data-endpoint").equals(first);
    });
  }

  private String lastEndpoint() {
    List<WebElement> rows = browser.driver().findElements(ROWS);
    return rows.get(rows.size() - 1).getAttribute("data-endpoint");
  }

  private int total() {
    String total = browser.driver().findElement(By.id("clients-count")).getAttribute("data-total");
    return total == null || total.isEmpty() ? -1 : Integer.parseInt(total);
  }
}
