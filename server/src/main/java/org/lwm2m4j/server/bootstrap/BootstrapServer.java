package org.lwm2m4j.server.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.event.Listeners;
import org.lwm2m4j.server.security.EndpointNames;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.ServerDtlsIdentity;
import org.lwm2m4j.server.security.RegistrationAuthorizer;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.UnsecuredPolicy;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.dtls.DtlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LwM2M Bootstrap-Server: answers Bootstrap-Request ({@code POST /bs?ep=&pct=}) with 2.04 and
 * then runs the session — Bootstrap-Discover, the plan's Bootstrap-Deletes and Bootstrap-Writes,
 * Bootstrap-Finish — each step with a timeout; answers Bootstrap-Pack-Request ({@code GET
 * /bspack?ep=}) with the plan's writes in one pack; and pushes a plan to a client that did not ask
 * (server-initiated bootstrap). Every session, whatever its {@link BootstrapMode}, is logged,
 * told to the listeners and remembers the client's address for a later push.
 * Bootstrap clients over DTLS are checked against its own {@link SecurityStore} like registrations.
 */
public final class BootstrapServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BootstrapServer.class);

  private final CoapEndpoint endpoint;
  private final Optional<CoapEndpoint> secureEndpoint;
  private final Function<String, Optional<BootstrapPlan>> plans;
  private final ObjectModelRegistry models;
  private final Duration stepTimeout;
  private final SecurityStore security;
  private final org.lwm2m4j.server.security.ServerCredentials serverCredentials;
  private final Listeners<BootstrapSessionListener> listeners = new Listeners<>("lwm2m-bootstrap-events");
  private final Map<String, Contact> contacts = new ConcurrentHashMap<>();
  private final NodeCodecs codecs = NodeCodecs.standard();
  private final BootstrapPacks packs;

  /** Where and how a client last reached us: where a push goes. */
  private record Contact(InetSocketAddress address, boolean secure) {}

  /** Where the session timers and background work run. */
  private final org.lwm2m4j.core.schedule.Scheduler scheduler;
  /** The scheduler this server made for itself, stopped at close (none when the caller gave one). */
  private final Optional<org.lwm2m4j.core.schedule.SystemScheduler> ownScheduler;

  private BootstrapServer(Builder b, CoapEndpoint endpoint, Optional<CoapEndpoint> secureEndpoint,
      org.lwm2m4j.core.schedule.Scheduler scheduler, Optional<org.lwm2m4j.core.schedule.SystemScheduler> ownScheduler) {
    this.scheduler = scheduler;
    this.ownScheduler = ownScheduler;
    this.endpoint = endpoint;
    this.secureEndpoint = secureEndpoint;
    this.plans = b.plans;
    this.models = b.models;
    this.stepTimeout = b.stepTimeout;
    this.security = b.security;
    this.serverCredentials = b.identity.credentials();
    this.packs = new BootstrapPacks(models, listeners);
  }

  /** What the Bootstrap-Server presents in DTLS handshakes (public key, certificate chain). */
  public org.lwm2m4j.server.security.ServerCredentials serverCredentials() {
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
    return Optional.ofNullable(contacts.get(endpointName)).map(Contact::address);
  }

  private CompletableFuture<CoapResponse> handle(CoapRequest request, RegistrationAuthorizer authorizer) {
    checkEndpointParameter(request);
    List<String> path = request.path();
    if (path.size() == 1 && path.get(0).equals("bs")) {
      if (request.method() != CoapMethod.POST) {
        throw new MethodNotAllowedException("Bootstrap-Request is POST /bs");
      }
      return bootstrapRequest(request, authorizer);
    }
    if (path.size() == 1 && path.get(0).equals("bspack")) {
      if (request.method() != CoapMethod.GET) {
        throw new MethodNotAllowedException("Bootstrap-Pack-Request is GET /bspack");
      }
      return CompletableFuture.completedFuture(pack(request, authorizer));
    }
    throw new NotFoundException("no resource " + request.pathText() + " on this Bootstrap-Server; ask with POST /bs?ep=NAME");
  }

  /** At most one {@code ep}, and a name {@link EndpointNames} accepts: it goes into log lines and keys the session. */
  private static void checkEndpointParameter(CoapRequest request) {
    int given = 0;
    for (String parameter : request.query()) {
      if (parameter.startsWith("ep=")) {
        EndpointNames.check(parameter.substring(3));
        given++;
      }
    }
    if (given > 1) {
      throw new InvalidRequestException("ep is given " + given + " times; name the endpoint once");
    }
  }

  private static Optional<String> query(CoapRequest request, String name) {
    for (String parameter : request.query()) {
      if (parameter.startsWith(name + "=")) {
        return Optional.of(parameter.substring(name.length() + 1));
      }
    }
    return Optional.empty();
  }

  private CompletableFuture<CoapResponse> bootstrapRequest(CoapRequest request, RegistrationAuthorizer authorizer) {
    String endpointName = authorizer.authorizeRegister(query(request, "ep"), request.identity());
    if (endpointName.isEmpty()) {
      throw new InvalidRequestException("Bootstrap-Request without ep: say who you are with ?ep=NAME");
    }
    BootstrapPlan plan = plans.apply(endpointName)
        .orElseThrow(() -> new InvalidRequestException("no bootstrap configuration for '" + endpointName + "'"));
    ContentFormat format = plan.format().orElse(preferred(query(request, "pct")));
    Contact contact = new Contact(request.peer(), request.identity().isPresent());
    contacts.put(endpointName, contact);
    LOG.info("Bootstrap-Request from {} ({}){}", endpointName, request.peer(), contact.secure() ? " over DTLS" : "");
    // answer 2.04 first; the session starts once the answer is on its way
    CompletableFuture.runAsync(() -> run(endpointName, plan, format, contact, false),
        CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS));
    return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
  }

  private static ContentFormat preferred(Optional<String> pct) {
    if (pct.isEmpty()) {
      return ContentFormat.TLV;
    }
    if (!pct.get().matches("[0-9]{1,5}")) {
      throw new InvalidRequestException("pct=" + CodecException.excerpt(pct.get()) + " is not a content format number");
    }
    int code = Integer.parseInt(pct.get());
    ContentFormat format = ContentFormat.fromCode(code).map(ContentFormat::canonical).orElse(null);
    if (format != ContentFormat.TLV && format != ContentFormat.SENML_JSON && format != ContentFormat.SENML_CBOR
        && format != ContentFormat.LWM2M_CBOR) {
      throw new UnsupportedContentFormatException("pct=" + code + " is not a bootstrap format (11542, 110, 112, 11544)");
    }
    return format;
  }

  /** Bootstrap-Pack-Request: a session like one begun by Bootstrap-Request, answered with one pack. */
  private CoapResponse pack(CoapRequest request, RegistrationAuthorizer authorizer) {
    String endpointName = authorizer.authorizeRegister(query(request, "ep"), request.identity());
    BootstrapPlan plan = plans.apply(endpointName)
        .orElseThrow(() -> new NotFoundException("no bootstrap configuration for '" + endpointName + "'"));
    ContentFormat format = packs.format(request);
    Contact contact = new Contact(request.peer(), request.identity().isPresent());
    contacts.put(endpointName, contact);
    LOG.info("Bootstrap-Pack-Request from {} ({}){}", endpointName, request.peer(), contact.secure() ? " over DTLS" : "");
    return packs.answer(endpointName, contact.address(), plan, format);
  }

  /**
   * Server-initiated bootstrap: runs the plan of {@code endpointName} against {@code address} (or
   * the address it last contacted us from) without a Bootstrap-Request.
   *
   * @return completes when the session ends; exceptionally if it failed
   */
  public CompletableFuture<Void> push(String endpointName, Optional<InetSocketAddress> address) {
    BootstrapPlan plan = plans.apply(endpointName)
        .orElseThrow(() -> new NotFoundException("no bootstrap configuration for '" + endpointName + "'"));
    Contact contact = address.map(a -> new Contact(a, false)).or(() -> Optional.ofNullable(contacts.get(endpointName)))
        .orElseThrow(() -> new InvalidRequestException("the address of '" + endpointName + "' is unknown: give one"));
    return CompletableFuture.supplyAsync(() -> run(endpointName, plan, plan.format().orElse(ContentFormat.SENML_CBOR), contact, true))
        .thenCompose(done -> done);
  }

  private CompletableFuture<Void> run(String endpointName, BootstrapPlan plan, ContentFormat format, Contact contact, boolean pushed) {
    CoapEndpoint channel = contact.secure() && secureEndpoint.isPresent() ? secureEndpoint.get() : endpoint;
    BootstrapMode mode = pushed ? BootstrapMode.PUSH : BootstrapMode.REQUEST;
    listeners.publish(l -> l.started(endpointName, contact.address(), mode));
    CompletableFuture<Map<LwM2mPath, LwM2mObjectInstance>> discovered = exchange(endpointName, channel, "Bootstrap-Discover /",
        CoapRequest.to(contact.address(), CoapMethod.GET, List.of()).withAccept(ContentFormat.LINK.code()))
        .thenApply(response -> avoidBootstrapAccount(plan.writes(), response));
    CompletableFuture<Void> chain = discovered.thenApply(writes -> null);
    for (LwM2mPath path : plan.deletes()) {
      chain = chain.thenCompose(ok -> step(endpointName, channel, "Bootstrap-Delete " + path,
          CoapRequest.to(contact.address(), CoapMethod.DELETE, segments(path))));
    }
    chain = chain.thenCompose(ok -> discovered).thenCompose(writes -> {
      CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
      for (Map.Entry<LwM2mPath, LwM2mObjectInstance> write : writes.entrySet()) {
        LwM2mPath path = write.getKey();
        byte[] payload = codecs.encode(format, write.getValue(), path, models);
        all = all.thenCompose(done -> step(endpointName, channel, "Bootstrap-Write " + path,
            CoapRequest.to(contact.address(), CoapMethod.PUT, segments(path)).withPayload(format.code(), payload)));
      }
      return all;
    });
    chain = chain.thenCompose(ok -> step(endpointName, channel, "Bootstrap-Finish",
        CoapRequest.to(contact.address(), CoapMethod.POST, List.of("bs"))));
    return chain.whenComplete((ok, failure) -> {
      if (failure == null) {
        LOG.info("bootstrap of {} finished", endpointName);
        listeners.publish(l -> l.finished(endpointName));
      } else {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        LOG.warn("bootstrap of {} failed: {}", endpointName, reason);
        listeners.publish(l -> l.failed(endpointName, reason));
      }
    });
  }

  /**
   * The writes with any Security instance that would land on the client's Bootstrap-Server account
   * (the /0 instance Bootstrap-Discover shows without {@code ssid}) moved to a free instance id, so
   * the client keeps its account as the spec requires — unless it is a new Bootstrap-Server account,
   * which replaces the current one in place (the client may have only one).
   */
  private static Map<LwM2mPath, LwM2mObjectInstance> avoidBootstrapAccount(Map<LwM2mPath, LwM2mObjectInstance> writes,
      CoapResponse discover) {
    java.util.Set<Integer> taken = new java.util.HashSet<>();
    java.util.Set<Integer> bootstrapAccounts = new java.util.HashSet<>();
    try {
      for (org.lwm2m4j.core.link.Link link : org.lwm2m4j.core.link.LinkFormatParser.parse(discover.payload())) {
        Optional<LwM2mPath> path = link.path();
        if (path.isPresent() && path.get().isObjectInstance() && path.get().objectId() == 0) {
          if (link.value("ssid").isEmpty()) {
            bootstrapAccounts.add(path.get().instanceId());
          }
        }
      }
    } catch (RuntimeException e) {
      return writes;
    }
    writes.keySet().stream().filter(p -> p.objectId() == 0).forEach(p -> taken.add(p.instanceId()));
    taken.addAll(bootstrapAccounts);
    Map<LwM2mPath, LwM2mObjectInstance> moved = new java.util.LinkedHashMap<>();
    int next = 0;
    for (Map.Entry<LwM2mPath, LwM2mObjectInstance> write : writes.entrySet()) {
      LwM2mPath path = write.getKey();
      boolean isAccount = write.getValue().resource(1).map(r -> r instanceof org.lwm2m4j.core.node.SingleResource single
          && single.value().equals(org.lwm2m4j.core.value.Value.of(true))).orElse(false);
      if (path.objectId() == 0 && isAccount && !bootstrapAccounts.isEmpty() && !bootstrapAccounts.contains(path.instanceId())) {
        // a configured Bootstrap-Server account replaces the client's current one, in place
        int current = bootstrapAccounts.iterator().next();
        moved.put(LwM2mPath.of(0, current), new LwM2mObjectInstance(current, write.getValue().resources()));
      } else if (path.objectId() == 0 && bootstrapAccounts.contains(path.instanceId()) && !isAccount) {
        while (taken.contains(next)) {
          next++;
        }
        taken.add(next);
        moved.put(LwM2mPath.of(0, next), new LwM2mObjectInstance(next, write.getValue().resources()));
      } else {
        moved.put(path, write.getValue());
      }
    }
    return moved;
  }

  private CompletableFuture<Void> step(String endpointName, CoapEndpoint channel, String operation, CoapRequest request) {
    return exchange(endpointName, channel, operation, request).thenApply(response -> null);
  }

  private CompletableFuture<CoapResponse> exchange(String endpointName, CoapEndpoint channel, String operation,
      CoapRequest request) {
    return channel.send(request, stepTimeout).handle((response, failure) -> {
      if (failure != null) {
        throw new java.util.concurrent.CompletionException(new IOException(operation + ": " + (failure instanceof java.util.concurrent.TimeoutException
            ? "no answer within " + stepTimeout.toSeconds() + " s" : failure.getMessage()), failure));
      }
      if (!response.code().isSuccess()) {
        String diagnostic = new String(response.payload(), StandardCharsets.UTF_8);
        throw LwM2mException.forCode(response.code(), operation + " answered " + response.code()
            + (diagnostic.isEmpty() ? "" : ": " + diagnostic));
      }
      listeners.publish(l -> l.step(endpointName, operation));
      return response;
    });
  }

  private static List<String> segments(LwM2mPath path) {
    List<String> segments = new ArrayList<>();
    for (int id : path.ids()) {
      segments.add(Integer.toString(id));
    }
    return segments;
  }

  @Override
  public void close() {
    secureEndpoint.ifPresent(CoapEndpoint::close);
    endpoint.close();
    listeners.close();
    ownScheduler.ifPresent(org.lwm2m4j.core.schedule.SystemScheduler::close);
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
    private org.lwm2m4j.core.schedule.Scheduler scheduler;

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
    public Builder scheduler(org.lwm2m4j.core.schedule.Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Binds and starts serving. */
    public BootstrapServer start() throws IOException {
      RegistrationAuthorizer authorizer = new RegistrationAuthorizer(security, unsecured);
      BootstrapServer[] server = new BootstrapServer[1];
      CoapHandler handler = request -> server[0].handle(request, authorizer);
      CoapEndpoint plain = CoapEndpoint.start(coapAddress, handler, coapSettings);
      Optional<org.lwm2m4j.core.schedule.SystemScheduler> ownScheduler = this.scheduler != null ? Optional.empty()
          : Optional.of(org.lwm2m4j.core.schedule.SystemScheduler.create("lwm2m-bootstrap"));
      Optional<CoapEndpoint> secure = Optional.empty();
      if (coapsAddress != null) {
        try {
          DtlsSettings dtls = identity.settings(security);
          secure = Optional.of(CoapEndpoint.start(coapsAddress, handler, coapSettings, Optional.of(dtls)));
        } catch (IOException e) {
          plain.close();
          ownScheduler.ifPresent(org.lwm2m4j.core.schedule.SystemScheduler::close);
          throw e;
        }
      }
      server[0] = new BootstrapServer(this, plain, secure, this.scheduler != null ? this.scheduler : ownScheduler.get(), ownScheduler);
      return server[0];
    }
  }
}
