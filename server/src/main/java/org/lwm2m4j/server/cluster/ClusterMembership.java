package org.lwm2m4j.server.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwm2m4j.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which nodes of the cluster are live: this node writes a heartbeat with its attributes to a {@link
 * HeartbeatBoard} every {@code interval} and reads everyone's back; a node whose last heartbeat is
 * older than {@code ttl} has left. Runs on the injected {@link Scheduler}, no thread of its own.
 * Heartbeat times are the writing node's clock, so the nodes' clocks must agree to well within the
 * time-to-live (NTP does).
 *
 * <p>The node also gets a small number, the same for its id across restarts, for what needs a node
 * in a few bits (the DTLS Connection ID).
 */
public final class ClusterMembership implements AutoCloseable {
  /** The default time between heartbeats. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  /** The default age after which a silent node has left. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(4);

  private static final Logger LOG = LoggerFactory.getLogger(ClusterMembership.class);

  private final HeartbeatBoard board;
  private final Scheduler scheduler;
  private final String self;
  private final Map<String, String> attributes;
  private final Duration interval;
  private final Duration ttl;
  private final int number;
  private final List<MembershipListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Map<String, ClusterNode> live = Map.of();
  private volatile Optional<Scheduler.Task> heartbeat = Optional.empty();

  private ClusterMembership(HeartbeatBoard board, Scheduler scheduler, String self, Map<String, String> attributes,
      Duration interval, Duration ttl) {
    this.board = Objects.requireNonNull(board, "board");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.self = Objects.requireNonNull(self, "self");
    this.attributes = Map.copyOf(attributes);
    this.interval = interval;
    this.ttl = ttl;
    if (ttl.compareTo(interval.multipliedBy(2)) < 0) {
      throw new IllegalArgumentException("the heartbeat time-to-live (" + ttl + ") must be at least two intervals ("
          + interval + "), or a node is taken for gone between two of its heartbeats");
    }
    this.number = board.numberOf(self);
  }

  /**
   * Joins node {@code self} with {@code attributes} on {@code board} (which it closes at {@link
   * #close}): allocates its number, writes the first heartbeat now and every {@code interval} after.
   *
   * @throws ClusterUnavailableException when the board cannot be reached
   */
  public static ClusterMembership join(HeartbeatBoard board, Scheduler scheduler, String self, Map<String, String> attributes,
      Duration interval, Duration ttl) {
    ClusterMembership membership = new ClusterMembership(board, scheduler, self, attributes, interval, ttl);
    membership.tick();
    membership.heartbeat = Optional.of(scheduler.repeat(interval, interval, membership::tick));
    return membership;
  }

  /** Joins with the default interval (1 s) and time-to-live (4 s). */
  public static ClusterMembership join(HeartbeatBoard board, Scheduler scheduler, String self, Map<String, String> attributes) {
    return join(board, scheduler, self, attributes, DEFAULT_INTERVAL, DEFAULT_TTL);
  }

  /** This node's id. */
  public String self() {
    return self;
  }

  /** This node's number: allocated once for its id through the board, the same after a restart. */
  public int number() {
    return number;
  }

  /** The live nodes by id, this one included, as of the last heartbeat. */
  public Map<String, ClusterNode> liveNodes() {
    return live;
  }

  /** Whether {@code node} is this one or beat within the time-to-live at the last look. */
  public boolean isLive(String node) {
    return self.equals(node) || live.containsKey(node);
  }

  /** Tells {@code listener} about nodes joining and leaving from now on. */
  public void addListener(MembershipListener listener) {
    listeners.add(listener);
  }

  /** Stops telling {@code listener}. */
  public void removeListener(MembershipListener listener) {
    listeners.remove(listener);
  }

  /** Writes a heartbeat and compares the live nodes with the last look. */
  private void tick() {
    Instant now = scheduler.now();
    Map<String, ClusterNode> current = new LinkedHashMap<>();
    try {
      board.beat(self, number, now, attributes, ttl);
      for (ClusterNode node : board.heardSince(now.minus(ttl))) {
        current.put(node.id(), node);
      }
    } catch (RuntimeException e) {
      // without the board nobody can be judged: keep the last view rather than declare everyone gone
      LOG.warn("cluster heartbeat of {} failed: {}", self, e.getMessage());
      return;
    }
    Map<String, ClusterNode> previous = live;
    live = Map.copyOf(current);
    for (ClusterNode node : current.values()) {
      if (!node.id().equals(self) && !previous.containsKey(node.id())) {
        LOG.info("cluster node {} (number {}) joined", node.id(), node.number());
        listeners.forEach(listener -> listener.joined(node));
      }
    }
    for (ClusterNode node : previous.values()) {
      if (!node.id().equals(self) && !current.containsKey(node.id())) {
        LOG.info("cluster node {} left: no heartbeat since {}", node.id(), node.lastHeartbeat());
        listeners.forEach(listener -> listener.left(node));
      }
    }
  }

  /** Stops the heartbeat and removes it, so the other nodes see this one leave at their next look. */
  @Override
  public void close() {
    heartbeat.ifPresent(Scheduler.Task::cancel);
    try {
      board.leave(self);
    } catch (RuntimeException e) {
      LOG.warn("cannot remove the heartbeat of {}: {}", self, e.getMessage());
    }
    board.close();
  }
}
