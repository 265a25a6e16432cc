package org.lwm2m4j.server;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.cluster.ClusterBus;
import org.lwm2m4j.server.cluster.ClusterNode;
import org.lwm2m4j.server.cluster.ClusterSettings;
import org.lwm2m4j.server.cluster.MembershipListener;
import org.lwm2m4j.server.downlink.DownlinkChain;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.uplink.QueueModeWakeUp;
import org.lwm2m4j.server.uplink.OwnershipFollowsTraffic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's part of {@link ServerAssembly} beyond the downlink chain: ownership follows the
 * devices' traffic (requests through {@link #filter()}, notifications through a listener), and
 * every live node matches every observation's notifications, so that after a node dies its
 * devices' next notifications, which the balancer now sends to another node, are taken up there:
 * each observation established on any node is armed on every node when that node announces it on
 * the bus ({@link DownlinkChain#OBSERVATION_ARMED}); those stored at this node's start are armed at
 * start; and when a node leaves, the stored observations of its devices are armed again, for any
 * announcement the bus lost. The cost: every node's endpoint holds every observation's token.
 *
 * <p>What stays open: an announcement lost on the bus (or read before this node's copy of the
 * store holds the observation) leaves that observation unarmed here until its node leaves; a
 * notification arriving in between, after the owner died but before its heartbeat is older than
 * the time-to-live (4 s by default, plus up to one interval), is answered with Reset, which ends
 * the observation at the device.
 *
 * <p>Queue mode: each node holds the requests made through it for a sleeping client in its own
 * queue, and only the node that hears the client knows it woke. So that node tells every node
 * ({@link #DEVICE_AWAKE}, the registration id) each time it hears a queue-mode client, and each
 * marks it awake and sends what it held, through the owner. A wake-up lost on the bus leaves that
 * node's requests waiting for the client's next message (or their time to live).
 */
final class ClusterWiring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LwM2mServer.class);
  /** The bus topic on which a node tells every node that it heard a queue-mode client (its registration id, UTF-8). */
  static final String DEVICE_AWAKE = "queue.awake";

  private final ClusterSettings cluster;
  private final OwnershipFollowsTraffic follow;
  private final ClusterBus.Subscription announcements;
  private final ClusterBus.Subscription wakeUps;
  private final MembershipListener leaving;

  ClusterWiring(ClusterSettings cluster, RegistrationStore registrations, ObservationService observations, QueueModeWakeUp wakeUp,
      Scheduler scheduler) {
    this.cluster = cluster;
    this.follow = new OwnershipFollowsTraffic(registrations, cluster.ownership());
    // only a notification this node's endpoint heard from the device moves it here, at the address it came
    // from (behind a balancer, the new session's); one relayed by the owner of a routed observation has no source
    observations.addListener(notification -> notification.source().ifPresent(from -> follow.heardFrom(notification.registration(), from)));
    this.announcements = cluster.bus().subscribe(DownlinkChain.OBSERVATION_ARMED, (from, token) -> {
      if (!from.equals(cluster.self())) {
        scheduler.execute(() -> observations.restore(Token.of(token)));
      }
    });
    wakeUp.addListener(registration -> {
      try {
        cluster.bus().broadcast(DEVICE_AWAKE, registration.id().getBytes(StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        LOG.warn("cannot tell the cluster that {} is awake: {}", registration.endpoint(), e.getMessage());
      }
    });
    this.wakeUps = cluster.bus().subscribe(DEVICE_AWAKE, (from, id) -> {
      if (!from.equals(cluster.self())) {
        scheduler.execute(() -> registrations.byId(new String(id, StandardCharsets.UTF_8)).filter(Registration::queueMode)
            .ifPresent(wakeUp::awakeOnAnotherNode));
      }
    });
    this.leaving = new MembershipListener() {
      @Override
      public void left(ClusterNode node) {
        int armed = observations.restoreStored(registration -> cluster.ownership().ownerOf(registration).equals(Optional.of(node.id())));
        if (armed > 0) {
          LOG.info("armed {} observations of cluster node {}, which left", armed, node.id());
        }
      }
    };
    cluster.membership().addListener(leaving);
  }

  /** The uplink filter that makes this node the owner of a device whose request reaches it. */
  OwnershipFollowsTraffic filter() {
    return follow;
  }

  /** Stops listening to the bus and the membership (which the caller closes later). */
  @Override
  public void close() {
    announcements.close();
    wakeUps.close();
    cluster.membership().removeListener(leaving);
  }
}
