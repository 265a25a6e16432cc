package org.lwm2m4j.server;

import java.util.Optional;
import org.lwm2m4j.server.cluster.ClusterNode;
import org.lwm2m4j.server.cluster.ClusterSettings;
import org.lwm2m4j.server.cluster.MembershipListener;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.uplink.OwnershipFollowsTraffic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's part of {@link ServerAssembly} beyond the downlink chain: ownership follows the
 * devices' traffic (requests through the returned filter, notifications through a listener), and
 * when a node leaves, this node arms the stored observations of the devices it owned, so that their
 * next notifications, which the balancer now sends to a live node, are matched here.
 *
 * <p>The window this leaves: a notification that reaches this node after the owner died but before
 * its heartbeat is older than the membership's time-to-live (4 s by default, plus up to one
 * heartbeat interval) finds no observation and is answered with Reset, which ends the observation
 * at the device; the server must observe again. Observations made while this node runs, on another
 * node that is still live, are armed only when that node leaves.
 */
final class ClusterWiring {
  private static final Logger LOG = LoggerFactory.getLogger(LwM2mServer.class);

  private ClusterWiring() {}

  /** Wires the notification and membership hooks and returns the uplink filter that claims devices. */
  static OwnershipFollowsTraffic followTraffic(ClusterSettings cluster, RegistrationStore registrations,
      ObservationService observations) {
    OwnershipFollowsTraffic follow = new OwnershipFollowsTraffic(registrations, cluster.ownership());
    observations.addListener(notification -> follow.heardFrom(notification.registration(), notification.registration().address()));
    cluster.membership().addListener(new MembershipListener() {
      @Override
      public void left(ClusterNode node) {
        int armed = observations.restoreStored(registration -> cluster.ownership().ownerOf(registration).equals(Optional.of(node.id())));
        if (armed > 0) {
          LOG.info("armed {} observations of cluster node {}, which left", armed, node.id());
        }
      }
    });
    return follow;
  }
}
