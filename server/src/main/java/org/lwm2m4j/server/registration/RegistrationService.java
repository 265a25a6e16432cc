package org.lwm2m4j.server.registration;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.transport.dtls.PeerIdentity;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Client Registration interface of the server, independent of the transport: Register,
 * Update, De-register and lifetime expiry over a {@link RegistrationStore}, with events for
 * {@link RegistrationListener}s.
 *
 * <p>Events go through a bounded queue, delivered in order on the {@link Scheduler}, so listeners
 * never run on the caller's (network) thread. If listeners fall so far behind that the queue is
 * full, further events are dropped and counted ({@link #droppedEvents()}) rather than stalling
 * registrations. Expiry is looked for every {@code expiryCheckInterval} on the scheduler, by the
 * service's clock (the scheduler's unless another is given), so lifetimes run on virtual time in
 * tests. Thread-safe; {@link #close()} stops the expiry timer and the events.
 */
public final class RegistrationService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationService.class);
  /** RFC 7252 §4.8.2 EXCHANGE_LIFETIME with the default parameters: how long a CON can be retransmitted and still arrive. */
  static final Duration EXCHANGE_LIFETIME = Duration.ofSeconds(247);
  /** De-registered ids remembered at most, so a whole fleet leaving at once is covered, in a few MB. */
  private static final int RECENT_DEREGISTRATIONS = 100_000;

  private final RegistrationStore store;
  private final Clock clock;
  private final Listeners<RegistrationListener> listeners;
  private final Scheduler.Task expiry;
  private final RecentDeregistrations recentDeregistrations = new RecentDeregistrations(EXCHANGE_LIFETIME, RECENT_DEREGISTRATIONS);

  /**
   * A service on {@code scheduler}'s time.
   *
   * @param expiryCheckInterval how often due registrations are looked for
   */
  public RegistrationService(RegistrationStore store, Scheduler scheduler, Duration expiryCheckInterval) {
    this(store, scheduler.clock(), scheduler, expiryCheckInterval);
  }

  /**
   * A service whose registrations age by {@code clock}, with its timer and events on {@code scheduler}.
   *
   * @param expiryCheckInterval how often due registrations are looked for
   */
  public RegistrationService(RegistrationStore store, Clock clock, Scheduler scheduler, Duration expiryCheckInterval) {
    this.store = store;
    this.clock = clock;
    this.listeners = new Listeners<>("registration", scheduler);
    Duration period = expiryCheckInterval.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : expiryCheckInterval;
    this.expiry = scheduler.repeat(period, period, this::expireDue);
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
    return register(request, endpoint, from, secure ? SecurityMode.DTLS : SecurityMode.NONE, Optional.empty());
  }

  /**
   * Registers a client as {@link #register(RegisterRequest, String, InetSocketAddress)} does,
   * recording the DTLS identity its handshake proved (empty over plain CoAP): downlink requests
   * then take the same way, and the mode and identity are shown to operators.
   */
  public Registration register(RegisterRequest request, String endpoint, InetSocketAddress from, Optional<PeerIdentity> identity) {
    return register(request, endpoint, from, SecurityMode.of(identity), SecurityMode.identityText(identity));
  }

  private Registration register(RegisterRequest request, String endpoint, InetSocketAddress from, SecurityMode security,
      Optional<String> identity) {
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
        .security(security, identity)
        .build();
    Optional<Registration> replaced = store.add(registration);
    LOG.info("registered endpoint={} registration={} address={} security={} lifetime={} lwm2m={} binding={} queue={} replaced={}",
        endpoint, registration.id(), SmsAddress.describe(from), security.label(), registration.lifetimeSeconds(), registration.lwm2mVersion(),
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
        SmsAddress.describe(updated.current().address()), updated.current().lifetimeSeconds());
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
    deregistered(removed);
    return removed;
  }

  /**
   * De-registers as {@link #deregister} does, and answers a De-register of a registration that a
   * De-register removed within the last EXCHANGE_LIFETIME (247 s) as the first was answered,
   * without a second event: that is a CoAP retransmission whose duplicate the transport no
   * longer recognised, since its deduplication state is capped.
   *
   * @return the removed registration; empty for such a repeat
   * @throws NotFoundException (4.04) when the registration is unknown and was not recently de-registered
   */
  public Optional<Registration> deregisterOrRepeat(String registrationId) {
    Optional<Registration> removed = store.remove(registrationId);
    if (removed.isEmpty()) {
      if (recentDeregistrations.contains(registrationId, clock.millis())) {
        LOG.debug("repeated De-register of registration={} answered as the first", registrationId);
        return Optional.empty();
      }
      throw new NotFoundException("no registration " + registrationId);
    }
    deregistered(removed.get());
    return removed;
  }

  private void deregistered(Registration removed) {
    recentDeregistrations.add(removed.id(), clock.millis());
    LOG.info("deregistered endpoint={} registration={}", removed.endpoint(), removed.id());
    publish(listener -> listener.deregistered(removed));
  }

  /** The clock registrations age by: the time of a Register or Update. */
  public Clock clock() {
    return clock;
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

  /** Stops expiry and further events; events already queued are still delivered while the scheduler runs. */
  @Override
  public void close() {
    expiry.cancel();
    listeners.close();
  }
}
