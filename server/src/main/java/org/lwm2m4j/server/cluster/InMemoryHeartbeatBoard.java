package org.lwm2m4j.server.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@link HeartbeatBoard} in memory, shared by the nodes of one JVM (tests); numbers count up from
 * 1. {@link #silence} drops a node's later heartbeats, as when its process dies without leaving.
 */
public final class InMemoryHeartbeatBoard implements HeartbeatBoard {
  private final Map<String, ClusterNode> beats = new HashMap<>();
  private final Map<String, Integer> numbers = new HashMap<>();
  private final Set<String> silenced = new HashSet<>();

  @Override
  public synchronized void beat(String node, int number, Instant at, Map<String, String> attributes, Duration ttl) {
    if (!silenced.contains(node)) {
      beats.put(node, new ClusterNode(node, number, attributes, at));
    }
  }

  /** Drops every later heartbeat of {@code node} (its last one stays and ages), or lets them through again. */
  public synchronized void silence(String node, boolean silent) {
    if (silent) {
      silenced.add(node);
    } else {
      silenced.remove(node);
    }
  }

  @Override
  public synchronized List<ClusterNode> heardSince(Instant oldest) {
    return beats.values().stream().filter(beat -> !beat.lastHeartbeat().isBefore(oldest)).toList();
  }

  @Override
  public synchronized int numberOf(String node) {
    return numbers.computeIfAbsent(node, id -> numbers.size() + 1);
  }

  @Override
  public synchronized void leave(String node) {
    beats.remove(node);
  }

  @Override
  public void close() {}
}
