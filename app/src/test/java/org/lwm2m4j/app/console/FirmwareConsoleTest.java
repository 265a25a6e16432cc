package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.firmware.FirmwareUpdateInstance;
import org.lwm2m4j.client.object.firmware.FirmwareUpdater;
import org.lwm2m4j.server.LwM2mServer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The console's firmware page against the real thing on 127.0.0.1: a server with its REST API and
 * a client with a Firmware Update object (5). An image chosen in the page's file input is
 * uploaded, started on the client (pull, then push), and the job's phases follow the {@code
 * firmware} events live until it succeeds; the client's updater really got the image's bytes.
 */
class FirmwareConsoleTest {
  private static final String DEVICE = "fw-console-dev";

  @TempDir
  Path dir;

  private final BlockingQueue<byte[]> installed = new LinkedBlockingQueue<>();
  private LwM2mServer server;
  private RestApi rest;
  private LwM2mClient client;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).requestTimeout(Duration.ofSeconds(10)).start();
    rest = RestApi.start(server, "127.0.0.1", 0, server.security(), server.serverCredentials());
    AtomicReference<LwM2mClient> self = new AtomicReference<>();
    FirmwareUpdateInstance firmware = new FirmwareUpdateInstance(new FirmwareUpdater() {
      @Override
      public int verify(byte[] image) {
        return FirmwareUpdateInstance.RESULT_INITIAL;
      }

      @Override
      public int install(byte[] image) {
        installed.add(image);
        return FirmwareUpdateInstance.RESULT_SUCCESS;
      }
      // the download lingers a little, so that the page shows it in progress for its screenshot
    }, uri -> self.get().download(uri).thenApplyAsync(bytes -> bytes, CompletableFuture.delayedExecutor(1500, TimeUnit.MILLISECONDS)),
        CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
    client = LwM2mClient.builder(DEVICE).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60)
        .object(5, StoredInstance::new, List.of(firmware)).start();
    self.set(client);
  }

  @AfterEach
  void stop() {
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

  private static byte[] image(int size, int seed) {
    byte[] image = new byte[size];
    for (int i = 0; i < size; i++) {
      image[i] = (byte) (i * 31 + seed);
    }
    return image;
  }

  /** Records each phase the job row shows, however briefly (the test's polling could miss one). */
  private static void recordPhases(Browser browser) {
    ((JavascriptExecutor) browser.driver()).executeScript("window.phasesShown = [];"
        + "const body = document.getElementById('jobs-body');"
        + "new MutationObserver(() => {"
        + "  const cell = body.querySelector('tr[data-endpoint] td[data-label=Phase] .badge');"
        + "  const phase = cell && cell.textContent;"
        + "  if (phase && window.phasesShown[window.phasesShown.length - 1] !== phase) { window.phasesShown.push(phase); }"
        + "}).observe(body, { childList: true, subtree: true, characterData: true });");
  }

  @SuppressWarnings("unchecked")
  private static List<String> phasesShown(Browser browser) {
    return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("return window.phasesShown;");
  }

  private static By job() {
    return By.cssSelector("#jobs-body tr[data-endpoint=\"" + DEVICE + "\"]");
  }

  @Test
  void anUploadedImageIsInstalledByPullThenByPushWithItsProgressLive() throws Exception {
    byte[] first = image(60_000, 7);
    Path firstFile = Files.write(dir.resolve("fw-1.2.bin"), first);
    byte[] second = image(30_000, 11);
    Path secondFile = Files.write(dir.resolve("fw-1.3.bin"), second);
    try (Browser browser = Browser.start("firmware")) {
      browser.open("http://127.0.0.1:" + rest.port() + "/#/firmware");
      browser.awaitText(By.id("images-body"), "No image uploaded yet");
      browser.awaitText(By.id("stream-state"), "Live");
      // the client is offered once registered: its registration carries </5/0>
      browser.visible(By.cssSelector("#fw-targets input[value=\"" + DEVICE + "\"]"));
      browser.awaitText(By.id("jobs-body"), "No update started");

      browser.driver().findElement(By.id("fw-file")).sendKeys(firstFile.toAbsolutePath().toString());
      browser.click(By.id("fw-upload-button"));
      browser.awaitText(By.id("images-body"), "fw-1.2.bin");
      assertThat(browser.driver().findElement(By.id("images-body")).getText()).contains("60000 bytes");
      assertThat(server.firmware().images().all()).singleElement().satisfies(image -> assertThat(image.size()).isEqualTo(first.length));
      browser.screenshot("1-uploaded");

      // pull: the client downloads the image from the server's CoAP resource
      recordPhases(browser);
      browser.click(By.cssSelector("#fw-targets input[value=\"" + DEVICE + "\"]"));
      browser.click(By.id("fw-start-button"));
      browser.awaitText(job(), "downloading");
      browser.screenshot("2-pull-progress");
      String pulled = browser.awaitText(job(), "succeeded");
      // every phase showed on the page as the events came
      assertThat(phasesShown(browser)).containsSubsequence("downloading", "updating", "succeeded");
      assertThat(pulled).contains("fw-1.2.bin (pull)").contains("firmware updated successfully").doesNotContain("null");
      browser.awaitText(By.id("status"), "Firmware update of " + DEVICE + ": firmware updated successfully");
      assertThat(installed.poll(10, TimeUnit.SECONDS)).isEqualTo(first);
      browser.screenshot("3-pull-succeeded");

      // push: the server writes the image, block-wise, into /5/0/0
      browser.driver().findElement(By.id("fw-file")).sendKeys(secondFile.toAbsolutePath().toString());
      browser.type(By.id("fw-name"), "release-1.3.bin");
      browser.click(By.id("fw-upload-button"));
      browser.awaitText(By.id("images-body"), "release-1.3.bin");
      String secondId = server.firmware().images().all().stream().filter(i -> i.name().equals("release-1.3.bin")).findFirst().orElseThrow().id();
      new org.openqa.selenium.support.ui.Select(browser.visible(By.id("fw-image"))).selectByValue(secondId);
      new org.openqa.selenium.support.ui.Select(browser.visible(By.id("fw-method"))).selectByValue("push");
      if (!browser.driver().findElement(By.cssSelector("#fw-targets input[value=\"" + DEVICE + "\"]")).isSelected()) {
        browser.click(By.cssSelector("#fw-targets input[value=\"" + DEVICE + "\"]"));
      }
      browser.click(By.id("fw-start-button"));
      browser.awaitText(job(), "release-1.3.bin (push)");
      String pushed = browser.awaitText(job(), "succeeded");
      assertThat(pushed).contains("release-1.3.bin (push)").contains("firmware updated successfully");
      assertThat(installed.poll(10, TimeUnit.SECONDS)).isEqualTo(second);
      browser.screenshot("4-push-succeeded");

      // a page opened afterwards shows the last job from GET /api/v1/clients/{ep}/firmware
      browser.driver().navigate().refresh();
      assertThat(browser.awaitText(job(), "succeeded")).contains("release-1.3.bin (push)");
    }
  }

  /** Records each progress text (bytes and percent) the job row shows and its bar's value, however briefly. */
  private static void recordProgress(Browser browser) {
    ((JavascriptExecutor) browser.driver()).executeScript("window.progressShown = [];"
        + "const body = document.getElementById('jobs-body');"
        + "new MutationObserver(() => {"
        + "  const bar = body.querySelector('tr[data-endpoint] .fw-progress progress');"
        + "  const cell = body.querySelector('tr[data-endpoint] .fw-progress');"
        + "  if (bar) { window.progressShown.push(bar.value + '|' + cell.textContent); }"
        + "}).observe(body, { childList: true, subtree: true, characterData: true });");
  }

  @SuppressWarnings("unchecked")
  private static List<String> progressShown(Browser browser) {
    return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("return window.progressShown;");
  }

  private String uploadThroughTheApi(byte[] image, String name) throws Exception {
    java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(URI.create("http://127.0.0.1:" + rest.port() + "/api/v1/firmware?name=" + name))
        .timeout(Duration.ofSeconds(30)).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(image)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("id").asText();
  }

  /** Starts {@code imageId} by {@code method} on the device from the page and follows its bar to 100 %. */
  private void updateWithProgress(Browser browser, String imageId, String method, String shot) throws Exception {
    recordProgress(browser);
    new org.openqa.selenium.support.ui.Select(browser.visible(By.id("fw-image"))).selectByValue(imageId);
    new org.openqa.selenium.support.ui.Select(browser.visible(By.id("fw-method"))).selectByValue(method);
    if (!browser.driver().findElement(By.cssSelector("#fw-targets input[value=\"" + DEVICE + "\"]")).isSelected()) {
      browser.click(By.cssSelector("#fw-targets input[value=\"" + DEVICE + "\"]"));
    }
    browser.click(By.id("fw-start-button"));
    browser.awaitText(job(), "(" + method + ")");
    String done = browser.awaitText(job(), "200,000 / 200,000 bytes (100 %)");
    browser.screenshot(shot);
    assertThat(browser.awaitText(job(), "succeeded")).contains("200,000 / 200,000 bytes (100 %)");
    assertThat(done).contains("(" + method + ")");
    List<String> shown = progressShown(browser);
    // every 5 % a 'firmware' event: the bar moved through values between 0 and 100, in bytes and percent
    assertThat(shown).as("progress shown during the " + method).anySatisfy(entry -> {
      int value = Integer.parseInt(entry.substring(0, entry.indexOf('|')));
      assertThat(value).isStrictlyBetween(0, 100);
      assertThat(entry).containsPattern("[0-9,]+ / 200,000 bytes \\(" + value + " %\\)");
    });
    assertThat(shown.get(shown.size() - 1)).startsWith("100|");
    assertThat(installed.poll(10, TimeUnit.SECONDS)).hasSize(200_000);
  }

  @Test
  void anImageUploadedThroughTheApiShowsLiveAndRunningJobsShowTheirDownloadProgress() throws Exception {
    try (Browser browser = Browser.start("firmware-progress")) {
      browser.open("http://127.0.0.1:" + rest.port() + "/#/firmware");
      browser.awaitText(By.id("images-body"), "No image uploaded yet");
      browser.awaitText(By.id("stream-state"), "Live");
      browser.visible(By.cssSelector("#fw-targets input[value=\"" + DEVICE + "\"]"));

      // uploaded elsewhere: the open page lists it from the 'firmware-image' event, no reload
      String id = uploadThroughTheApi(image(200_000, 5), "from-api.bin");
      browser.awaitText(By.id("images-body"), "from-api.bin");
      assertThat(browser.driver().findElement(By.id("images-body")).getText()).contains("200000 bytes");
      assertThat(browser.driver().findElement(By.id("fw-image")).getText()).contains("from-api.bin");

      // push: the bar counts the blocks the device acknowledged; pull: the blocks the server served
      updateWithProgress(browser, id, "push", "5-push-progress");
      updateWithProgress(browser, id, "pull", "6-pull-progress");

      // deleted elsewhere: gone from the open page as well
      assertThat(server.firmware().images().remove(id)).isTrue();
      browser.awaitText(By.id("images-body"), "No image uploaded yet");
    }
  }
}
