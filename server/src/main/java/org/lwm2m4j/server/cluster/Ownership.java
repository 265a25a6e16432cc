package org.lwm2m4j.server.cluster;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.lwm2m4j.server.registration.Registration;

/**
 * Which node of a cluster owns each registered device: the node whose endpoint last heard from it
 * and therefore holds its CoAP/DTLS exchange (behind a UDP load balancer only that node can reach
 * the device). A store shared by several nodes records it with each registration; a node's
 * Register, Update or De-register handling makes it the owner, and {@link #claim} moves ownership
 * when other traffic (a notification, say) reaches a new node after the old one died.
 */
public interface Ownership {
  /** This node's id. */
  String self();

  /** The node that owns {@code registration}'s exchange; empty when none is recorded (treat as local). */
  Optional<String> ownerOf(Registration registration);

  /**
   * Makes this node the owner of {@code registration}, atomically in the shared store, and records
   * {@code from} as the device's address when it differs (behind a load balancer a new node sees the
   * device from a new address). Does nothing when this node owns it already at that address.
   */
  void claim(Registration registration, InetSocketAddress from);
}
