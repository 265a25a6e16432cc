package org.lwm2m4j.bench.sidebyside;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP side of the Read rows: {@code GET /api/v1/clients/{endpoint}/data/3/0?format=tlv} on a
 * server's HTTP API, round robin over the fleet's endpoints, with a window in flight, from one JDK
 * HTTP/1.1 client (which keeps one connection per request in flight).
 */
final class HttpReads implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT).build();
  private final AtomicReference<String> firstFailure = new AtomicReference<>("");

  /** Sends {@code count} Reads to endpoints {@code prefix-(i % devices)}; throws if any failed. */
  void read(int httpPort, String prefix, int devices, int count, int window) throws InterruptedException {
    int failed = InFlightWindow.run(count, window, (i, done) -> client.sendAsync(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + httpPort + "/api/v1/clients/" + prefix + "-" + (i % devices) + "/data/3/0?format=tlv"))
            .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete((response, failure) -> {
          boolean ok = failure == null && response.statusCode() == 200;
          if (!ok) {
            firstFailure.compareAndSet("", failure != null ? String.valueOf(failure) : response.statusCode() + " " + new String(response.body()));
          }
          done.done(ok);
        }));
    if (failed > 0) {
      throw new IllegalStateException(failed + " of " + count + " HTTP Reads failed; the first: " + firstFailure.get());
    }
  }

  @Override
  public void close() {
    // Java 17's HttpClient has no close: its connections go with it once unreachable.
  }
}
