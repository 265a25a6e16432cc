package org.lwm2m4j.app.rest;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the event stream of one node reaches the subscribers of every other node: each node publishes its own
 * events, and is told of the others'. A cluster adapts its message bus to this; a single server has {@link
 * #none()}.
 *
 * <p>Contract: {@link #publish} does not block on the network (a relay queues or sends asynchronously) and
 * never throws for a failed delivery: an event stream loses events rather than stall the server; listeners
 * given to {@link #onRemote} get the events of the <em>other</em> nodes only, never this node's own, and must
 * not block.
 */
public interface EventRelay {
  /** This node's id, the {@code "node"} of its events; empty when there is no cluster. */
  Optional<String> node();

  /** Sends one of this node's events to every other node; {@code data} is one line of JSON with its {@code "node"}. */
  void publish(String event, String data);

  /** Calls {@code listener} with each event another node publishes. */
  void onRemote(Consumer<RemoteEvent> listener);

  /** An event published by another node. */
  record RemoteEvent(String node, String event, String data) {}

  /** No cluster: nothing is published, nothing arrives. */
  static EventRelay none() {
    return new EventRelay() {
      @Override
      public Optional<String> node() {
        return Optional.empty();
      }

      @Override
      public void publish(String event, String data) {
        // a single server has no other node to tell
      }

      @Override
      public void onRemote(Consumer<RemoteEvent> listener) {
        // nothing ever arrives
      }
    };
  }
}
