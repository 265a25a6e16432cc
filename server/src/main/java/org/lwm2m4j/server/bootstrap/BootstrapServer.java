package org.lwm2m4j.server.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ConflictException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.RegistrationAuthorizer;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.ServerCredentials;
import org.lwm2m4j.server.security.ServerDtlsIdentity;
import org.lwm2m4j.server.security.UnsecuredPolicy;
import org.lwm2m4j.server.uplink.Route;
import org.lwm2m4j.server.uplink.UplinkGate;
import org.lwm2m4j.server.uplink.UplinkRouter;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A LwM2M Bootstrap-Server: answers Bootstrap-Request ({@code POST /bs?ep=&pct=}) with 2.04 and
 * then runs the session — Bootstrap-Discover, the plan's Bootstrap-Deletes and Bootstrap-Writes,
 * Bootstrap-Finish — each step with a timeout; answers Bootstrap-Pack-Request ({@code GET
 * /bspack?ep=}) with the plan's writes in one pack; and pushes a plan to a client that did not ask
 * (server-initiated bootstrap). Every session, whatever its {@link BootstrapMode}, is logged,
 * told to the listeners and remembers the client's address for a later push.
 * Bootstrap clients over DTLS are checked against its own {@link SecurityStore} like registrations.
 *
 * <p>Inbound requests go through one {@link UplinkRouter} ({@link BootstrapRequests}); sessions
 * are run by {@link BootstrapSessions}; timers and listeners run on the {@link Scheduler}.
 */
public final class BootstrapServer implements AutoCloseable {
  private final CoapEndpoint endpoint;
  private final Optional<CoapEndpoint> secureEndpoint;
  private final Function<String, Optional<BootstrapPlan>> plans;
  private final SecurityStore security;
  private final ServerCredentials serverCredentials;
  private final Listeners<BootstrapSessionListener> listeners;
  private final Map<String, BootstrapContact> contacts = new ConcurrentHashMap<>();
  private final BootstrapSessions sessions;
  private final BootstrapRequests requests;
  /** Where the session timers and background work run. */
  private final Scheduler scheduler;
  /** The scheduler this server made for itself, stopped at close (none when the caller gave one). */
  private final Optional<SystemScheduler> ownScheduler;

  private BootstrapServer(Builder b, CoapEndpoint endpoint, Optional<CoapEndpoint> secureEndpoint,
      Scheduler scheduler, Optional<SystemScheduler> ownScheduler) {
    this.scheduler = scheduler;
    this.ownScheduler = ownScheduler;
    this.endpoint = endpoint;
    this.secureEndpoint = secureEndpoint;
    this.plans = b.plans;
    this.security = b.security;
    this.serverCredentials = b.identity.credentials();
    this.listeners = new Listeners<>("bootstrap", scheduler);
    this.sessions = new BootstrapSessions(endpoint, secureEndpoint, b.models, b.stepTimeout, b.coapSettings, listeners);
    this.requests = new BootstrapRequests(plans, new RegistrationAuthorizer(security, b.unsecured), contacts,
        new BootstrapPacks(b.models, listeners), sessions, scheduler);
  }

  /** What the Bootstrap-Server presents in DTLS handshakes (public key, certificate chain). */
  public ServerCredentials serverCredentials() {
    return serverCredentials;
  }

  public static Builder builder(Function<String, Optional<BootstrapPlan>> plans) {
    return new Builder(plans);
  }

  public void addListener(BootstrapSessionListener listener) {
    listeners.add(listener);
  }

  public InetSocketAddress coapAddress() {
    return endpoint.address();
  }

  public Optional<InetSocketAddress> coapsAddress() {
    return secureEndpoint.map(CoapEndpoint::address);
  }

  /** The bootstrap clients' credentials. */
  public SecurityStore security() {
    return security;
  }

  /** The address a client last contacted us from, if any. */
  public Optional<InetSocketAddress> lastAddress(String endpointName) {
    return lastContact(endpointName).map(BootstrapContact::address);
  }

  /** Where, how and when a client last contacted us (since this server started), if it did. */
  public Optional<BootstrapContact> lastContact(String endpointName) {
    return Optional.ofNullable(contacts.get(endpointName));
  }

  /**
   * Server-initiated bootstrap: runs the plan of {@code endpointName} against {@code address} (or
   * the address it last contacted us from) without a Bootstrap-Request.
   *
   * @return completes when the session ends; exceptionally if it failed, with a message that
   *     says what happened in words (see {@link BootstrapSessionListener#failed})
   * @throws NotFoundException at once if {@code endpointName} has no plan
   * @throws ConflictException at once if no address is given and the client has not contacted
   *     this server since it started: the same request succeeds once it has
   */
  public CompletableFuture<Void> push(String endpointName, Optional<InetSocketAddress> address) {
    BootstrapPlan plan = plans.apply(endpointName)
        .orElseThrow(() -> new NotFoundException("no bootstrap configuration for '" + endpointName + "'"));
    BootstrapContact contact = address.map(a -> new BootstrapContact(a, false, scheduler.now()))
        .or(() -> lastContact(endpointName))
        .orElseThrow(() -> new ConflictException("no address known for " + endpointName + ": it has not contacted this "
            + "bootstrap server since it started; give \"address\" in the request or let the device request bootstrap first"));
    return CompletableFuture.supplyAsync(() -> sessions.run(endpointName, plan, plan.format().orElse(ContentFormat.SENML_CBOR),
        contact, true), scheduler).thenCompose(done -> done);
  }

  @Override
  public void close() {
    secureEndpoint.ifPresent(CoapEndpoint::close);
    endpoint.close();
    listeners.close();
    ownScheduler.ifPresent(SystemScheduler::close);
  }

  /** Settings of a Bootstrap-Server. */
  public static final class Builder {
    private final Function<String, Optional<BootstrapPlan>> plans;
    private InetSocketAddress coapAddress = new InetSocketAddress("0.0.0.0", 5783);
    private InetSocketAddress coapsAddress;
    private ObjectModelRegistry models = ObjectModelRegistry.bundled();
    private SecurityStore security = new InMemorySecurityStore();
    private UnsecuredPolicy unsecured = UnsecuredPolicy.ALLOW;
    private Duration stepTimeout = Duration.ofSeconds(30);
    private CoapSettings coapSettings = CoapSettings.DEFAULTS;
    private ServerDtlsIdentity identity = ServerDtlsIdentity.PSK_ONLY;
    private Scheduler scheduler;
    private CoapEndpointFactory transport;

    private Builder(Function<String, Optional<BootstrapPlan>> plans) {
      this.plans = Objects.requireNonNull(plans, "plans");
    }

    public Builder coapAddress(InetSocketAddress address) {
      this.coapAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    public Builder coapsAddress(InetSocketAddress address) {
      this.coapsAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    public Builder models(ObjectModelRegistry models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    public Builder securityStore(SecurityStore store) {
      this.security = Objects.requireNonNull(store, "store");
      return this;
    }

    public Builder unsecured(UnsecuredPolicy policy) {
      this.unsecured = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** What the Bootstrap-Server presents and trusts over DTLS besides PSK (raw key, certificate, trust anchors). */
    public Builder dtlsIdentity(ServerDtlsIdentity identity) {
      this.identity = Objects.requireNonNull(identity, "identity");
      return this;
    }

    /** How long each step of a session waits for the client (default 30 s). */
    public Builder stepTimeout(Duration timeout) {
      this.stepTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder coapSettings(CoapSettings settings) {
      this.coapSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Where every timer and background task of this Bootstrap-Server runs (default: a {@link
     * org.lwm2m4j.core.schedule.SystemScheduler} of its own, stopped at close). Tests give a {@link
     * org.lwm2m4j.core.schedule.VirtualScheduler}; a caller's scheduler is not stopped at close.
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Makes the plain CoAP endpoint with {@code transport} instead of a UDP socket with the CoAP
     * settings: the message-level twin ({@code TwinNetwork}) in unit tests. DTLS stays on a socket.
     */
    public Builder transport(CoapEndpointFactory transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** Binds and starts serving. */
    public BootstrapServer start() throws IOException {
      Optional<SystemScheduler> ownScheduler = this.scheduler != null ? Optional.empty()
          : Optional.of(SystemScheduler.create("lwm2m-bootstrap"));
      Scheduler scheduler = this.scheduler != null ? this.scheduler : ownScheduler.get();
      // the sessions send through the endpoints, so requests wait at the gate until the routes exist
      UplinkGate uplink = new UplinkGate();
      CoapEndpoint plain;
      Optional<CoapEndpoint> secure = Optional.empty();
      try {
        plain = (transport != null ? transport : CoapEndpointFactory.udp(coapSettings)).bind(coapAddress, uplink);
        if (coapsAddress != null) {
          try {
            secure = Optional.of(CoapEndpoint.start(coapsAddress, uplink, coapSettings, Optional.of(identity.settings(security))));
          } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
          }
        }
      } catch (IOException | RuntimeException e) {
        ownScheduler.ifPresent(SystemScheduler::close);
        throw e;
      }
      BootstrapServer server = new BootstrapServer(this, plain, secure, scheduler, ownScheduler);
      uplink.open(UplinkRouter.builder()
          .filter(BootstrapRequests::checkEndpointParameter)
          .route(Route.at("bs", server.requests::bootstrapRequest))
          .route(Route.at("bspack", server.requests::pack))
          .otherwise("on this Bootstrap-Server; ask with POST /bs?ep=NAME")
          .build());
      return server;
    }
  }
}
