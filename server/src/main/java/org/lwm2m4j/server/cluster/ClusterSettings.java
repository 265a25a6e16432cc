package org.lwm2m4j.server.cluster;

import java.util.Objects;

/**
 * What makes a server one node of a cluster ({@code LwM2mServer.builder().cluster(...)}): the bus to
 * the other nodes, the membership that says which of them are live, and the ownership of devices
 * (kept by the shared store). All three speak for the same node id. The server does not close them:
 * the caller does, after the server.
 */
public record ClusterSettings(ClusterBus bus, ClusterMembership membership, Ownership ownership) {
  public ClusterSettings {
    Objects.requireNonNull(bus, "bus");
    Objects.requireNonNull(membership, "membership");
    Objects.requireNonNull(ownership, "ownership");
    if (!bus.self().equals(membership.self()) || !bus.self().equals(ownership.self())) {
      throw new IllegalArgumentException("the bus (" + bus.self() + "), the membership (" + membership.self()
          + ") and the ownership (" + ownership.self() + ") must be of the same node");
    }
  }

  /** This node's id. */
  public String self() {
    return bus.self();
  }
}
