package org.lwm2m4j.server.cluster;

/**
 * Messages between the nodes of a cluster: to one node by its id, or to every node, on a topic;
 * a node receives what is sent to it on the topics it subscribed to. Delivery is at most once and
 * unordered across topics: a lost message is a request that times out, which every caller of the
 * downlink chain handles already.
 *
 * <p>{@link InMemoryClusterBus} joins nodes in one JVM (tests); {@link RedisClusterBus} joins nodes
 * through Redis pub/sub.
 */
public interface ClusterBus extends AutoCloseable {
  /** This node's id, as the other nodes address it. */
  String self();

  /** Sends {@code message} on {@code topic} to node {@code node}; dropped when no such node listens. */
  void send(String node, String topic, byte[] message);

  /** Sends {@code message} on {@code topic} to every node, this one included. */
  void broadcast(String topic, byte[] message);

  /**
   * Calls {@code handler} with every message on {@code topic} sent to this node or to all; on a
   * thread of the bus (hand long work off).
   */
  Subscription subscribe(String topic, ClusterMessageHandler handler);

  /** Stops receiving and sending. */
  @Override
  void close();

  /** One subscription; {@link #close()} ends it. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
