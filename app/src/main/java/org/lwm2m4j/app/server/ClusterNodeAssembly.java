package org.lwm2m4j.app.server;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.rest.EventRelay;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.LwM2mServerBuilder;
import org.lwm2m4j.server.cluster.ClusterMembership;
import org.lwm2m4j.server.cluster.ClusterNode;
import org.lwm2m4j.server.cluster.ClusterSettings;
import org.lwm2m4j.server.cluster.ClusterUnavailableException;
import org.lwm2m4j.server.cluster.MembershipListener;
import org.lwm2m4j.server.cluster.RedisClusterBus;
import org.lwm2m4j.server.cluster.RedisHeartbeatBoard;
import org.lwm2m4j.server.store.StoreException;
import org.lwm2m4j.server.store.redis.RedisStore;
import org.lwm2m4j.server.store.redis.RedisStoreSettings;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.dtls.DtlsClusterNodes;
import org.lwm2m4j.transport.dtls.DtlsClusterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes {@code lwm2m server --store redis://…} one node of a cluster: the Redis store, the bus and the
 * membership (whose heartbeat publishes the node's REST URL and DTLS cluster channel), the server settings
 * they give ({@link #configure}), the event relay over the bus, and the arming of observations other nodes
 * made. Closed after the server, in the reverse order of opening.
 */
final class ClusterNodeAssembly implements AutoCloseable {
  /** The prefix of every key and channel the cluster keeps in Redis. */
  static final String PREFIX = "lwm2m:";
  /** The bus topic of the event stream's events. */
  static final String EVENTS_TOPIC = "events";
  /** The heartbeat attribute with the node's REST API URL. */
  static final String REST_ATTRIBUTE = "rest";
  /** The heartbeat attribute with the address of the node's DTLS cluster channel, HOST:PORT. */
  static final String DTLS_CLUSTER_ATTRIBUTE = "dtls-cluster";
  /** The environment variable that holds the secret securing the DTLS cluster channel. */
  static final String SECRET_VARIABLE = "LWM2M_CLUSTER_SECRET";

  private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeAssembly.class);

  private final RedisNode node;
  private final SystemScheduler scheduler;
  private final ExecutorService busExecutor;
  private final RedisStore store;
  private final RedisClusterBus bus;
  private final ClusterMembership membership;
  private final Optional<InetSocketAddress> dtlsClusterAddress;
  /** The other nodes' DTLS cluster channels by node number, as their heartbeats publish them. */
  private final Map<Integer, InetSocketAddress> dtlsNodes = new ConcurrentHashMap<>();

  private ClusterNodeAssembly(RedisNode node, SystemScheduler scheduler, ExecutorService busExecutor, RedisStore store,
      RedisClusterBus bus, ClusterMembership membership, Optional<InetSocketAddress> dtlsClusterAddress) {
    this.node = node;
    this.scheduler = scheduler;
    this.busExecutor = busExecutor;
    this.store = store;
    this.bus = bus;
    this.membership = membership;
    this.dtlsClusterAddress = dtlsClusterAddress;
  }

  /**
   * Opens the store (loading the shared state), the bus and the membership of {@code node}, publishing
   * {@code restUrl} and {@code dtlsClusterAddress} (when DTLS is on) in its heartbeat. Nothing stays open
   * when Redis cannot be reached, which is the user's to fix.
   */
  static ClusterNodeAssembly open(RedisNode node, String restUrl, Optional<InetSocketAddress> dtlsClusterAddress) {
    String uri = node.redis().toString();
    SystemScheduler scheduler = SystemScheduler.create("lwm2m-cluster");
    ExecutorService busExecutor = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lwm2m-cluster-bus");
      thread.setDaemon(true);
      return thread;
    });
    RedisStore store = null;
    RedisClusterBus bus = null;
    try {
      store = RedisStore.open(RedisStoreSettings.of(uri, node.id()));
      bus = RedisClusterBus.open(uri, node.id(), PREFIX, busExecutor);
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put(REST_ATTRIBUTE, restUrl);
      dtlsClusterAddress.ifPresent(address -> attributes.put(DTLS_CLUSTER_ATTRIBUTE,
          address.getAddress().getHostAddress() + ":" + address.getPort()));
      ClusterMembership membership = ClusterMembership.join(RedisHeartbeatBoard.open(uri, PREFIX), scheduler, node.id(), attributes);
      ClusterNodeAssembly assembly = new ClusterNodeAssembly(node, scheduler, busExecutor, store, bus, membership, dtlsClusterAddress);
      assembly.watchDtlsNodes();
      return assembly;
    } catch (StoreException | ClusterUnavailableException e) {
      if (bus != null) {
        bus.close();
      }
      if (store != null) {
        store.close();
      }
      scheduler.close();
      busExecutor.shutdown();
      throw new BadInputException("--store " + node.redis() + ": " + e.getMessage(), e);
    }
  }

  /** Keeps {@link #dtlsNodes} to the live nodes' published channels. */
  private void watchDtlsNodes() {
    membership.addListener(new MembershipListener() {
      @Override
      public void joined(ClusterNode other) {
        dtlsAddressOf(other).ifPresent(address -> dtlsNodes.put(other.number(), address));
      }

      @Override
      public void left(ClusterNode other) {
        dtlsNodes.remove(other.number());
      }
    });
    membership.liveNodes().values().stream().filter(other -> !other.id().equals(node.id()))
        .forEach(other -> dtlsAddressOf(other).ifPresent(address -> dtlsNodes.put(other.number(), address)));
  }

  private static Optional<InetSocketAddress> dtlsAddressOf(ClusterNode other) {
    String published = other.attributes().get(DTLS_CLUSTER_ATTRIBUTE);
    if (published == null) {
      return Optional.empty();
    }
    int colon = published.lastIndexOf(':');
    try {
      return Optional.of(new InetSocketAddress(published.substring(0, colon), Integer.parseInt(published.substring(colon + 1))));
    } catch (RuntimeException e) {
      LOG.warn("cluster node {} published an unreadable DTLS cluster address '{}'", other.id(), published);
      return Optional.empty();
    }
  }

  /**
   * Points {@code builder} at the store and the cluster: relaxed response matching (behind a balancer a
   * device's answer may come from another session's address), and the DTLS endpoint as a cluster node.
   */
  void configure(LwM2mServerBuilder builder, Optional<String> secret) {
    builder.scheduler(scheduler).store(store).cluster(new ClusterSettings(bus, membership, store.ownership()))
        .coapSettings(CoapSettings.DEFAULTS.withRelaxedResponseMatching());
    if (dtlsClusterAddress.isPresent()) {
      // sessions shared through Redis: a device whose node died resumes its session with the next node
      DtlsClusterSettings dtls = new DtlsClusterSettings(membership.number(), dtlsClusterAddress.get(), DtlsClusterNodes.view(dtlsNodes))
          .withSharedSessions(store.dtlsSessions());
      try {
        builder.dtlsCluster(secret.map(dtls::withSecret).orElse(dtls));
      } catch (IllegalArgumentException e) {
        throw new BadInputException(SECRET_VARIABLE + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * Arms on {@code server}'s endpoints every observation another node makes, once this node's replica holds
   * it: the bus's announcement may be read before the replica has it, which this closes.
   */
  void armObservationsOf(LwM2mServer server) {
    store.addObservationReplicaListener((before, after) -> {
      if (before.isEmpty() && after.isPresent()) {
        // not under the store's lock: arming reads the store
        scheduler.execute(() -> server.observations().restore(after.get().token()));
      }
    });
  }

  /** The event stream's relay: this node's events go to every node over the bus, the others' come back. */
  EventRelay eventRelay() {
    return new EventRelay() {
      @Override
      public Optional<String> node() {
        return Optional.of(node.id());
      }

      @Override
      public void publish(String event, String data) {
        try {
          bus.broadcast(EVENTS_TOPIC, (event + "\n" + data).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
          // the contract: an event stream loses events rather than stall or fail the server
          LOG.debug("cannot relay event {} to the cluster: {}", event, e.toString());
        }
      }

      @Override
      public void onRemote(Consumer<RemoteEvent> listener) {
        bus.subscribe(EVENTS_TOPIC, (from, message) -> {
          if (from.equals(node.id())) {
            return;
          }
          String text = new String(message, StandardCharsets.UTF_8);
          int newline = text.indexOf('\n');
          if (newline > 0) {
            listener.accept(new RemoteEvent(from, text.substring(0, newline), text.substring(newline + 1)));
          }
        });
      }
    };
  }

  /** For the start line: the node, its number and what the store loaded from Redis. */
  String describe() {
    RedisStore.Loaded loaded = store.loaded();
    return "node " + node.id() + " (number " + membership.number() + ") of a cluster on Redis " + node.redis() + ": loaded "
        + loaded.registrations() + " registration(s), " + loaded.observations() + " observation(s), " + loaded.credentials()
        + " credential(s); " + loaded.expired() + " registration(s) expired while no node ran; "
        + membership.liveNodes().size() + " live node(s)"
        + dtlsClusterAddress.map(address -> ", DTLS cluster channel on udp " + address.getAddress().getHostAddress() + ":"
            + address.getPort()).orElse("");
  }

  /** After the server: leaves the cluster, then closes the bus and the store (flushing its last writes). */
  @Override
  public void close() {
    membership.close();
    bus.close();
    store.close();
    scheduler.close();
    busExecutor.shutdown();
  }
}
