package org.lwm2m4j.server.downlink;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lwm2m4j.core.error.ErrorResponseException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.cluster.ClusterBus;
import org.lwm2m4j.server.cluster.ClusterSettings;
import org.lwm2m4j.server.downlink.RoutedMessages.Kind;
import org.lwm2m4j.server.downlink.RoutedMessages.RoutedAnswer;
import org.lwm2m4j.server.downlink.RoutedMessages.RoutedRequest;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's stage of the chain, between the deadline and the endpoint: a message for a device
 * owned by another live node goes over the {@link ClusterBus} to that node, which sends it on its
 * own endpoint (not through its whole chain: this node's chain already converted, measured and
 * bounded it) and answers with the device's response unchanged; an Observe's notifications come
 * back the same way to this node's consumer. A device owned by this node, or by nobody on record,
 * is sent to at once. A device whose owner is not live fails at once with 5.03: only the node its
 * balancer session leads to can reach it, and that is whichever live node its next message reaches.
 *
 * <p>Both sides are here: the caller's ({@link #exchange}) and the owner's (the subscription to
 * routed requests). An answer lost on the bus ends as the deadline's timeout; its entry is dropped
 * at the same moment.
 */
final class ClusterRouting implements Exchange, AutoCloseable {
  static final String REQUESTS = "downlink.request";
  static final String ANSWERS = "downlink.answer";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRouting.class);

  private final ClusterSettings cluster;
  private final RegistrationStore registrations;
  private final Predicate<byte[]> observationHeld;
  private final DownlinkEndpoints endpoints;
  private final Scheduler scheduler;
  private final Exchange local;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<CoapResponse>> waiting = new ConcurrentHashMap<>();
  private final Map<Long, RoutedObservation> observing = new ConcurrentHashMap<>();
  private final List<ClusterBus.Subscription> subscriptions;

  ClusterRouting(DownlinkChain.Clustered clustered, DownlinkEndpoints endpoints, Scheduler scheduler, Exchange local) {
    this.cluster = clustered.settings();
    this.registrations = clustered.registrations();
    this.observationHeld = clustered.observationHeld();
    this.endpoints = endpoints;
    this.scheduler = scheduler;
    this.local = announcingObservations(local);
    this.subscriptions = List.of(cluster.bus().subscribe(REQUESTS, this::serve), cluster.bus().subscribe(ANSWERS, this::answered));
  }

  @Override
  public CompletableFuture<CoapResponse> exchange(DeviceMessage message) {
    Optional<String> owner = cluster.ownership().ownerOf(message.registration());
    if (owner.isEmpty() || owner.get().equals(cluster.self())) {
      return local.exchange(message);
    }
    String node = owner.get();
    if (!cluster.membership().isLive(node)) {
      return CompletableFuture.failedFuture(new ErrorResponseException(ResponseCode.SERVICE_UNAVAILABLE,
          message.registration().endpoint() + " was last heard by cluster node " + node + ", which is not live; it is"
              + " reachable again once its next message (an Update, a notification) reaches a live node"));
    }
    long id = ids.incrementAndGet();
    CompletableFuture<CoapResponse> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    message.notifications().ifPresent(consumer -> observing.put(id, new RoutedObservation(message.request().token(), consumer)));
    Scheduler.Task expiry = scheduler.schedule(message.timeout(), () -> {
      CompletableFuture<CoapResponse> unanswered = waiting.remove(id);
      if (unanswered != null) {
        observing.remove(id);
        unanswered.completeExceptionally(new TimeoutException(message.registration().endpoint() + " did not answer "
            + message.request().method() + " " + message.request().pathText() + " through cluster node " + node
            + " within " + message.timeout().toMillis() + " ms"));
      }
    });
    // an answered request needs its expiry no more: at thousands of requests a second they would pile up
    answer.whenComplete((response, failure) -> expiry.cancel());
    try {
      cluster.bus().send(node, REQUESTS, RoutedMessages.encode(new RoutedRequest(id, message.registration().id(),
          message.timeout(), message.notifications().isPresent(), message.request())));
    } catch (RuntimeException e) {
      expiry.cancel();
      waiting.remove(id);
      observing.remove(id);
      return CompletableFuture.failedFuture(new ErrorResponseException(ResponseCode.SERVICE_UNAVAILABLE,
          "cannot pass the request for " + message.registration().endpoint() + " to cluster node " + node + ": " + e.getMessage()));
    }
    return answer;
  }

  /**
   * {@code local}, telling every node the token of each observation it established, so that any
   * live node matches its notifications once the balancer sends them there (the owner died).
   */
  private Exchange announcingObservations(Exchange local) {
    return message -> {
      CompletableFuture<CoapResponse> sent = local.exchange(message);
      if (message.notifications().isPresent()) {
        sent.thenAccept(response -> {
          if (response.code().isSuccess() && response.observe().isPresent()) {
            try {
              cluster.bus().broadcast(DownlinkChain.OBSERVATION_ARMED, message.request().token());
            } catch (RuntimeException e) {
              // the nodes arm it when this one leaves
              LOG.warn("cannot announce observation {} to the cluster: {}", message.request().tokenText(), e.getMessage());
            }
          }
        });
      }
      return sent;
    };
  }

  /** The caller's side: an answer to one of this node's routed requests. */
  private void answered(String from, byte[] bytes) {
    RoutedAnswer answer;
    try {
      answer = RoutedMessages.decodeAnswer(bytes);
    } catch (IllegalArgumentException e) {
      LOG.warn("dropped an answer from cluster node {}: {}", from, e.getMessage());
      return;
    }
    if (answer.kind() == Kind.NOTIFICATION) {
      RoutedObservation routed = observing.get(answer.id());
      if (routed == null) {
        return;
      }
      CoapResponse notification = answer.response().get();
      // one ended, here (cancelled) or by the device (an error, no Observe option), is forgotten
      if (!observationHeld.test(routed.token())) {
        observing.remove(answer.id());
        return;
      }
      if (!notification.code().isSuccess() || notification.observe().isEmpty()) {
        observing.remove(answer.id());
      }
      routed.notifications().accept(notification);
      return;
    }
    CompletableFuture<CoapResponse> waiter = waiting.remove(answer.id());
    if (waiter == null) {
      return;
    }
    switch (answer.kind()) {
      case RESPONSE -> {
        CoapResponse response = answer.response().get();
        if (!response.code().isSuccess() || response.observe().isEmpty()) {
          observing.remove(answer.id());
        }
        waiter.complete(response);
      }
      case TIMEOUT -> {
        observing.remove(answer.id());
        waiter.completeExceptionally(new TimeoutException(answer.failureMessage()));
      }
      case ERROR -> {
        observing.remove(answer.id());
        waiter.completeExceptionally(LwM2mException.forCode(answer.failureCode(), answer.failureMessage()));
      }
      default -> {
        observing.remove(answer.id());
        waiter.completeExceptionally(new IOException(answer.failureMessage()));
      }
    }
  }

  /** The owner's side: sends a routed request on this node's endpoint and answers the caller. */
  private void serve(String from, byte[] bytes) {
    RoutedRequest routed;
    try {
      routed = RoutedMessages.decodeRequest(bytes);
    } catch (IllegalArgumentException e) {
      LOG.warn("dropped a request from cluster node {}: {}", from, e.getMessage());
      return;
    }
    Optional<Registration> registration = registrations.byId(routed.registrationId());
    if (registration.isEmpty()) {
      reply(from, RoutedAnswer.failure(routed.id(), Kind.ERROR, ResponseCode.NOT_FOUND,
          "registration " + routed.registrationId() + " is not known on cluster node " + cluster.self()));
      return;
    }
    // the owner knows the device's current address best (a claim may just have moved it)
    CoapRequest request = routed.request();
    if (!SmsAddress.isSms(request.peer()) && !request.peer().equals(registration.get().address())) {
      request = new CoapRequest(request.method(), request.path(), request.query(), request.contentFormat(), request.accept(),
          request.payload(), registration.get().address(), request.observe(), request.token(), request.identity());
    }
    byte[] token = request.token();
    AtomicBoolean seenHeld = new AtomicBoolean();
    Optional<Consumer<CoapResponse>> notifications = routed.observe()
        ? Optional.of(notification -> passOn(from, routed.id(), token, seenHeld, notification))
        : Optional.empty();
    CompletableFuture<CoapResponse> sent;
    try {
      sent = local.exchange(new DeviceMessage(registration.get(), request, routed.timeout(), notifications));
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((response, failure) -> reply(from,
        failure == null ? RoutedAnswer.response(routed.id(), response) : failed(routed.id(), failure)));
  }

  /**
   * Passes a notification of a routed observation on to the node that asked for it, unless the
   * observation was cancelled meanwhile (on any node): then this node forgets the token, so the
   * device's next notification is answered with Reset and it ends the observation too. Only an
   * observation this node has seen held counts as cancelled: the shared store may show the caller's
   * new observation here a moment after its first notification.
   */
  private void passOn(String to, long id, byte[] token, AtomicBoolean seenHeld, CoapResponse notification) {
    if (observationHeld.test(token)) {
      seenHeld.set(true);
    } else if (seenHeld.get()) {
      endpoints.all().forEach(endpoint -> endpoint.forgetObservation(token));
      return;
    }
    reply(to, RoutedAnswer.notification(id, notification));
  }

  private static RoutedAnswer failed(long id, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    String message = String.valueOf(cause.getMessage());
    if (cause instanceof TimeoutException) {
      return RoutedAnswer.failure(id, Kind.TIMEOUT, ResponseCode.GATEWAY_TIMEOUT, message);
    }
    if (cause instanceof LwM2mException lwm2m) {
      return RoutedAnswer.failure(id, Kind.ERROR, lwm2m.code(), message);
    }
    return RoutedAnswer.failure(id, Kind.IO, ResponseCode.INTERNAL_SERVER_ERROR, message);
  }

  private void reply(String to, RoutedAnswer answer) {
    try {
      cluster.bus().send(to, ANSWERS, RoutedMessages.encode(answer));
    } catch (RuntimeException e) {
      // the caller times out as for a lost message
      LOG.warn("cannot answer cluster node {}: {}", to, e.getMessage());
    }
  }

  /** An observation this node asked another to make: its token and where its notifications go. */
  private record RoutedObservation(byte[] token, Consumer<CoapResponse> notifications) {}

  @Override
  public void close() {
    subscriptions.forEach(ClusterBus.Subscription::close);
  }
}
