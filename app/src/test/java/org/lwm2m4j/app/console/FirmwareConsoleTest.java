package org.lwm2m4j.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The console's firmware page against a stand-in of the firmware API (the contract {@code POST/GET
 * /api/v1/firmware}, {@code POST /api/v1/clients/{ep}/firmware}, SSE event {@code firmware}): an
 * image is uploaded, started on a client, and the job's progress follows the event stream.
 */
class FirmwareConsoleTest {
  private static final String CLIENT = "{\"endpoint\":\"fw-dev\",\"registrationId\":\"r1\",\"address\":\"127.0.0.1:5683\",\"lifetime\":60,"
      + "\"binding\":\"U\",\"lwm2mVersion\":\"1.1\",\"queueMode\":false,\"secure\":false,\"awake\":true,"
      + "\"objectLinks\":{\"text\":\"</3/0>,</5/0>\",\"links\":[{\"target\":\"/3/0\",\"attributes\":{}},{\"target\":\"/5/0\",\"attributes\":{}}]},"
      + "\"registeredAt\":\"2025-01-01T00:00:00Z\",\"lastUpdate\":\"2025-01-01T00:00:00Z\"}";

  @TempDir
  Path dir;

  @Test
  void anUploadedImageIsStartedOnAClientAndItsProgressShows() throws Exception {
    List<SseClient> streams = new CopyOnWriteArrayList<>();
    List<String> uploads = new CopyOnWriteArrayList<>();
    List<String> starts = new CopyOnWriteArrayList<>();
    Javalin api = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      Console.SERVER.addTo(config);
    });
    api.get("/api/v1/clients", ctx -> ctx.contentType("application/json").result("[" + CLIENT + "]"));
    api.get("/api/v1/firmware", ctx -> ctx.contentType("application/json").result(uploads.isEmpty() ? "[]"
        : "[{\"id\":\"img1\",\"name\":\"" + uploads.get(0).split(":")[0] + "\",\"size\":5,\"sha256\":\"2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\"}]"));
    api.post("/api/v1/firmware", ctx -> {
      uploads.add(ctx.queryParam("name") + ":" + ctx.body());
      ctx.status(201).contentType("application/json").result("{\"id\":\"img1\",\"name\":\"" + ctx.queryParam("name") + "\",\"size\":5,\"sha256\":\"2cf2\"}");
    });
    api.get("/api/v1/clients/{ep}/firmware", ctx -> ctx.status(404).contentType("application/json").result("{\"error\":\"no job\"}"));
    api.post("/api/v1/clients/{ep}/firmware", ctx -> {
      starts.add(ctx.pathParam("ep") + ":" + ctx.body());
      ctx.status(202).contentType("application/json").result(job("downloading", 1, 0, ""));
    });
    api.sse("/api/v1/events", client -> {
      client.keepAlive();
      streams.add(client);
      client.onClose(() -> streams.remove(client));
    });
    Path image = Files.writeString(dir.resolve("fw-1.2.bin"), "hello");
    try (Browser browser = Browser.start("firmware")) {
      api.start("127.0.0.1", 0);
      browser.open("http://127.0.0.1:" + api.port() + "/#/firmware");
      browser.awaitText(By.id("images-body"), "No image uploaded yet");
      browser.awaitText(By.id("stream-state"), "Live");

      browser.driver().findElement(By.id("fw-file")).sendKeys(image.toAbsolutePath().toString());
      browser.click(By.id("fw-upload-button"));
      browser.awaitText(By.id("images-body"), "fw-1.2.bin");
      assertThat(uploads).containsExactly("fw-1.2.bin:hello");

      browser.click(By.cssSelector("#fw-targets input[value=\"fw-dev\"]"));
      browser.click(By.id("fw-start-button"));
      browser.awaitText(By.id("jobs-body"), "downloading");
      assertThat(starts).containsExactly("fw-dev:{\"image\":\"img1\",\"method\":\"pull\"}");

      streams.forEach(stream -> stream.sendEvent("firmware", job("updated", 0, 1, "Firmware updated successfully")));
      browser.awaitText(By.id("jobs-body"), "Firmware updated successfully");
      browser.screenshot("1-job");
    } finally {
      api.stop();
    }
  }

  private static String job(String phase, int state, int result, String resultText) {
    return "{\"endpoint\":\"fw-dev\",\"image\":\"img1\",\"method\":\"pull\",\"phase\":\"" + phase + "\",\"state\":" + state
        + ",\"result\":" + result + ",\"resultText\":\"" + resultText + "\",\"error\":null,"
        + "\"startedAt\":\"2025-01-01T00:00:00Z\",\"updatedAt\":\"2025-01-01T00:00:01Z\"}";
  }
}
