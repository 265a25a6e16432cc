package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Reads a Server-Sent Events stream on its own thread into a queue of (event, data) pairs. */
public final class EventStreamReader implements AutoCloseable {
  /** One event: its name and its data line. */
  public record Event(String name, String data) {}

  private static final Event CONNECTED = new Event("", ": connected");

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread reader;
  private volatile Stream<String> lines;

  private EventStreamReader(HttpClient http, URI uri) {
    reader = new Thread(() -> read(http, uri), "sse-test-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Connects and waits (at most 10 s) until the server has taken the subscription. */
  public static EventStreamReader connect(HttpClient http, URI uri) throws InterruptedException {
    EventStreamReader reader = new EventStreamReader(http, uri);
    Event first = reader.events.poll(10, TimeUnit.SECONDS);
    assertThat(first).as("the stream's first line within 10 s").isEqualTo(CONNECTED);
    return reader;
  }

  private void read(HttpClient http, URI uri) {
    try {
      HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
          HttpResponse.BodyHandlers.ofLines());
      lines = response.body();
      String name = "message";
      for (String line : (Iterable<String>) lines::iterator) {
        if (line.startsWith(":")) {
          if (line.equals(": connected")) {
            events.add(CONNECTED);
          }
        } else if (line.startsWith("event:")) {
          name = line.substring("event:".length()).trim();
        } else if (line.startsWith("data:")) {
          events.add(new Event(name, line.substring("data:".length()).trim()));
        } else if (line.isEmpty()) {
          name = "message";
        }
      }
    } catch (Exception e) {
      // the stream ended (closed by the test or the server)
    }
  }

  /** The next event named {@code name} whose data matches, skipping others; fails after {@code within}. */
  public Event next(String name, Predicate<String> data, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (true) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      Event event = left > 0 ? events.poll(left, TimeUnit.MILLISECONDS) : null;
      assertThat(event).as("a '" + name + "' event within " + within).isNotNull();
      if (event.name().equals(name) && data.test(event.data())) {
        return event;
      }
    }
  }

  /**
   * The first event of each name in {@code wanted} whose data matches its test, in whatever order
   * they come (events of different kinds are published independently); fails after {@code within}.
   */
  public java.util.Map<String, Event> firstOfEach(java.util.Map<String, Predicate<String>> wanted, Duration within)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    java.util.Map<String, Event> found = new java.util.HashMap<>();
    while (found.size() < wanted.size()) {
      long left = Duration.between(Instant.now(), deadline).toMillis();
      Event event = left > 0 ? events.poll(left, TimeUnit.MILLISECONDS) : null;
      assertThat(event).as("events " + wanted.keySet() + " within " + within + ", got " + found.keySet()).isNotNull();
      Predicate<String> test = wanted.get(event.name());
      if (test != null && !found.containsKey(event.name()) && test.test(event.data())) {
        found.put(event.name(), event);
      }
    }
    return found;
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
