package org.lwm2m4j.server.downlink;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.cluster.ClusterSettings;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.queue.WakeUpListener;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;

/**
 * The server's one way out to devices, assembled once here, top to bottom:
 *
 * <pre>
 *   queue-mode gate   hold requests for sleeping queue-mode clients   (QueueGate)
 *                     and wake those that can be woken by SMS          (SmsWakeUp, from here down)
 *   metrics           outcome and latency to the RequestObservers      (RequestMetrics)
 *   operation log     one INFO line per request once it ended          (OperationLog)
 *   conversion        build the CoAP message, read the answer          (WireConversion)
 *   deadline          time out on the scheduler                        (Deadline)
 *   cluster routing   a device another node owns: through that node      (ClusterRouting, clustered servers only)
 *   endpoint + send   the client's plain or DTLS endpoint              (EndpointSelection)
 * </pre>
 *
 * Every request to a device passes it — the device API, observations and their cancel, firmware
 * jobs, queue flushes (which re-enter below the gate) — and no other class sends on a {@code
 * CoapEndpoint}. Thread-safe.
 */
public final class DownlinkChain implements Downlink {
  /**
   * The cluster bus topic on which a node tells every node the token of each observation its
   * endpoint established (the token's bytes), so that they arm it too.
   */
  public static final String OBSERVATION_ARMED = "observation.armed";

  private final Downlink chain;
  private final RequestMetrics metrics;
  private final DownlinkEndpoints endpoints;
  private final Optional<SmsWakeUp> wakeUp;
  private final Optional<ClusterRouting> routing;

  private DownlinkChain(DownlinkEndpoints endpoints, Scheduler scheduler, Optional<QueueGate> gate, Optional<SmsWakeUp> wakeUp,
      Optional<Clustered> cluster) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.wakeUp = wakeUp;
    this.metrics = new RequestMetrics(scheduler);
    Exchange selection = new EndpointSelection(endpoints);
    this.routing = cluster.map(c -> new ClusterRouting(c, endpoints, scheduler, selection));
    Exchange wire = new Deadline(scheduler, routing.isPresent() ? routing.get() : selection);
    Downlink converted = new WireConversion(wire);
    DownlinkFilter measured = metrics.andThen(new OperationLog(scheduler));
    this.chain = gate.isPresent() ? gate.get().andThen(measured).then(converted) : measured.then(converted);
  }

  /** The chain of a server with queue mode: requests for sleeping queue-mode clients wait in {@code queue}. */
  public static DownlinkChain withQueue(DownlinkEndpoints endpoints, Scheduler scheduler, RequestQueue queue, Presence presence) {
    return withQueue(endpoints, scheduler, queue, presence, Optional.empty());
  }

  /**
   * The chain of a server with queue mode that is one node of a cluster when {@code cluster} is
   * present: requests for devices owned by other nodes go through them (see {@link ClusterRouting}).
   */
  public static DownlinkChain withQueue(DownlinkEndpoints endpoints, Scheduler scheduler, RequestQueue queue, Presence presence,
      Optional<Clustered> cluster) {
    return new DownlinkChain(endpoints, scheduler, Optional.of(new QueueGate(queue, presence, Optional.empty())), Optional.empty(),
        cluster);
  }

  /**
   * The chain of a server with queue mode that also wakes sleeping clients by SMS when a request is
   * queued for them (see {@link SmsWakeUp} for who can be woken), with another SMS after each {@code
   * smsRetryInterval} of silence while requests wait; needs the SMS endpoint among {@code endpoints}.
   */
  public static DownlinkChain withSmsWakeUp(DownlinkEndpoints endpoints, Scheduler scheduler, RequestQueue queue, Presence presence,
      Duration smsRetryInterval) {
    return withSmsWakeUp(endpoints, scheduler, queue, presence, smsRetryInterval, Optional.empty());
  }

  /** As {@link #withSmsWakeUp(DownlinkEndpoints, Scheduler, RequestQueue, Presence, Duration)}, on one node of {@code cluster}. */
  public static DownlinkChain withSmsWakeUp(DownlinkEndpoints endpoints, Scheduler scheduler, RequestQueue queue, Presence presence,
      Duration smsRetryInterval, Optional<Clustered> cluster) {
    SmsWakeUp wakeUp = new SmsWakeUp(endpoints, presence, queue, scheduler, smsRetryInterval);
    return new DownlinkChain(endpoints, scheduler, Optional.of(new QueueGate(queue, presence, Optional.of(wakeUp))), Optional.of(wakeUp),
        cluster);
  }

  /** A chain without the queue-mode gate: every request goes out at once. */
  public static DownlinkChain direct(DownlinkEndpoints endpoints, Scheduler scheduler) {
    return new DownlinkChain(endpoints, scheduler, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** A chain without the queue-mode gate on one node of {@code cluster}. */
  public static DownlinkChain direct(DownlinkEndpoints endpoints, Scheduler scheduler, Clustered cluster) {
    return new DownlinkChain(endpoints, scheduler, Optional.empty(), Optional.empty(), Optional.of(cluster));
  }

  /**
   * What the chain of one cluster node needs: the cluster; the registrations, where the owner looks
   * up the device a routed request is for; and whether the observation with a token is still held
   * (in the shared store), so that the owner stops passing on the notifications of one the caller
   * cancelled.
   */
  public record Clustered(ClusterSettings settings, RegistrationStore registrations, Predicate<byte[]> observationHeld) {
    public Clustered {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(registrations, "registrations");
      Objects.requireNonNull(observationHeld, "observationHeld");
    }
  }

  /** Tells {@code listener} about every wake-up SMS sent (none on a chain without SMS wake-up). */
  public void addWakeUpListener(WakeUpListener listener) {
    wakeUp.ifPresent(w -> w.addListener(listener));
  }

  /** Whether the client of {@code registration} would be woken by SMS when a request is queued for it. */
  public boolean canWakeBySms(Registration registration) {
    return wakeUp.isPresent() && wakeUp.get().canWake(registration);
  }

  /** Stops the SMS wake-up's retry timers and the cluster routing's subscriptions; the chain itself holds nothing else. */
  public void close() {
    wakeUp.ifPresent(SmsWakeUp::close);
    routing.ifPresent(ClusterRouting::close);
  }

  @Override
  public <T> CompletableFuture<T> send(DeviceRequest<T> request) {
    return chain.send(request);
  }

  /** Adds an observer of every sent request's outcome and latency. */
  public void addObserver(RequestObserver observer) {
    metrics.add(observer);
  }

  /**
   * The endpoints behind the chain, for what stays local to the server: observation tokens,
   * forgetting and re-arming observations. Sending goes through {@link #send} only.
   */
  public DownlinkEndpoints endpoints() {
    return endpoints;
  }
}
