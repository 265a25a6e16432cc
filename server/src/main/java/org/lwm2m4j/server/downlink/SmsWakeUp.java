package org.lwm2m4j.server.downlink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.queue.WakeUpListener;
import org.lwm2m4j.server.queue.WakeUpSms;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a sleeping queue-mode client by SMS when a request is queued for it: a CON Execute of the
 * Registration Update Trigger {@code /1/x/8} to the MSISDN it registered with, sent below the
 * queue-mode gate (so it is not queued itself) and through the rest of the chain. The client
 * answers it and sends an Update, which flushes the queue (the usual queue-mode flow).
 *
 * <p>Who can be woken: a queue-mode client whose binding has both {@code U} and {@code S} (1.0
 * {@code UQS}; 1.1+ {@code b=US} with {@code Q}), that gave an MSISDN ({@code sms=}), on a server
 * with an SMS endpoint. Not a 1.0 {@code SQ} client, nor a 1.1 {@code b=S&Q} one: their SMS
 * channel is itself in queue mode, so it is not listening either; their requests wait until they
 * speak, as for {@code UQ}.
 *
 * <p>At most one SMS per sleep period: another goes out only while requests still wait and the
 * client stayed silent for {@code retryInterval} after the last one (the SMS or its answer may be
 * lost); once the client is heard from, the next queued request starts a new period. Thread-safe.
 */
final class SmsWakeUp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmsWakeUp.class);
  /** The Server object and its Registration Update Trigger resource. */
  private static final int SERVER_OBJECT = 1;
  private static final int REGISTRATION_UPDATE_TRIGGER = 8;

  private final DownlinkEndpoints endpoints;
  private final Presence presence;
  private final RequestQueue queue;
  private final Scheduler scheduler;
  private final Duration retryInterval;
  private final Listeners<WakeUpListener> listeners;
  /** The wake-up under way per registration id, until the client is heard from or nothing waits any more. */
  private final Map<String, Attempt> underWay = new ConcurrentHashMap<>();

  /** One wake-up SMS sent, with the timer that may send the next. */
  private record Attempt(int number, Instant sentAt, Scheduler.Task retry) {}

  /**
   * @param retryInterval how long a client may stay silent after a wake-up SMS before the next one;
   *     also how long each SMS exchange may take
   */
  SmsWakeUp(DownlinkEndpoints endpoints, Presence presence, RequestQueue queue, Scheduler scheduler, Duration retryInterval) {
    this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
    this.presence = Objects.requireNonNull(presence, "presence");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    if (retryInterval.isNegative() || retryInterval.isZero()) {
      throw new IllegalArgumentException("the SMS wake-up retry interval must be positive, got " + retryInterval);
    }
    this.retryInterval = retryInterval;
    this.listeners = new Listeners<>("wake-up", scheduler);
  }

  void addListener(WakeUpListener listener) {
    listeners.add(listener);
  }

  /** Whether {@code registration}'s client can be woken by SMS by this server. */
  boolean canWake(Registration registration) {
    return endpoints.sms().isPresent() && registration.queueMode() && registration.binding().indexOf('U') >= 0
        && registration.binding().indexOf('S') >= 0 && msisdn(registration).isPresent();
  }

  /** A request was just queued for {@code registration}'s sleeping client; {@code below} is the chain under the gate. */
  void queued(Registration registration, Downlink below) {
    if (!canWake(registration)) {
      return;
    }
    // the map only decides; the SMS goes out after, since the chain may run into this class again
    // (on the twin the client's Update can arrive on this very thread) and must not run inside compute
    Attempt[] armed = new Attempt[1];
    underWay.compute(registration.id(), (id, current) -> {
      if (current != null && !heardSince(registration, current.sentAt())) {
        return current; // this sleep period's SMS is out; its retry timer decides on the next
      }
      if (current != null) {
        current.retry().cancel();
      }
      armed[0] = arm(registration, below, 1);
      return armed[0];
    });
    if (armed[0] != null) {
      transmit(registration, below, armed[0]);
    }
  }

  /** Wake-up SMS number {@code number}, sent now, with the retry timer armed after it. */
  private Attempt arm(Registration registration, Downlink below, int number) {
    Scheduler.Task retry = scheduler.schedule(retryInterval, () -> retry(registration, below));
    return new Attempt(number, scheduler.now(), retry);
  }

  /** Sends the SMS of {@code attempt} through the chain below the gate and tells the listeners. */
  private void transmit(Registration registration, Downlink below, Attempt attempt) {
    String msisdn = msisdn(registration).orElseThrow();
    LwM2mPath trigger = LwM2mPath.of(SERVER_OBJECT, serverInstance(registration), REGISTRATION_UPDATE_TRIGGER);
    LOG.info("waking {} by SMS to {}: Execute {} (attempt {}), {} request(s) waiting", registration.endpoint(), "sms:" + msisdn,
        trigger, attempt.number(), queue.depth(registration.id()));
    DeviceRequest<Void> request = DeviceRequest.of(registration, "wake-up", Optional.of(trigger),
        current -> CoapRequest.to(SmsAddress.of(msisdn), CoapMethod.POST, segments(current, trigger)), (current, answer) -> null,
        retryInterval);
    java.util.concurrent.CompletableFuture<Void> sent;
    try {
      sent = below.send(request);
    } catch (RuntimeException e) {
      sent = java.util.concurrent.CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((ok, failure) -> {
      if (failure != null) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause() : failure;
        LOG.warn("the wake-up SMS to {} for {} got no answer: {}", "sms:" + msisdn, registration.endpoint(), cause.getMessage());
      }
    });
    WakeUpSms event = new WakeUpSms(registration.endpoint(), registration.id(), msisdn, trigger.toString(), attempt.number(),
        attempt.sentAt());
    listeners.publish(listener -> listener.sent(event));
  }

  /** The retry interval after an SMS has passed: another SMS if the client is still silent and requests still wait. */
  private void retry(Registration registration, Downlink below) {
    Attempt[] armed = new Attempt[1];
    underWay.computeIfPresent(registration.id(), (id, last) -> {
      if (heardSince(registration, last.sentAt()) || presence.isAwake(registration) || queue.depth(id) == 0) {
        return null;
      }
      armed[0] = arm(registration, below, last.number() + 1);
      return armed[0];
    });
    if (armed[0] != null) {
      transmit(registration, below, armed[0]);
    }
  }

  private boolean heardSince(Registration registration, Instant sentAt) {
    return presence.lastHeard(registration).filter(heard -> !heard.isBefore(sentAt)).isPresent();
  }

  private static Optional<String> msisdn(Registration registration) {
    return registration.smsNumber().flatMap(number -> {
      try {
        return Optional.of(SmsAddress.normalize(number));
      } catch (IllegalArgumentException notAnMsisdn) {
        // an external identifier, which no SMSC routes
        return Optional.empty();
      }
    });
  }

  /**
   * The Server object instance to execute: the one the client lists when it lists exactly one (its
   * account on this server), else 0 — a client with several servers lists several and does not say
   * which is ours, so the WARN asks the operator to check.
   */
  private static int serverInstance(Registration registration) {
    List<Integer> instances = new ArrayList<>();
    for (LwM2mPath path : registration.objectLinks().instances()) {
      if (path.objectId() == SERVER_OBJECT && path.isObjectInstance()) {
        instances.add(path.instanceId());
      }
    }
    if (instances.size() == 1) {
      return instances.get(0);
    }
    LOG.warn("{} lists {} Server object instances ({}); the wake-up SMS executes /1/0/8, which the client may refuse "
        + "if its account on this server is another instance", registration.endpoint(), instances.size(), instances);
    return 0;
  }

  /** The message path: the client's root path (alternate {@code rt="oma.lwm2m"} path), then {@code path}'s ids. */
  private static List<String> segments(Registration registration, LwM2mPath path) {
    List<String> segments = new ArrayList<>();
    for (String segment : registration.objectLinks().rootPath().split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    for (int id : path.ids()) {
      segments.add(Integer.toString(id));
    }
    return segments;
  }

  @Override
  public void close() {
    underWay.values().forEach(attempt -> attempt.retry().cancel());
    underWay.clear();
    listeners.close();
  }
}
