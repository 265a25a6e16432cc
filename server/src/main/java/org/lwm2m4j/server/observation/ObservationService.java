package org.lwm2m4j.server.observation;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.DeviceCodec;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.device.UnsupportedByClientVersionException;
import org.lwm2m4j.server.downlink.DeviceRequest;
import org.lwm2m4j.server.downlink.DownlinkChain;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.server.queue.RequestQueuedException;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Information Reporting on the server side: Observe and Observe-Composite, notifications turned
 * into {@link Notification} events, and Cancel Observation — active (a GET with Observe = 1) or
 * passive (forget the token; the client's next notification is answered with RST). Observations
 * live in an {@link ObservationStore} keyed by token and end with their registration (de-register,
 * expiry): add this service as a registration listener.
 *
 * <p>When a client registers again (it must after every new DTLS handshake: a device whose cluster
 * node died, a rebooted device, a new NAT binding without Connection ID), the observations of its
 * previous registration are made again on the new one: the same paths and content format, new
 * tokens, one Observe each. So what an application observes goes on being notified, whether or
 * not the client kept its observations. Without that, as in Leshan, every application has to
 * observe again on each {@code registered} event. {@link ReRegistration#DROP} turns it off.
 *
 * <p>Requests go out through the server's {@link DownlinkChain} like any other: an Observe for a
 * sleeping queue-mode client is queued (the future fails at once with {@link
 * RequestQueuedException}; the observation is kept from the moment it is sent), and every Observe
 * and cancel is counted in the request metrics.
 */
public final class ObservationService implements RegistrationListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ObservationService.class);

  private final DownlinkChain downlink;
  private final DeviceCodec codec;
  private final RegistrationStore registrations;
  private final ObservationStore store;
  private final Clock clock;
  private final Duration defaultTimeout;
  private final Listeners<NotificationListener> listeners;
  private final ReRegistration reRegistration;

  /** What becomes of a client's observations when it registers again. */
  public enum ReRegistration {
    /** Observed again on the new registration (the default). */
    OBSERVE_AGAIN,
    /** Dropped with the previous registration; the application observes again if it wants. */
    DROP
  }

  /** A service that observes again on a client's new registration ({@link ReRegistration#OBSERVE_AGAIN}). */
  public ObservationService(DownlinkChain downlink, DeviceCodec codec, RegistrationStore registrations, ObservationStore store,
      Clock clock, Duration defaultTimeout, Executor events) {
    this(downlink, codec, registrations, store, clock, defaultTimeout, events, ReRegistration.OBSERVE_AGAIN);
  }

  public ObservationService(DownlinkChain downlink, DeviceCodec codec, RegistrationStore registrations, ObservationStore store,
      Clock clock, Duration defaultTimeout, Executor events, ReRegistration reRegistration) {
    this.reRegistration = Objects.requireNonNull(reRegistration, "reRegistration");
    this.listeners = new Listeners<>("notification", events);
    this.downlink = Objects.requireNonNull(downlink, "downlink");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.registrations = Objects.requireNonNull(registrations, "registrations");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
  }

  public void addListener(NotificationListener listener) {
    listeners.add(listener);
  }

  public void removeListener(NotificationListener listener) {
    listeners.remove(listener);
  }

  /** The observations held. */
  public ObservationStore store() {
    return store;
  }

  /**
   * Observe: registers an observation of {@code path} (object to resource instance) with the
   * client, optionally with observation attributes in {@code attributes} (e.g. {@code pmin=5}),
   * and completes with it and the current content. A client registered with LwM2M 1.2 or later
   * gets the attributes in the Observe query (for this observation only); an earlier one gets a
   * Write-Attributes of them on {@code path} first (they stay on the path), then a plain Observe.
   * If it refuses them, the future fails with {@link ObservationAttributesRefusedException} and no
   * Observe is sent. If that Write-Attributes is queued for a sleeping client, the future fails
   * with its {@link RequestQueuedException}, and the Observe follows once the client accepted it.
   */
  public CompletableFuture<ObserveResult> observe(Registration registration, LwM2mPath path, List<String> attributes,
      RequestOptions options) {
    try {
      return observeNow(registration, path, attributes, options);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<ObserveResult> observeNow(Registration registration, LwM2mPath path, List<String> attributes,
      RequestOptions options) {
    if (path.isRoot()) {
      throw new InvalidRequestException("Observe needs an object, instance or resource path, not /");
    }
    ContentFormat format = codec.formatFor(registration, path, options.format());
    if (attributes.isEmpty() || ObservationAttributes.inObserveQuery(registration)) {
      return observeWithQuery(registration, path, attributes, format, options);
    }
    DeviceRequest<Void> writeAttributes = DeviceRequest.of(registration, "write-attributes", Optional.of(path),
        current -> codec.request(current, CoapMethod.PUT, path).withQuery(attributes), (current, response) -> null, timeout(options));
    return downlink.send(writeAttributes)
        .handle((changed, failure) -> {
          if (failure != null) {
            throw refused(registration, path, attributes, failure, options);
          }
          return changed;
        })
        .thenCompose(changed -> observeWithQuery(registration, path, List.of(), format, options));
  }

  private CompletableFuture<ObserveResult> observeWithQuery(Registration registration, LwM2mPath path, List<String> query,
      ContentFormat format, RequestOptions options) {
    Observation observation = Observation.single(newToken(registration), registration.id(), path, OptionalInt.of(format.code()),
        clock.instant());
    return start(registration, "observe", Optional.of(path), observation, query, options,
        (current, response) -> Map.of(path, codec.decode(current, path, response, format)));
  }

  /**
   * The failure of a Write-Attributes sent ahead of an Observe: a refusal if the client answered
   * with an error; if it was queued, the Observe is sent after it.
   */
  private RuntimeException refused(Registration registration, LwM2mPath path, List<String> attributes, Throwable failure,
      RequestOptions options) {
    Throwable cause = unwrap(failure);
    if (cause instanceof RequestQueuedException queued) {
      queued.request().result().thenRun(() -> registrations.byId(registration.id()).ifPresent(current -> observeWithQuery(
          current, path, List.of(), codec.formatFor(current, path, options.format()), options)));
      return queued;
    }
    if (cause instanceof LwM2mException refusal) {
      return new ObservationAttributesRefusedException(registration.endpoint(), path, attributes, refusal);
    }
    return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
  }

  /** Observe-Composite without attributes; see {@link #observeComposite(Registration, List, List, RequestOptions)}. */
  public CompletableFuture<ObserveResult> observeComposite(Registration registration, List<LwM2mPath> paths,
      RequestOptions options) {
    return observeComposite(registration, paths, List.of(), options);
  }

  /**
   * Observe-Composite (1.1): one observation of several paths, notified together. {@code
   * attributes} (1.2 only) go in the query and may be only the object-level ones: {@code pmin},
   * {@code pmax}, {@code epmin}, {@code epmax}, {@code con}. Refused before anything is sent, with
   * {@link UnsupportedByClientVersionException}, for a client registered with 1.0 (no composite
   * operations) or, when there are attributes, below 1.2; with {@link InvalidRequestException}
   * for any other attribute.
   */
  public CompletableFuture<ObserveResult> observeComposite(Registration registration, List<LwM2mPath> paths,
      List<String> attributes, RequestOptions options) {
    try {
      UnsupportedByClientVersionException.requireAtLeast(registration, Version.V1_1, "Observe-Composite");
      if (paths.isEmpty()) {
        throw new InvalidRequestException("Observe-Composite needs at least one path");
      }
      ObservationAttributes.requireAllowedOnComposite(registration, attributes);
      ContentFormat format = codec.compositeFormatFor(registration, options.format());
      Observation observation = new Observation(newToken(registration), registration.id(), paths, true,
          OptionalInt.of(format.code()), clock.instant());
      return start(registration, "observe-composite", Optional.empty(), observation, attributes, options,
          (current, response) -> codec.decodeComposite(current, paths, response, format));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private Token newToken(Registration registration) {
    return Token.of(downlink.endpoints().endpointFor(registration).newObserveToken());
  }

  /**
   * Sends the Observe of {@code observation} through the chain. The observation is kept from the
   * moment its request is built for sending — before the first notification can arrive — and
   * dropped again if the Observe fails, now or, when it was queued, later.
   */
  private CompletableFuture<ObserveResult> start(Registration registration, String operation, Optional<LwM2mPath> path,
      Observation observation, List<String> query, RequestOptions options,
      BiFunction<Registration, CoapResponse, Map<LwM2mPath, LwM2mNode>> decodeFirst) {
    Function<Registration, CoapRequest> message = current -> {
      CoapRequest request = message(current, observation, query, 0);
      store.add(observation);
      return request;
    };
    DeviceRequest<ObserveResult> request = DeviceRequest.of(registration, operation, path, message,
        (current, response) -> new ObserveResult(observation, decodeFirst.apply(current, response),
            codec.answerFormat(response, askedFormat(observation))), timeout(options))
        .observing(notification -> onNotification(observation.token(), notification));
    return downlink.send(request).whenComplete((result, failure) -> {
      if (failure == null) {
        return;
      }
      if (unwrap(failure) instanceof RequestQueuedException queued) {
        queued.request().result().whenComplete((sent, notSent) -> {
          if (notSent != null) {
            cancelPassively(observation);
          }
        });
      } else {
        cancelPassively(observation);
      }
    });
  }

  /**
   * The Observe ({@code observe} 0) or cancel (1) request of {@code observation}: a GET of its path,
   * or a FETCH of its paths for Observe-Composite, on its token.
   */
  private CoapRequest message(Registration registration, Observation observation, List<String> query, int observe) {
    OptionalInt format = observation.contentFormat();
    CoapRequest request;
    if (observation.composite()) {
      ContentFormat paths = ContentFormat.fromCode(format.orElse(ContentFormat.SENML_CBOR.code())).orElse(ContentFormat.SENML_CBOR);
      request = codec.request(registration, CoapMethod.FETCH, LwM2mPath.ROOT)
          .withPayload(paths.code(), codec.encodePaths(paths, observation.paths()));
    } else {
      request = codec.request(registration, CoapMethod.GET, observation.paths().get(0));
    }
    request = request.withQuery(query);
    if (format.isPresent()) {
      request = request.withAccept(format.getAsInt());
    }
    return request.withObserve(observe, observation.token().bytes());
  }

  private void onNotification(Token token, CoapResponse response) {
    Optional<Observation> held = store.byToken(token);
    if (held.isEmpty()) {
      forget(token);
      return;
    }
    Observation observation = held.get();
    Optional<Registration> registration = registrations.byId(observation.registrationId());
    if (registration.isEmpty()) {
      cancelPassively(observation);
      return;
    }
    if (!response.code().isSuccess()) {
      LOG.info("observation {} of {} ended by the client with {}", token, registration.get().endpoint(), response.code());
      cancelPassively(observation);
      return;
    }
    try {
      Map<LwM2mPath, LwM2mNode> content = decode(registration.get(), observation, response);
      Notification notification = new Notification(observation, registration.get(), content,
          codec.answerFormat(response, askedFormat(observation)), response.source());
      listeners.publish(listener -> listener.notified(notification));
    } catch (LwM2mException e) {
      LOG.warn("undecodable notification from {} for {}: {}", registration.get().endpoint(), observation.paths(), e.getMessage());
      listeners.publish(listener -> listener.failed(observation, e.getMessage()));
    }
  }

  private Map<LwM2mPath, LwM2mNode> decode(Registration registration, Observation observation, CoapResponse response) {
    ContentFormat asked = askedFormat(observation);
    if (observation.composite()) {
      return codec.decodeComposite(registration, observation.paths(), response, asked);
    }
    LwM2mPath path = observation.paths().get(0);
    return Map.of(path, codec.decode(registration, path, response, asked));
  }

  /** The format {@code observation} asks its notifications in; SenML CBOR if it names none. */
  static ContentFormat askedFormat(Observation observation) {
    return ContentFormat.fromCode(observation.contentFormat().orElse(ContentFormat.SENML_CBOR.code())).orElse(ContentFormat.SENML_CBOR);
  }

  /**
   * Cancel Observation. Active: the server tells the client with a GET carrying Observe = 1 (the
   * future completes with its answer, whatever its code). Passive: the server only forgets it, and
   * the client's next notification is answered with RST (the future completes at once).
   *
   * @return the cancelled observation, empty if the token was unknown
   */
  public CompletableFuture<Optional<Observation>> cancel(Token token, boolean active, RequestOptions options) {
    Optional<Observation> removed = store.remove(token);
    forget(token);
    if (removed.isEmpty() || !active) {
      return CompletableFuture.completedFuture(removed);
    }
    Observation observation = removed.get();
    Optional<Registration> registration = registrations.byId(observation.registrationId());
    if (registration.isEmpty()) {
      return CompletableFuture.completedFuture(removed);
    }
    Optional<LwM2mPath> path = observation.composite() ? Optional.empty() : Optional.of(observation.paths().get(0));
    DeviceRequest<Optional<Observation>> cancel = DeviceRequest.of(registration.get(), "cancel-observation", path,
        current -> message(current, observation, List.of(), 1), (current, response) -> removed, timeout(options));
    return downlink.send(cancel).handle((answered, failure) -> {
      // the client answered, if with an error: it holds the observation no more either way
      if (failure == null || unwrap(failure) instanceof LwM2mException) {
        return removed;
      }
      throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
    });
  }

  /**
   * Re-arms every observation the store holds — after a restart with a persistent store — so
   * that the clients' notifications on their tokens are accepted by the transport and delivered to
   * the listeners as before. Nothing is sent: the clients still have their observations. An
   * observation whose registration is gone is dropped. Called by the server at start.
   *
   * @return how many observations were re-armed
   */
  public int restoreStored() {
    return restoreStored(registration -> true);
  }

  /**
   * Re-arms the stored observations of the registrations {@code which} accepts, as {@link
   * #restoreStored()} does for all: on a cluster node, those of a node that left, whose devices'
   * notifications may now reach this node.
   *
   * @return how many observations were re-armed
   */
  public int restoreStored(Predicate<Registration> which) {
    List<Observation> held = new ArrayList<>();
    store.forEach(held::add);
    int restored = 0;
    for (Observation observation : held) {
      Optional<Registration> registration = registrations.byId(observation.registrationId());
      if (registration.isEmpty()) {
        store.remove(observation.token());
        continue;
      }
      if (!which.test(registration.get())) {
        continue;
      }
      if (arm(observation, registration.get())) {
        restored++;
      } else {
        store.remove(observation.token());
      }
    }
    return restored;
  }

  /**
   * Arms the stored observation with {@code token} on this server's endpoint, without sending
   * anything: on a cluster node, one another node just established, so that its notifications are
   * matched here too once the balancer sends them here. Nothing happens when the store does not
   * (yet) hold it or its registration.
   *
   * @return whether it was armed
   */
  public boolean restore(Token token) {
    Optional<Observation> observation = store.byToken(token);
    Optional<Registration> registration = observation.flatMap(held -> registrations.byId(held.registrationId()));
    return registration.isPresent() && arm(observation.get(), registration.get());
  }

  private boolean arm(Observation observation, Registration registration) {
    try {
      CoapRequest original = message(registration, observation, List.of(), 0);
      downlink.endpoints().endpointFor(registration).restoreObservation(original,
          notification -> onNotification(observation.token(), notification));
      return true;
    } catch (RuntimeException e) {
      LOG.warn("cannot restore observation {} of {} on {}: {}", observation.token(), registration.endpoint(),
          observation.paths(), e.getMessage());
      return false;
    }
  }

  /** The observations held on one registration. */
  public List<Observation> observationsOf(String registrationId) {
    return store.byRegistration(registrationId);
  }

  private Duration timeout(RequestOptions options) {
    return options.timeout().orElse(defaultTimeout);
  }

  private void cancelPassively(Observation observation) {
    store.remove(observation.token());
    forget(observation.token());
  }

  /** Forgets {@code token} on every endpoint; unknown tokens are ignored there. */
  private void forget(Token token) {
    for (CoapEndpoint endpoint : downlink.endpoints().all()) {
      endpoint.forgetObservation(token.bytes());
    }
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  @Override
  public void registered(Registration registration, Optional<Registration> replaced) {
    if (replaced.isEmpty()) {
      return;
    }
    List<Observation> previous = drop(replaced.get());
    if (reRegistration == ReRegistration.OBSERVE_AGAIN) {
      previous.forEach(observation -> observeAgain(registration, observation));
    }
  }

  /**
   * Makes {@code previous} (an observation of the client's replaced registration) again on {@code
   * registration}. Attributes sent in a 1.2 Observe query are not kept with an observation and are
   * not sent again; those written with Write-Attributes stay on the client's paths.
   */
  private void observeAgain(Registration registration, Observation previous) {
    Observation observation = new Observation(newToken(registration), registration.id(), previous.paths(), previous.composite(),
        previous.contentFormat(), clock.instant());
    ContentFormat format = askedFormat(observation);
    String operation = observation.composite() ? "observe-composite" : "observe";
    Optional<LwM2mPath> path = observation.composite() ? Optional.empty() : Optional.of(observation.paths().get(0));
    start(registration, operation, path, observation, List.of(), RequestOptions.DEFAULTS, (current, response) -> observation.composite()
        ? codec.decodeComposite(current, observation.paths(), response, format)
        : Map.of(path.get(), codec.decode(current, path.get(), response, format)))
        .whenComplete((result, failure) -> {
          if (failure == null) {
            LOG.info("observing {} of {} again after it registered again", observation.paths(), registration.endpoint());
          } else if (!(unwrap(failure) instanceof RequestQueuedException)) {
            LOG.info("could not observe {} of {} again after it registered again: {}", observation.paths(),
                registration.endpoint(), unwrap(failure).getMessage());
          }
        });
  }

  @Override
  public void deregistered(Registration registration) {
    drop(registration);
  }

  @Override
  public void expired(Registration registration) {
    drop(registration);
  }

  private List<Observation> drop(Registration registration) {
    List<Observation> dropped = store.removeAll(registration.id());
    for (Observation observation : dropped) {
      forget(observation.token());
    }
    return dropped;
  }

  @Override
  public void close() {
    listeners.close();
  }
}
