package org.lwm2m4j.server.cluster;

/** Told when another node's heartbeat appears and when it stops (on the membership's scheduler). */
public interface MembershipListener {
  /** {@code node} started beating (or beats again after it was taken for gone). */
  default void joined(ClusterNode node) {}

  /** {@code node}'s last heartbeat is older than the time-to-live: it is taken for gone. */
  default void left(ClusterNode node) {}
}
