package org.lwm2m4j.app.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.function.Predicate;

/**
 * One node's {@code GET /api/v1/events} read as it comes and kept: every event with its name, endpoint, the
 * {@code "node"} it happened on and the moment ({@link System#nanoTime}) it arrived here. Started by {@link
 * #open}, which waits for the stream's {@code : connected}; {@link #close} cancels the stream.
 */
final class RecordedEventStream implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event as recorded, with its JSON data; {@code node} is empty for a single server's events. */
  record Event(String name, String endpoint, Optional<String> node, long arrivedNanos, String data) {}

  private final String label;
  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();
  private volatile boolean connected;
  private volatile Flow.Subscription subscription;
  private volatile String currentName = "message";

  private RecordedEventStream(String label) {
    this.label = label;
  }

  /** Subscribes to {@code uri} (a node's {@code /api/v1/events}) and waits until the node says it is connected. */
  static RecordedEventStream open(HttpClient http, URI uri, String label) {
    RecordedEventStream stream = new RecordedEventStream(label);
    http.sendAsync(HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build(),
        HttpResponse.BodyHandlers.fromLineSubscriber(stream.new Lines()));
    await(label + "'s event stream connected").atMost(Duration.ofSeconds(30)).until(() -> stream.connected);
    return stream;
  }

  /** The events recorded so far that {@code filter} accepts. */
  List<Event> events(Predicate<Event> filter) {
    return events.stream().filter(filter).toList();
  }

  /** The first event of {@code endpoint} named one of {@code names} that arrived after {@code sinceNanos}, if any. */
  Optional<Event> firstAfter(String endpoint, long sinceNanos, Set<String> names, Predicate<Event> filter) {
    return events.stream()
        .filter(event -> event.endpoint().equals(endpoint) && event.arrivedNanos() - sinceNanos > 0
            && names.contains(event.name()) && filter.test(event))
        .findFirst();
  }

  /** The node of the last {@code registered} or {@code updated} event of {@code endpoint}: its owner as far as seen. */
  Optional<String> lastRegistrationNode(String endpoint) {
    Optional<String> node = Optional.empty();
    for (Event event : events) {
      if (event.endpoint().equals(endpoint) && (event.name().equals("registered") || event.name().equals("updated"))) {
        node = event.node();
      }
    }
    return node;
  }

  @Override
  public void close() {
    Flow.Subscription current = subscription;
    if (current != null) {
      current.cancel();
    }
  }

  @Override
  public String toString() {
    return label + " (" + events.size() + " events)";
  }

  /** The SSE lines: {@code event: NAME} then {@code data: JSON}; comments start with a colon. */
  private final class Lines implements Flow.Subscriber<String> {
    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      RecordedEventStream.this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
      if (line.startsWith(": connected")) {
        connected = true;
      } else if (line.startsWith("event:")) {
        currentName = line.substring("event:".length()).trim();
      } else if (line.startsWith("data:")) {
        record(currentName, line.substring("data:".length()).trim());
      } else if (line.isEmpty()) {
        currentName = "message";
      }
    }

    @Override
    public void onError(Throwable throwable) {
      // a killed node ends its stream; what was recorded stays
    }

    @Override
    public void onComplete() {}
  }

  private void record(String name, String data) {
    long now = System.nanoTime();
    try {
      JsonNode json = JSON.readTree(data);
      JsonNode endpoint = json.path("endpoint");
      if (endpoint.isTextual()) {
        JsonNode node = json.path("node");
        events.add(new Event(name, endpoint.asText(), node.isTextual() ? Optional.of(node.asText()) : Optional.empty(), now,
            data));
      }
    } catch (IOException notJson) {
      // events without an endpoint (firmware images) are of no interest here
    }
  }
}
