package org.lwm2m4j.app.cluster;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Every event of one node's event stream ({@code GET /api/v1/events}) since {@link #connect}, kept in order
 * for the test to count: read on a daemon thread of its own until {@link #close}.
 */
final class EventLog implements AutoCloseable {
  /** One event: its name and its data line. */
  record Event(String name, String data) {}

  private final Queue<Event> events = new ConcurrentLinkedQueue<>();
  private final Thread reader;
  private volatile boolean connected;
  private volatile Stream<String> lines;

  private EventLog(HttpClient http, URI uri) {
    reader = new Thread(() -> read(http, uri), "cluster-test-events");
    reader.setDaemon(true);
    reader.start();
  }

  /** Subscribes to the stream at {@code uri} and waits (at most 20 s) until the node has taken the subscription. */
  static EventLog connect(HttpClient http, URI uri) {
    EventLog log = new EventLog(http, uri);
    await("the event stream " + uri + " connected").atMost(Duration.ofSeconds(20)).until(() -> log.connected);
    return log;
  }

  private void read(HttpClient http, URI uri) {
    try {
      HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
          HttpResponse.BodyHandlers.ofLines());
      lines = response.body();
      String name = "message";
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.equals(": connected")) {
          connected = true;
        } else if (line.startsWith("event:")) {
          name = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
          events.add(new Event(name, line.substring("data:".length()).trim()));
        } else if (line.isEmpty()) {
          name = "message";
        }
      }
    } catch (Exception e) {
      // the stream ended (closed by the test or the node)
    }
  }

  /** The events named {@code name} whose data matches, so far. */
  List<Event> named(String name, Predicate<String> data) {
    return events.stream().filter(event -> event.name().equals(name) && data.test(event.data())).toList();
  }

  @Override
  public void close() {
    Stream<String> open = lines;
    if (open != null) {
      open.close();
    }
    reader.interrupt();
  }
}
