package org.lwm2m4j.server.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where the nodes' heartbeats are kept for every node to read: Redis ({@link RedisHeartbeatBoard})
 * or memory ({@link InMemoryHeartbeatBoard}, for nodes in one JVM). {@link ClusterMembership} decides
 * from it who is live.
 */
public interface HeartbeatBoard extends AutoCloseable {
  /** Records that {@code node} beat at {@code at} with {@code attributes}; the entry may vanish after {@code ttl}. */
  void beat(String node, int number, Instant at, Map<String, String> attributes, Duration ttl);

  /** Every node whose last heartbeat is at or after {@code oldest}. */
  List<ClusterNode> heardSince(Instant oldest);

  /**
   * The small number of {@code node}, allocated once atomically for the id (the same on every
   * later call, also after restarts) and never given to another id.
   *
   * @throws ClusterUnavailableException when no number is left or the board cannot be reached
   */
  int numberOf(String node);

  /** Removes {@code node}'s heartbeat (a clean stop): the others see it leave at their next look. */
  void leave(String node);

  @Override
  void close();
}
