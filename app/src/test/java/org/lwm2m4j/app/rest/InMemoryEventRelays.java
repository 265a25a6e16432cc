package org.lwm2m4j.app.rest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The in-memory twin of a cluster's event relay: nodes in one JVM, each told of the others' events at once. */
final class InMemoryEventRelays {
  private record Listener(String node, Consumer<EventRelay.RemoteEvent> consumer) {}

  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /** The relay of node {@code id}. */
  EventRelay node(String id) {
    return new EventRelay() {
      @Override
      public Optional<String> node() {
        return Optional.of(id);
      }

      @Override
      public void publish(String event, String data) {
        EventRelay.RemoteEvent remote = new EventRelay.RemoteEvent(id, event, data);
        listeners.stream().filter(listener -> !listener.node().equals(id)).forEach(listener -> listener.consumer().accept(remote));
      }

      @Override
      public void onRemote(Consumer<EventRelay.RemoteEvent> listener) {
        listeners.add(new Listener(id, listener));
      }
    };
  }
}
