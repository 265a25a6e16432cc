package org.lwm2m4j.server.observation;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.device.UnsupportedByClientVersionException;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Information Reporting on the server side: Observe and Observe-Composite, notifications turned
 * into {@link Notification} events, and Cancel Observation — active (a GET with Observe = 1) or
 * passive (forget the token; the client's next notification is answered with RST). Observations
 * live in an {@link ObservationStore} keyed by token and end with their registration (register
 * again, de-register, expiry): add this service as a registration listener.
 */
public final class ObservationService implements RegistrationListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ObservationService.class);

  private final DeviceService devices;
  private final RegistrationStore registrations;
  private final ObservationStore store;
  private final Clock clock;
  private final NodeCodecs codecs = NodeCodecs.standard();
  private final Listeners<NotificationListener> listeners = new Listeners<>("lwm2m-notification-events");

  private final List<CoapEndpoint> endpoints;

  /**
   * @param endpoints every endpoint the server has, to forget tokens of observations whose registration is gone
   */
  public ObservationService(List<CoapEndpoint> endpoints, DeviceService devices, RegistrationStore registrations,
      ObservationStore store, Clock clock) {
    this.endpoints = List.copyOf(endpoints);
    this.devices = Objects.requireNonNull(devices, "devices");
    this.registrations = Objects.requireNonNull(registrations, "registrations");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
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
   * Observe is sent.
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
    ContentFormat format = devices.formatFor(registration, path, options);
    if (attributes.isEmpty() || ObservationAttributes.inObserveQuery(registration)) {
      return observeWithQuery(registration, path, attributes, format, options);
    }
    CoapRequest writeAttributes = devices.request(registration, CoapMethod.PUT, path).withQuery(attributes);
    return devices.exchange(registration, writeAttributes, options)
        .handle((changed, failure) -> {
          if (failure != null) {
            throw refused(registration, path, attributes, failure);
          }
          return changed;
        })
        .thenCompose(changed -> observeWithQuery(registration, path, List.of(), format, options));
  }

  private CompletableFuture<ObserveResult> observeWithQuery(Registration registration, LwM2mPath path, List<String> query,
      ContentFormat format, RequestOptions options) {
    byte[] token = devices.endpointFor(registration).newObserveToken();
    Observation observation = Observation.single(Token.of(token), registration.id(), path, OptionalInt.of(format.code()),
        clock.instant());
    CoapRequest request = devices.request(registration, CoapMethod.GET, path).withQuery(query).withAccept(format.code())
        .withObserve(0, token);
    return start(registration, observation, request, options,
        response -> Map.of(path, devices.decode(registration, path, response, format)));
  }

  /** The failure of a Write-Attributes sent ahead of an Observe: a refusal if the client answered with an error. */
  private static RuntimeException refused(Registration registration, LwM2mPath path, List<String> attributes, Throwable failure) {
    Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof LwM2mException refusal) {
      return new ObservationAttributesRefusedException(registration.endpoint(), path, attributes, refusal);
    }
    return cause instanceof RuntimeException runtime ? runtime : new java.util.concurrent.CompletionException(cause);
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
      return observeCompositeNow(registration, paths, attributes, options);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<ObserveResult> observeCompositeNow(Registration registration, List<LwM2mPath> paths,
      List<String> attributes, RequestOptions options) {
    UnsupportedByClientVersionException.requireAtLeast(registration, Version.V1_1, "Observe-Composite");
    if (paths.isEmpty()) {
      throw new InvalidRequestException("Observe-Composite needs at least one path");
    }
    ObservationAttributes.requireAllowedOnComposite(registration, attributes);
    ContentFormat format = devices.compositeFormatFor(registration, options);
    CompositeCodec codec = codecs.composite(format).orElseThrow();
    byte[] token = devices.endpointFor(registration).newObserveToken();
    Observation observation = new Observation(Token.of(token), registration.id(), paths, true, OptionalInt.of(format.code()),
        clock.instant());
    CoapRequest request = devices.request(registration, CoapMethod.FETCH, LwM2mPath.ROOT).withQuery(attributes)
        .withPayload(format.code(), codec.encodePaths(paths)).withAccept(format.code()).withObserve(0, token);
    return start(registration, observation, request, options, response -> devices.decodeComposite(registration, paths, response, format));
  }

  private CompletableFuture<ObserveResult> start(Registration registration, Observation observation, CoapRequest request,
      RequestOptions options, java.util.function.Function<CoapResponse, Map<LwM2mPath, LwM2mNode>> decodeFirst) {
    store.add(observation);
    CoapEndpoint endpoint = devices.endpointFor(registration);
    return endpoint.observe(request, devices.timeout(options), notification -> onNotification(observation.token(), notification))
        .handle((response, failure) -> {
          if (failure != null) {
            store.remove(observation.token());
            throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
          }
          try {
            DeviceService.requireSuccess(response);
            return new ObserveResult(observation, decodeFirst.apply(response));
          } catch (RuntimeException e) {
            store.remove(observation.token());
            endpoint.forgetObservation(request.token());
            throw e;
          }
        });
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
      Notification notification = new Notification(observation, registration.get(), content);
      listeners.publish(listener -> listener.notified(notification));
    } catch (LwM2mException e) {
      LOG.warn("undecodable notification from {} for {}: {}", registration.get().endpoint(), observation.paths(), e.getMessage());
      listeners.publish(listener -> listener.failed(observation, e.getMessage()));
    }
  }

  private Map<LwM2mPath, LwM2mNode> decode(Registration registration, Observation observation, CoapResponse response) {
    ContentFormat asked = ContentFormat.fromCode(observation.contentFormat().orElse(ContentFormat.SENML_CBOR.code()))
        .orElse(ContentFormat.SENML_CBOR);
    if (observation.composite()) {
      return devices.decodeComposite(registration, observation.paths(), response, asked);
    }
    LwM2mPath path = observation.paths().get(0);
    return Map.of(path, devices.decode(registration, path, response, asked));
  }

  /**
   * Cancel Observation. Active: the server tells the client with a GET carrying Observe = 1 (the
   * future completes with its answer). Passive: the server only forgets it, and the client's next
   * notification is answered with RST (the future completes at once).
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
    CoapRequest request;
    if (observation.composite()) {
      ContentFormat format = ContentFormat.fromCode(observation.contentFormat().orElse(ContentFormat.SENML_CBOR.code()))
          .orElse(ContentFormat.SENML_CBOR);
      request = devices.request(registration.get(), CoapMethod.FETCH, LwM2mPath.ROOT)
          .withPayload(format.code(), codecs.composite(format).orElseThrow().encodePaths(observation.paths()));
    } else {
      request = devices.request(registration.get(), CoapMethod.GET, observation.paths().get(0));
    }
    CoapRequest cancel = observation.contentFormat().isPresent()
        ? request.withAccept(observation.contentFormat().getAsInt()).withObserve(1, token.bytes())
        : request.withObserve(1, token.bytes());
    return devices.endpointFor(registration.get()).send(cancel, devices.timeout(options)).thenApply(response -> removed);
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
    List<Observation> held = new java.util.ArrayList<>();
    store.forEach(held::add);
    int restored = 0;
    for (Observation observation : held) {
      Optional<Registration> registration = registrations.byId(observation.registrationId());
      if (registration.isEmpty()) {
        store.remove(observation.token());
        continue;
      }
      try {
        CoapRequest request = originalRequest(registration.get(), observation);
        devices.endpointFor(registration.get()).restoreObservation(request,
            notification -> onNotification(observation.token(), notification));
        restored++;
      } catch (RuntimeException e) {
        LOG.warn("cannot restore observation {} of {} on {}: {}", observation.token(), registration.get().endpoint(),
            observation.paths(), e.getMessage());
        store.remove(observation.token());
      }
    }
    return restored;
  }

  /** The Observe or Observe-Composite request that made {@code observation}, as it was sent. */
  private CoapRequest originalRequest(Registration registration, Observation observation) {
    byte[] token = observation.token().bytes();
    if (observation.composite()) {
      ContentFormat format = ContentFormat.fromCode(observation.contentFormat().orElse(ContentFormat.SENML_CBOR.code()))
          .orElse(ContentFormat.SENML_CBOR);
      return devices.request(registration, CoapMethod.FETCH, LwM2mPath.ROOT)
          .withPayload(format.code(), codecs.composite(format).orElseThrow().encodePaths(observation.paths()))
          .withAccept(format.code()).withObserve(0, token);
    }
    CoapRequest request = devices.request(registration, CoapMethod.GET, observation.paths().get(0));
    return observation.contentFormat().isPresent()
        ? request.withAccept(observation.contentFormat().getAsInt()).withObserve(0, token)
        : request.withObserve(0, token);
  }

  /** The observations held on one registration. */
  public List<Observation> observationsOf(String registrationId) {
    return store.byRegistration(registrationId);
  }

  private void cancelPassively(Observation observation) {
    store.remove(observation.token());
    forget(observation.token());
  }

  /** Forgets {@code token} on every endpoint; unknown tokens are ignored there. */
  private void forget(Token token) {
    for (CoapEndpoint endpoint : endpoints) {
      endpoint.forgetObservation(token.bytes());
    }
  }

  @Override
  public void registered(Registration registration, Optional<Registration> replaced) {
    replaced.ifPresent(this::drop);
  }

  @Override
  public void deregistered(Registration registration) {
    drop(registration);
  }

  @Override
  public void expired(Registration registration) {
    drop(registration);
  }

  private void drop(Registration registration) {
    for (Observation observation : store.removeAll(registration.id())) {
      forget(observation.token());
    }
  }

  @Override
  public void close() {
    listeners.close();
  }
}
