package org.lwm2m4j.server.registration;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.server.event.Listeners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Client Registration interface of the server, independent of the transport: Register,
 * Update, De-register and lifetime expiry over a {@link RegistrationStore}, with events for
 * {@link RegistrationListener}s.
 *
 * <p>Events go through a bounded queue to one event thread, so listeners never run on the
 * caller's (network) thread and see events in order. If listeners fall so far behind that the
 * queue is full, further events are dropped and counted ({@link #droppedEvents()}) rather than
 * stalling registrations. Expiry runs on a timer at the next due time, at most every
 * {@code expiryCheckInterval}. Thread-safe; {@link #close()} stops both threads.
 */
public final class RegistrationService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationService.class);

  private final RegistrationStore store;
  private final Clock clock;
  private final Listeners<RegistrationListener> listeners = new Listeners<>("lwm2m-registration-events");
  private final ScheduledExecutorService expiry;

  /**
   * @param expiryCheckInterval how often due registrations are looked for
   */
  public RegistrationService(RegistrationStore store, Clock clock, Duration expiryCheckInterval) {
    this.store = store;
    this.clock = clock;
    this.expiry = Executors.newSingleThreadScheduledExecutor(daemon("lwm2m-registration-expiry"));
    long period = Math.max(1, expiryCheckInterval.toMillis());
    expiry.scheduleWithFixedDelay(this::expireDue, period, period, TimeUnit.MILLISECONDS);
  }

  public void addListener(RegistrationListener listener) {
    listeners.add(listener);
  }

  public void removeListener(RegistrationListener listener) {
    listeners.remove(listener);
  }

  /**
   * Registers a client that sent {@code request} from {@code from}; a registration of the same
   * endpoint is replaced.
   *
   * @param endpoint the endpoint name: the request's {@code ep}, or the one the security layer
   *     derived from the client's identity
   * @return the new registration (its id goes into the {@code Location-Path})
   */
  public Registration register(RegisterRequest request, String endpoint, InetSocketAddress from) {
    return register(request, endpoint, from, false);
  }

  /**
   * Registers a client as {@link #register(RegisterRequest, String, InetSocketAddress)} does,
   * recording whether it came over DTLS ({@code secure}) so downlink requests take the same way.
   */
  public Registration register(RegisterRequest request, String endpoint, InetSocketAddress from, boolean secure) {
    if (endpoint.isEmpty()) {
      throw new InvalidRequestException("the endpoint name is missing and cannot be derived");
    }
    String id = newId();
    while (store.byId(id).isPresent()) {
      id = newId();
    }
    Registration registration = Registration.builder(id, endpoint, from)
        .lifetimeSeconds(request.lifetimeSeconds())
        .lwm2mVersion(request.lwm2mVersion())
        .binding(request.binding())
        .queueMode(request.queueMode())
        .smsNumber(request.smsNumber().orElse(null))
        .objectLinks(request.objectLinks())
        .registeredAt(clock.instant())
        .secure(secure)
        .build();
    Optional<Registration> replaced = store.add(registration);
    LOG.info("registered endpoint={} registration={} address={} secure={} lifetime={} lwm2m={} binding={} queue={} replaced={}",
        endpoint, registration.id(), from, secure, registration.lifetimeSeconds(), registration.lwm2mVersion(),
        registration.binding(), registration.queueMode(), replaced.map(Registration::id).orElse("-"));
    publish(listener -> listener.registered(registration, replaced));
    return registration;
  }

  /**
   * Applies an Update.
   *
   * @throws NotFoundException (4.04) when the registration is unknown or expired; the client must register again
   */
  public UpdatedRegistration update(RegistrationUpdate update) {
    UpdatedRegistration updated = store.update(update).orElseThrow(() -> new NotFoundException(
        "no registration " + update.registrationId() + " (expired or never made): register again"));
    LOG.info("updated endpoint={} registration={} address={} lifetime={}", updated.current().endpoint(), updated.current().id(),
        updated.current().address(), updated.current().lifetimeSeconds());
    publish(listener -> listener.updated(updated));
    return updated;
  }

  /**
   * De-registers.
   *
   * @throws NotFoundException (4.04) when the registration is unknown
   */
  public Registration deregister(String registrationId) {
    Registration removed = store.remove(registrationId)
        .orElseThrow(() -> new NotFoundException("no registration " + registrationId));
    LOG.info("deregistered endpoint={} registration={}", removed.endpoint(), removed.id());
    publish(listener -> listener.deregistered(removed));
    return removed;
  }

  /** The store, for lookups. */
  public RegistrationStore store() {
    return store;
  }

  /** Events dropped because listeners fell behind. */
  public long droppedEvents() {
    return listeners.dropped();
  }

  /** Expires what is due now; runs on the timer, callable directly (tests, shutdown hooks). */
  public List<Registration> expireDue() {
    Instant now = clock.instant();
    List<Registration> expired = store.removeExpired(now);
    for (Registration registration : expired) {
      LOG.info("expired endpoint={} registration={} lastUpdate={}", registration.endpoint(), registration.id(), registration.lastUpdate());
      publish(listener -> listener.expired(registration));
    }
    return expired;
  }

  private void publish(Consumer<RegistrationListener> event) {
    listeners.publish(event);
  }

  /** 64 random bits, URL-safe: unique enough, and short in every Location-Path. */
  private static String newId() {
    byte[] bytes = new byte[8];
    ThreadLocalRandom.current().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Stops expiry and delivers the events already queued (waiting up to 5 s). */
  @Override
  public void close() {
    expiry.shutdownNow();
    listeners.close();
  }
}
