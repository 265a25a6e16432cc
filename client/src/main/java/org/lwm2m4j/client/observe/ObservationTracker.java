package org.lwm2m4j.client.observe;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.TreeListener;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.core.attribute.NotificationAttributes;
import org.lwm2m4j.core.attribute.NotificationCriteria;
import org.lwm2m4j.core.attribute.NotifyDecision;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's running observations and the decision when each one notifies: on every change of
 * an observed value the effective attributes (Write-Attributes per server, inherited level by
 * level, or the 1.2 attributes of the Observe request itself, then the server's defaults) decide
 * whether to notify now, at the end of pmin, or not at all; pmax forces a notification, epmin and
 * epmax bound how often values are evaluated. Notifications go out as CON when the {@code con}
 * attribute says so, else NON.
 *
 * <p>Observations live as long as the registration they were made under: a new Register or a
 * De-register with a server ends every observation that server had (add the tracker as a {@link
 * RegistrationListener} of the registration engine), and the server observes again.
 */
public final class ObservationTracker implements TreeListener, RegistrationListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ObservationTracker.class);

  private final ObjectTree tree;
  private final AttributeStore attributes;
  private final IntFunction<ServerDefaults> defaults;
  /** Where the pmin, pmax, epmin and epmax timers run, and whose clock they count on. */
  private final Scheduler scheduler;
  private final Clock clock;
  private final NodeCodecs codecs = NodeCodecs.standard();
  private final Map<ObserveRelation, Tracked> observations = new ConcurrentHashMap<>();
  /** Numbers the observations in the order they start. */
  private final AtomicLong started = new AtomicLong();
  /** Per server, the number of the last observation started before its Register went out. */
  private final Map<Integer, Long> startedBeforeRegister = new ConcurrentHashMap<>();
  private volatile java.util.function.BiPredicate<Integer, LwM2mPath> mayRead = (ssid, path) -> true;
  private volatile boolean closed;

  /**
   * @param defaults the Server object's defaults (pmin /1/x/2, pmax /1/x/3, con /1/x/26) of a server by short server id
   * @param scheduler the client's scheduler: notification timers run there, on its clock
   */
  public ObservationTracker(ObjectTree tree, AttributeStore attributes, IntFunction<ServerDefaults> defaults, Scheduler scheduler) {
    this.tree = tree;
    this.attributes = attributes;
    this.defaults = defaults;
    this.scheduler = scheduler;
    this.clock = scheduler.clock();
    tree.addListener(this);
  }

  /** One observation: who, what, in which format, and its notification state. */
  private final class Tracked {
    final int ssid;
    final ObserveRelation relation;
    final List<LwM2mPath> paths;
    final boolean composite;
    final ContentFormat format;
    final Optional<NotificationAttributes> ownAttributes;
    final long number = started.incrementAndGet();
    Optional<Value> lastValue;
    long lastSent;
    long lastEvaluated;
    boolean dirty;
    Scheduler.Task next;
    long nextAt = Long.MAX_VALUE;

    Tracked(int ssid, ObserveRelation relation, List<LwM2mPath> paths, boolean composite, ContentFormat format,
        Optional<NotificationAttributes> ownAttributes, long now) {
      this.ssid = ssid;
      this.relation = relation;
      this.paths = List.copyOf(paths);
      this.composite = composite;
      this.format = format;
      this.ownAttributes = ownAttributes;
      this.lastValue = valueOf(this);
      this.lastSent = now;
      this.lastEvaluated = now;
    }

    NotificationCriteria criteria() {
      ServerDefaults serverDefaults = defaults.apply(ssid);
      NotificationAttributes effective = ownAttributes.isPresent()
          ? ownAttributes.get().orElse(attributes.effective(ssid, LwM2mPath.of(paths.get(0).objectId()), serverDefaults))
          : attributes.effective(ssid, paths.get(0), serverDefaults);
      return NotificationCriteria.of(effective);
    }
  }

  /**
   * Tracks an observation the DM layer has just answered with the current content; from now on
   * changes under {@code paths} notify through {@code relation}.
   *
   * @param ownAttributes the 1.2 observation attributes of the Observe request, which replace the assigned ones
   */
  public void start(int ssid, ObserveRelation relation, List<LwM2mPath> paths, boolean composite, ContentFormat format,
      Optional<NotificationAttributes> ownAttributes) {
    Tracked tracked = new Tracked(ssid, relation, paths, composite, format, ownAttributes, clock.millis());
    observations.put(relation, tracked);
    relation.onCancel(() -> {
      Tracked ended = observations.remove(relation);
      if (ended != null) {
        synchronized (ended) {
          if (ended.next != null) {
            ended.next.cancel();
          }
        }
      }
    });
    synchronized (tracked) {
      schedulePeriodic(tracked, tracked.criteria());
    }
  }

  /**
   * Sets the access check made before each notification: a server that lost the Read right on an
   * observed path gets 4.01 and the observation ends (security.md §7.4).
   */
  public void setReadPermission(java.util.function.BiPredicate<Integer, LwM2mPath> mayRead) {
    this.mayRead = java.util.Objects.requireNonNull(mayRead, "mayRead");
  }

  @Override
  public void registering(int shortServerId) {
    startedBeforeRegister.put(shortServerId, started.get());
  }

  /**
   * A new registration with the server: the observations it had end, without a word to it (its
   * tokens hear nothing more). Those it made after the Register went out are kept: a server may
   * observe again as soon as it has the Register, before the client reads the answer.
   */
  @Override
  public void registered(int shortServerId, String location) {
    long before = Optional.ofNullable(startedBeforeRegister.remove(shortServerId)).orElse(Long.MAX_VALUE);
    end(shortServerId, before, "registered again");
  }

  @Override
  public void deregistered(int shortServerId) {
    end(shortServerId, Long.MAX_VALUE, "de-registered");
  }

  private void end(int shortServerId, long startedUpTo, String because) {
    int ended = 0;
    for (Tracked tracked : observations.values()) {
      if (tracked.ssid == shortServerId && tracked.number <= startedUpTo) {
        tracked.relation.cancel();
        ended++;
      }
    }
    if (ended > 0) {
      LOG.info("server {} {}: its {} observation(s) end", shortServerId, because, ended);
    }
  }

  /** The number of running observations. */
  public int size() {
    return observations.size();
  }

  /** Whether server {@code ssid} observes {@code path} exactly. */
  public boolean isObserved(int ssid, LwM2mPath path) {
    return observations.values().stream().anyMatch(t -> t.ssid == ssid && t.paths.contains(path));
  }

  @Override
  public void valuesChanged(Set<LwM2mPath> changed) {
    for (Tracked tracked : observations.values()) {
      if (overlaps(tracked.paths, changed)) {
        synchronized (tracked) {
          tracked.dirty = true;
          evaluate(tracked);
        }
      }
    }
  }

  /** Re-evaluates every observation of {@code ssid} (its attributes changed). */
  public void attributesChanged(int ssid) {
    for (Tracked tracked : observations.values()) {
      if (tracked.ssid == ssid) {
        synchronized (tracked) {
          evaluate(tracked);
        }
      }
    }
  }

  private static boolean overlaps(List<LwM2mPath> observed, Set<LwM2mPath> changed) {
    for (LwM2mPath path : observed) {
      for (LwM2mPath change : changed) {
        if (change.startsWith(path) || path.startsWith(change)) {
          return true;
        }
      }
    }
    return false;
  }

  private void evaluate(Tracked tracked) {
    if (!tracked.relation.isActive()) {
      return;
    }
    long now = clock.millis();
    NotificationCriteria criteria = tracked.criteria();
    if (!criteria.mayEvaluate(tracked.lastEvaluated, now)) {
      scheduleAt(tracked, tracked.lastEvaluated + criteria.attributes().epmin().getAsLong() * 1000);
      return;
    }
    tracked.lastEvaluated = now;
    NotifyDecision decision;
    Optional<Value> current = valueOf(tracked);
    if (current.isPresent() && tracked.lastValue.isPresent()) {
      decision = criteria.decide(tracked.lastValue, tracked.lastSent, current.get(), now);
    } else {
      decision = criteria.decide(tracked.dirty, tracked.lastSent, now);
    }
    if (decision instanceof NotifyDecision.SendNow) {
      send(tracked, current, now);
      return;
    }
    if (decision instanceof NotifyDecision.SendAt at) {
      scheduleAt(tracked, at.atMillis());
    }
    schedulePeriodic(tracked, criteria);
  }

  private void send(Tracked tracked, Optional<Value> current, long now) {
    for (LwM2mPath path : tracked.paths) {
      if (!mayRead.test(tracked.ssid, path)) {
        tracked.relation.notify(CoapResponse.error(new org.lwm2m4j.core.error.UnauthorizedException(
            "server " + tracked.ssid + " may no longer read " + path)), true);
        return;
      }
    }
    CoapResponse notification;
    try {
      notification = content(tracked);
    } catch (LwM2mException e) {
      notification = CoapResponse.error(e);
    } catch (RuntimeException e) {
      LOG.warn("cannot build the notification for {}", tracked.paths, e);
      notification = CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR);
    }
    boolean confirmable = tracked.criteria().attributes().con().orElse(false);
    tracked.relation.notify(notification, confirmable);
    tracked.lastSent = now;
    tracked.lastValue = current;
    tracked.dirty = false;
    schedulePeriodic(tracked, tracked.criteria());
  }

  /** The response content of an observation now: what the Observe answered first, and each notification. */
  public CoapResponse content(List<LwM2mPath> paths, boolean composite, ContentFormat format) {
    byte[] payload;
    if (composite) {
      Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
      for (LwM2mPath path : paths) {
        if (tree.exists(path)) {
          nodes.put(path, tree.dmView().read(path));
        }
      }
      payload = codecs.composite(format).orElseThrow().encodeNodes(nodes, tree);
    } else {
      LwM2mPath path = paths.get(0);
      payload = codecs.encode(format, tree.dmView().read(path), path, tree);
    }
    return new CoapResponse(ResponseCode.CONTENT, java.util.OptionalInt.of(format.code()), List.of(), payload);
  }

  private CoapResponse content(Tracked tracked) {
    return content(tracked.paths, tracked.composite, tracked.format);
  }

  private Optional<Value> valueOf(Tracked tracked) {
    if (tracked.composite || tracked.paths.size() != 1) {
      return Optional.empty();
    }
    LwM2mPath path = tracked.paths.get(0);
    if (!path.isResource() && !path.isResourceInstance()) {
      return Optional.empty();
    }
    try {
      LwM2mNode node = tree.dmView().read(path);
      if (node instanceof SingleResource single) {
        return Optional.of(single.value());
      }
      if (node instanceof LwM2mResourceInstance instance) {
        return Optional.of(instance.value());
      }
    } catch (LwM2mException e) {
      // gone or unreadable: the notification itself will carry the error
    }
    return Optional.empty();
  }

  private void schedulePeriodic(Tracked tracked, NotificationCriteria criteria) {
    OptionalLong pmax = criteria.pmaxDueAt(tracked.lastSent);
    pmax.ifPresent(at -> scheduleAt(tracked, at));
    OptionalLong epmax = criteria.evaluationDueAt(tracked.lastEvaluated);
    epmax.ifPresent(at -> scheduleAt(tracked, at));
  }

  private void scheduleAt(Tracked tracked, long atMillis) {
    if (closed || tracked.next != null && !tracked.next.isDone() && tracked.nextAt <= atMillis) {
      return;
    }
    if (tracked.next != null) {
      tracked.next.cancel();
    }
    tracked.nextAt = atMillis;
    long delay = Math.max(0, atMillis - clock.millis());
    tracked.next = scheduler.schedule(Duration.ofMillis(delay), () -> {
      synchronized (tracked) {
        tracked.next = null;
        tracked.nextAt = Long.MAX_VALUE;
        evaluate(tracked);
      }
    });
  }

  /** Ends every observation and its timers; the scheduler itself belongs to the client. */
  @Override
  public void close() {
    closed = true;
    for (Tracked tracked : observations.values()) {
      synchronized (tracked) {
        if (tracked.next != null) {
          tracked.next.cancel();
        }
      }
    }
    for (ObserveRelation relation : observations.keySet()) {
      relation.cancel();
    }
    observations.clear();
  }
}
