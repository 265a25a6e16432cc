package org.lwm2m4j.server.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link HeartbeatBoard} in memory, shared by the nodes of one JVM (tests); numbers count up from 1. */
public final class InMemoryHeartbeatBoard implements HeartbeatBoard {
  private final Map<String, ClusterNode> beats = new HashMap<>();
  private final Map<String, Integer> numbers = new HashMap<>();

  @Override
  public synchronized void beat(String node, int number, Instant at, Map<String, String> attributes, Duration ttl) {
    beats.put(node, new ClusterNode(node, number, attributes, at));
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
