package org.lwm2m4j.server.cluster;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One node as its heartbeat shows it: its id, its small node number (stable for the id, see
 * {@link ClusterMembership#number()}), the attributes it published (DTLS cluster address, REST URL…)
 * and when it was last heard.
 */
public record ClusterNode(String id, int number, Map<String, String> attributes, Instant lastHeartbeat) {
  public ClusterNode {
    Objects.requireNonNull(id, "id");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
  }
}
