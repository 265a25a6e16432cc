package org.lwm2m4j.server.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwm2m4j.core.schedule.Scheduler;

/**
 * A {@link ClusterBus} between nodes in one JVM, for tests: the nodes joined to one {@link Hub}
 * reach each other, each message delivered as a task on the hub's scheduler (so with a virtual
 * scheduler nothing arrives until the test lets time run, as over a network). A closed node is
 * gone: messages to it are dropped, as when a node dies.
 */
public final class InMemoryClusterBus implements ClusterBus {
  private final Hub hub;
  private final String self;
  private final Map<String, List<ClusterMessageHandler>> handlers = new ConcurrentHashMap<>();

  private InMemoryClusterBus(Hub hub, String self) {
    this.hub = hub;
    this.self = self;
  }

  /** A new hub whose nodes exchange messages on {@code scheduler}. */
  public static Hub hub(Scheduler scheduler) {
    return new Hub(scheduler);
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public void send(String node, String topic, byte[] message) {
    hub.deliver(self, node, topic, message.clone());
  }

  @Override
  public void broadcast(String topic, byte[] message) {
    for (String node : hub.nodes.keySet()) {
      send(node, topic, message);
    }
  }

  @Override
  public Subscription subscribe(String topic, ClusterMessageHandler handler) {
    List<ClusterMessageHandler> topicHandlers = handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
    topicHandlers.add(handler);
    return () -> topicHandlers.remove(handler);
  }

  @Override
  public void close() {
    hub.nodes.remove(self, this);
  }

  private void receive(String from, String topic, byte[] message) {
    for (ClusterMessageHandler handler : handlers.getOrDefault(topic, List.of())) {
      handler.received(from, message);
    }
  }

  /** The nodes of one in-memory cluster. */
  public static final class Hub {
    private final Scheduler scheduler;
    private final Map<String, InMemoryClusterBus> nodes = new ConcurrentHashMap<>();
    private final Set<String> lostTopics = ConcurrentHashMap.newKeySet();

    private Hub(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The bus of node {@code node}, joined to this hub (replacing a closed or earlier one of that id). */
    public InMemoryClusterBus join(String node) {
      InMemoryClusterBus bus = new InMemoryClusterBus(this, Objects.requireNonNull(node, "node"));
      nodes.put(node, bus);
      return bus;
    }

    /** Loses every message on {@code topic} from now on ({@code true}), as a bus may, or delivers them again. */
    public void lose(String topic, boolean lost) {
      if (lost) {
        lostTopics.add(topic);
      } else {
        lostTopics.remove(topic);
      }
    }

    private void deliver(String from, String to, String topic, byte[] message) {
      if (!nodes.containsKey(from) || lostTopics.contains(topic)) {
        return;
      }
      scheduler.execute(() -> {
        InMemoryClusterBus receiver = nodes.get(to);
        if (receiver != null) {
          receiver.receive(from, topic, message);
        }
      });
    }
  }
}
