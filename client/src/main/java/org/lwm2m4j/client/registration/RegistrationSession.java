package org.lwm2m4j.client.registration;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.UdpProbe;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.lwm2m4j.transport.sms.SmsNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One server's registration state machine: Register, Update at a fraction of the lifetime or when
 * something announced changed, Register again after a 4.04 to an Update or in a new DTLS security
 * context, retry with doubling back-off, Disable, De-register.
 *
 * <p>Not thread-safe on purpose: every method runs on the engine's serial executor ({@link
 * SessionContext#serial}), and so do the completions of its exchanges and its timers.
 */
final class RegistrationSession {
  // logs under the engine's name, as before sessions had a class of their own: one logger to follow registration
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationEngine.class);
  private static final Logger ATTEMPTS = LoggerFactory.getLogger(RegistrationListener.ATTEMPTS_LOGGER);
  /** How long a Register goes unanswered before the user hears about it: CoAP's first retransmission. */
  static final Duration FIRST_NOTICE = Duration.ofSeconds(2);
  /** The same over SMS, whose CoAP ACK timeout is 30 s: an SMS takes seconds, which is no silence. */
  static final Duration SMS_FIRST_NOTICE = Duration.ofSeconds(30);
  /** MAX_TRANSMIT_WAIT of CoAP over SMS (ACK timeout 30 s, 2 retransmissions, random factor 1.5): 315 s. */
  static final Duration SMS_EXCHANGE = SmsNetwork.COAP_SETTINGS.maxTransmitWait();
  /** How long the probe of a silent server waits for the network's answer (ICMP comes in milliseconds). */
  private static final Duration PROBE_WAIT = Duration.ofMillis(300);

  private final SessionContext context;
  // read by the engine's queries from any thread, hence volatile
  private volatile ServerAccount account;
  private volatile CoapEndpoint endpoint;
  private volatile Optional<List<String>> location = Optional.empty();
  private RegistrationRequests.Sent sent = RegistrationRequests.Sent.NOTHING;
  private Optional<Scheduler.Task> next = Optional.empty();
  private volatile int failures;
  private boolean disabled;
  private boolean inFlight;
  /** An Update was asked for while another exchange was on the wire: send it when that one ends. */
  private boolean updateWanted;
  /** A Register again was asked for while an Update was on the wire: send it when that one succeeds. */
  private boolean registerWanted;
  /** The last Update timed out over DTLS and a handshake was made at once, behind a ping. */
  private boolean resentAfterHandshake;
  /** The channel's security context when the last Register succeeded ({@link AccountEndpoints#securityContext}). */
  private long securityContext;
  private CompletableFuture<?> exchange = CompletableFuture.completedFuture(null);

  RegistrationSession(SessionContext context, ServerAccount account, CoapEndpoint endpoint) {
    this.context = context;
    this.account = account;
    this.endpoint = endpoint;
  }

  ServerAccount account() {
    return account;
  }

  CoapEndpoint endpoint() {
    return endpoint;
  }

  /** The registration's location on the server ({@code /rd/...}), while registered. */
  Optional<String> location() {
    return location.map(segments -> "/" + String.join("/", segments));
  }

  /** Failed attempts in a row while not registered. */
  boolean failingFor(int attempts) {
    return location.isEmpty() && failures >= attempts;
  }

  /** The account's settings changed but not its address or credentials: Update if anything announced changed. */
  void refresh(ServerAccount changed) {
    account = changed;
    updateIfChanged();
  }

  /** The account has a new address or credentials: a new channel and a new Register (security.md §5). */
  void moveTo(ServerAccount moved, CoapEndpoint channel) {
    deregisterIfRegistered();
    context.endpoints().release(account);
    account = moved;
    endpoint = channel;
    location = Optional.empty();
    register();
  }

  void register() {
    if (context.stopped().getAsBoolean() || disabled || inFlight) {
      return;
    }
    cancelTimer();
    resentAfterHandshake = false;
    registerWanted = false;
    ServerAccount registering = account;
    String links = context.requests().links();
    CoapRequest request = context.requests().register(registering, links);
    inFlight = true;
    context.listeners().forEach(l -> l.registering(registering.shortServerId()));
    // over DTLS a refused key fails the handshake at about FIRST_NOTICE (the transport fails it when the server leaves our Finished unanswered): that says more, so it goes first
    Duration silence = registering.overSms() ? SMS_FIRST_NOTICE : registering.secure() ? FIRST_NOTICE.plusSeconds(1) : FIRST_NOTICE;
    Scheduler.Task notice = context.later(silence, () -> explainSilence(registering, silence));
    exchange = send(request).whenCompleteAsync((response, failure) -> {
      inFlight = false;
      notice.cancel();
      if (failure == null && response.code() == ResponseCode.CREATED && !response.locationPath().isEmpty()) {
        location = Optional.of(response.locationPath());
        securityContext = context.endpoints().securityContext(registering);
        sent = RegistrationRequests.Sent.of(context.requests(), registering, links);
        failures = 0;
        String where = location().orElseThrow();
        LOG.info("registered with server {} at {} as {}", registering.shortServerId(), registering.uri(), where);
        context.listeners().forEach(l -> l.registered(registering.shortServerId(), where));
        scheduleUpdate();
      } else {
        retry("Register", failure, response, this::register);
      }
    }, context.serial());
  }

  void updateIfChanged() {
    if (location.isPresent() && !inFlight && sent.differsFrom(context.requests(), account, context.requests().links())) {
      update();
    }
  }

  void update() {
    if (context.stopped().getAsBoolean() || disabled) {
      return;
    }
    if (inFlight) {
      updateWanted = true;
      return;
    }
    if (location.isEmpty()) {
      register();
      return;
    }
    if (inNewSecurityContext()) {
      registerAgain();
      return;
    }
    updateWanted = false;
    cancelTimer();
    ServerAccount updating = account;
    String links = context.requests().links();
    CoapRequest request = context.requests().update(updating, location.get(), sent, links);
    inFlight = true;
    context.listeners().forEach(l -> l.updating(updating.shortServerId()));
    exchange = send(request).whenCompleteAsync((response, failure) -> {
      inFlight = false;
      boolean resent = resentAfterHandshake;
      resentAfterHandshake = false;
      if (inNewSecurityContext()) {
        registerAgain(); // whatever the Update's fate: it may have made the new context itself
      } else if (failure == null && response.code() == ResponseCode.CHANGED) {
        sent = RegistrationRequests.Sent.of(context.requests(), updating, links);
        failures = 0;
        LOG.debug("updated registration with server {}", updating.shortServerId());
        context.listeners().forEach(l -> l.updated(updating.shortServerId()));
        scheduleUpdate();
      } else if (failure == null && response.code() == ResponseCode.NOT_FOUND) {
        LOG.info("server {} no longer knows our registration (4.04): registering again", updating.shortServerId());
        location = Optional.empty();
        register();
      } else if (!resent && updating.secure() && timedOut(failure)) {
        // The server may have restarted and lost our DTLS session: it drops our records without a
        // word. The channel now starts the next message with a handshake (SecureChannels). A ping
        // goes first, so that the handshake is over before anything that matters is sent: a full
        // one (the server lost the session) is a new security context and a Register follows; a
        // resumed one (the Update was merely lost) and the Update goes again, without back-off.
        LOG.info("server {} did not answer the Update over DTLS: handshaking again behind a ping", updating.shortServerId());
        resentAfterHandshake = true;
        handshakeAgain();
      } else {
        retry("Update", failure, response, this::update);
      }
    }, context.serial());
  }

  /** A full handshake completed with the server: an idle registration is made again at once, a busy one when its exchange ends. */
  void newSecurityContext() {
    if (!inFlight && !disabled && inNewSecurityContext()) {
      cancelTimer();
      registerAgain();
    }
  }

  /**
   * Registers again now, as a device does after a reboot: a new Register in place of the current
   * registration (the server replaces it). A Register on the wire is left to finish; an Update on the
   * wire is let finish first.
   */
  void registerAgainNow() {
    if (context.stopped().getAsBoolean() || disabled) {
      return;
    }
    if (inFlight) {
      registerWanted = location.isPresent();
      return;
    }
    cancelTimer();
    location = Optional.empty();
    register();
  }

  /** Disable ({@code /1/x/4}): De-register, stay silent for the Disable Timeout, then Register again. */
  void disable() {
    long seconds = account.disableTimeoutSeconds();
    cancelTimer();
    deregisterIfRegistered();
    disabled = true;
    LOG.info("server {} disabled this client for {} s", account.shortServerId(), seconds);
    context.listeners().forEach(l -> l.disabled(account.shortServerId(), seconds));
    next = Optional.of(context.later(Duration.ofSeconds(seconds), () -> {
      disabled = false;
      register();
    }));
  }

  /** De-registers if registered; completes when the server answered (or the exchange failed). */
  CompletableFuture<Void> deregisterIfRegistered() {
    if (location.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    ServerAccount leaving = account;
    CoapRequest request = context.requests().deregister(leaving, location.get());
    location = Optional.empty();
    return send(request).handle((response, failure) -> {
      if (failure == null && response.code().isSuccess()) {
        LOG.info("de-registered from server {}", leaving.shortServerId());
      } else {
        LOG.warn("De-register from server {} failed: {}", leaving.shortServerId(), failure != null ? failure.getMessage() : response.code());
      }
      context.listeners().forEach(l -> l.deregistered(leaving.shortServerId()));
      return null;
    });
  }

  /** Ends the session: once the exchange on the wire has ended, De-registers if that left it registered. */
  CompletableFuture<Void> end() {
    cancelTimer();
    return exchange.handle((result, failure) -> null).thenComposeAsync(ignored -> {
      cancelTimer();
      return deregisterIfRegistered();
    }, context.serial());
  }

  void cancelTimer() {
    next.ifPresent(Scheduler.Task::cancel);
    next = Optional.empty();
  }

  /** Whether a full handshake made a new security context with the server since it last registered. */
  private boolean inNewSecurityContext() {
    return location.isPresent() && context.endpoints().securityContext(account) != securityContext;
  }

  private void registerAgain() {
    LOG.info("server {}: a new DTLS security context since the last Register: registering again", account.shortServerId());
    location = Optional.empty();
    register();
  }

  /** Pings the server (the channel handshakes first), then updates — or registers, if the handshake made a new context. */
  private void handshakeAgain() {
    inFlight = true;
    CompletableFuture<Void> ping;
    try {
      ping = endpoint.ping(account.address(), context.settings().requestTimeout());
    } catch (RuntimeException e) {
      ping = CompletableFuture.failedFuture(e);
    }
    exchange = ping.whenCompleteAsync((ok, failure) -> {
      inFlight = false;
      if (failure == null) {
        update();
      } else {
        resentAfterHandshake = false;
        retry("Update", failure, null, this::update);
      }
    }, context.serial());
  }

  /**
   * The Register has had no answer for {@link #FIRST_NOTICE}: say so now rather than when it times
   * out, with what the network says about the server's address when it says anything.
   */
  private void explainSilence(ServerAccount registering, Duration after) {
    if (!inFlight || account != registering || context.stopped().getAsBoolean()) {
      return;
    }
    InetSocketAddress address = registering.address();
    boolean sms = SmsAddress.isSms(address);
    String where = sms ? SmsAddress.describe(address) : address.getHostString() + ":" + address.getPort();
    String silence = "no answer from " + where + " after " + after.toSeconds() + " s";
    // an SMS number has no port to probe
    CompletableFuture<Optional<String>> probe = endpoint.isInMemory() || sms ? CompletableFuture.completedFuture(Optional.empty())
        : UdpProbe.probe(address, context.scheduler(), PROBE_WAIT);
    probe.whenCompleteAsync((found, failure) -> {
      if (!inFlight || account != registering) {
        return; // answered (or failed) meanwhile: that outcome is reported instead
      }
      String reason = failure == null && found.isPresent() ? found.get() : silence;
      ATTEMPTS.warn("Register with server {} ({}): {}; still trying", registering.shortServerId(), registering.uri(), reason);
      context.listeners().forEach(l -> l.waiting(registering.shortServerId(), reason));
    }, context.serial());
  }

  private void scheduleUpdate() {
    if (registerWanted) {
      registerWanted = false;
      next = Optional.of(context.later(Duration.ZERO, this::registerAgainNow));
      return;
    }
    if (updateWanted) {
      next = Optional.of(context.later(Duration.ZERO, this::update));
      return;
    }
    long lifetimeMillis = account.lifetimeSeconds() * 1000;
    if (lifetimeMillis <= 0) {
      return;
    }
    long delay = Math.max(500, (long) (lifetimeMillis * context.settings().updateAtLifetimeFraction()));
    next = Optional.of(context.later(Duration.ofMillis(delay), this::update));
  }

  private void retry(String what, Throwable failure, CoapResponse response, Runnable again) {
    failures++;
    RegistrationSettings settings = context.settings();
    long delay = Math.min(settings.maxRetry().toMillis(), settings.firstRetry().toMillis() << Math.min(20, failures - 1));
    String reason = failure != null ? reasonOf(failure)
        : "answered " + response.code() + (response.payload().length > 0 ? " " + new String(response.payload(), StandardCharsets.UTF_8) : "");
    ATTEMPTS.warn("{} with server {} ({}) failed: {}; retrying in {} ms", what, account.shortServerId(), account.uri(), reason, delay);
    int ssid = account.shortServerId();
    context.listeners().forEach(l -> l.failed(ssid, reason, delay));
    if (!context.stopped().getAsBoolean()) {
      cancelTimer();
      next = Optional.of(context.later(Duration.ofMillis(delay), again));
    }
  }

  private CompletableFuture<CoapResponse> send(CoapRequest request) {
    try {
      return endpoint.send(request, timeout());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Why an exchange failed, in words: never "null", whatever the exception carried. */
  private String reasonOf(Throwable failure) {
    return ExchangeFailure.reason(failure, account.address(), timeout());
  }

  /**
   * How long an exchange with the server may take: the settings' request timeout, but over SMS at
   * least {@link #SMS_EXCHANGE}, so that CoAP's retransmissions get their chance before the engine
   * gives up and starts a new exchange.
   */
  private Duration timeout() {
    Duration configured = context.settings().requestTimeout();
    return account.overSms() && configured.compareTo(SMS_EXCHANGE) < 0 ? SMS_EXCHANGE : configured;
  }

  private static boolean timedOut(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return cause instanceof TimeoutException;
  }
}
