package org.lwm2m4j.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.lwm2m4j.client.acl.AccessControl;
import java.nio.file.Path;
import org.lwm2m4j.client.bootstrap.BootstrapClient;
import org.lwm2m4j.client.bootstrap.BootstrapListener;
import org.lwm2m4j.client.bootstrap.BootstrapRequestHandler;
import org.lwm2m4j.client.bootstrap.ProvisionedState;
import org.lwm2m4j.client.bootstrap.SmartcardProvisioning;
import org.lwm2m4j.client.dm.ClientInbound;
import org.lwm2m4j.client.dm.DeviceManagementHandler;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.client.object.InstanceEnabler;
import org.lwm2m4j.client.object.InstanceFactory;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.standard.DeviceInfo;
import org.lwm2m4j.client.object.standard.DeviceInstance;
import org.lwm2m4j.client.observe.AttributeStore;
import org.lwm2m4j.client.observe.ObservationTracker;
import org.lwm2m4j.client.registration.RegistrationEngine;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.registration.ServerAccount;
import org.lwm2m4j.client.registration.ServerInstance;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.client.security.SecureChannels;
import org.lwm2m4j.client.security.SecurityObjectCodec;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodecs;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.model.CoreObjectVersions;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A running LwM2M client: its object tree, one CoAP endpoint, the registration engine for every
 * configured server, the Device Management interface and observations. Build it with {@link
 * #builder(String)}; closing it de-registers.
 *
 * <pre>{@code
 * try (LwM2mClient client = LwM2mClient.builder("dev1")
 *     .server(URI.create("coap://127.0.0.1:5683"), 1, 300)
 *     .start()) {
 *   client.tree()...;
 * }
 * }</pre>
 */
public final class LwM2mClient implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LwM2mClient.class);
  /** The formats this client reads and writes, announced in its registration. */
  public static final List<ContentFormat> FORMATS = List.of(ContentFormat.TEXT, ContentFormat.OPAQUE, ContentFormat.CBOR,
      ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR, ContentFormat.TLV, ContentFormat.JSON, ContentFormat.LWM2M_CBOR);

  private final String endpointName;
  private final ObjectTree tree;
  private final CoapEndpoint endpoint;
  private final SecureChannels channels;
  private final RegistrationEngine registrations;
  private final ObservationTracker observations;
  private final Clock clock;
  private final Duration requestTimeout;
  private final AccessControl access;
  private final BootstrapClient bootstrap;
  /** Where the client's timers and background work run. */
  private org.lwm2m4j.core.schedule.Scheduler scheduler;
  /** The scheduler the client made for itself, stopped at close (none when the caller gave one). */
  private Optional<org.lwm2m4j.core.schedule.SystemScheduler> ownScheduler = Optional.empty();

  private LwM2mClient(String endpointName, ObjectTree tree, CoapEndpoint endpoint, SecureChannels channels,
      RegistrationEngine registrations, ObservationTracker observations, Clock clock, Duration requestTimeout, AccessControl access,
      BootstrapClient bootstrap) {
    this.access = access;
    this.bootstrap = bootstrap;
    this.endpointName = endpointName;
    this.tree = tree;
    this.endpoint = endpoint;
    this.channels = channels;
    this.registrations = registrations;
    this.observations = observations;
    this.clock = clock;
    this.requestTimeout = requestTimeout;
  }

  public static Builder builder(String endpointName) {
    return new Builder(endpointName);
  }

  public String endpointName() {
    return endpointName;
  }

  /** The client's data; change values through its enablers and observers are notified. */
  public ObjectTree tree() {
    return tree;
  }

  /** The registrations, per server. */
  public RegistrationEngine registrations() {
    return registrations;
  }

  /** Bootstrap sessions with the Bootstrap-Server account, if the client has one. */
  public BootstrapClient bootstrap() {
    return bootstrap;
  }

  /** The running observations. */
  public ObservationTracker observations() {
    return observations;
  }

  /** The local CoAP address. */
  public InetSocketAddress address() {
    return endpoint.address();
  }

  /**
   * Send (1.1): reports the current values at {@code paths} to every registered server that has
   * not muted Send ({@code /1/x/23}), in SenML CBOR, timestamped now. Completes when every server
   * answered; exceptionally with the first failure.
   */
  public CompletableFuture<Void> send(List<LwM2mPath> paths) {
    if (paths.isEmpty()) {
      throw new InvalidRequestException("Send needs at least one path");
    }
    Instant now = clock.instant();
    List<TimestampedNode> values = new ArrayList<>();
    for (LwM2mPath path : paths) {
      values.add(TimestampedNode.at(now, path, tree.dmView().read(path)));
    }
    Map<Integer, String> registered = registrations.registrations();
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (ServerAccount account : registrations.accounts()) {
      if (!registered.containsKey(account.shortServerId()) || account.muteSend()) {
        continue;
      }
      // a server only receives what it may read (security.md §7.4)
      List<TimestampedNode> readable = new ArrayList<>();
      for (TimestampedNode value : values) {
        if (!access.enabled() || access.canRead(account.shortServerId(), value.path())) {
          readable.add(value);
        }
      }
      if (readable.isEmpty()) {
        continue;
      }
      byte[] payload = NodeCodecs.standard().composite(ContentFormat.SENML_CBOR).orElseThrow().encodeTimestamped(readable, tree);
      CoapRequest request = CoapRequest.to(account.address(), CoapMethod.POST, List.of("dp"))
          .withPayload(ContentFormat.SENML_CBOR.code(), payload);
      CoapEndpoint channel = registrations.endpointOf(account.shortServerId()).orElse(endpoint);
      sends.add(channel.send(request, requestTimeout).thenAccept(response -> {
        if (!response.code().isSuccess()) {
          throw LwM2mException.forCode(response.code(), "server " + account.shortServerId() + " refused Send: "
              + new String(response.payload(), StandardCharsets.UTF_8));
        }
      }));
    }
    if (sends.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("no registered server accepts Send (muted or not registered)"));
    }
    return CompletableFuture.allOf(sends.toArray(new CompletableFuture[0]));
  }

  /**
   * Stops at once without de-registering — a device losing power or its network; the servers
   * expire its registrations when their lifetime runs out.
   */
  public void halt() {
    bootstrap.close();
    registrations.abandon();
    observations.close();
    channels.close();
    endpoint.close();
    ownScheduler.ifPresent(org.lwm2m4j.core.schedule.SystemScheduler::close);
  }

  /**
   * Downloads {@code uri} with a GET, block-wise for large content — how the Firmware Update
   * object pulls a package. {@code coap://HOST:PORT/PATH} goes from the client's endpoint; {@code
   * coaps://HOST:PORT/PATH} goes through the DTLS channel of the configured server at that address,
   * with that server's credentials (the channel is set up if it has none yet), since those are the
   * only credentials the client holds for it.
   */
  public CompletableFuture<byte[]> download(URI uri) {
    boolean secure = "coaps".equals(uri.getScheme());
    if (!(secure || "coap".equals(uri.getScheme())) || uri.getHost() == null) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("only coap:// or coaps://HOST:PORT/PATH can be downloaded, not " + uri));
    }
    List<String> path = new ArrayList<>();
    for (String segment : uri.getPath().split("/")) {
      if (!segment.isEmpty()) {
        path.add(segment);
      }
    }
    List<String> query = uri.getRawQuery() == null ? List.of() : List.of(uri.getRawQuery().split("&"));
    InetSocketAddress peer = new InetSocketAddress(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : (secure ? 5684 : 5683));
    CoapEndpoint channel = endpoint;
    if (secure) {
      Optional<ServerAccount> account = registrations.accounts().stream()
          .filter(candidate -> candidate.secure() && candidate.address().equals(peer)).findFirst();
      if (account.isEmpty()) {
        return CompletableFuture.failedFuture(new IllegalArgumentException(
            "no credentials for " + peer + ": coaps:// downloads only from a configured DTLS server, not " + uri));
      }
      try {
        channel = channels.endpointFor(account.get());
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return channel.send(CoapRequest.to(peer, CoapMethod.GET, path).withQuery(query), DOWNLOAD_TIMEOUT).thenApply(response -> {
      if (!response.code().isSuccess()) {
        throw LwM2mException.forCode(response.code(), uri + " answered " + response.code());
      }
      return response.payload();
    });
  }

  /** How long a whole package download may take: block-wise transfers of megabytes take a while. */
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

  /** De-registers from every server, then closes the endpoint. */
  @Override
  public void close() {
    bootstrap.close();
    registrations.close();
    observations.close();
    channels.close();
    endpoint.close();
    ownScheduler.ifPresent(org.lwm2m4j.core.schedule.SystemScheduler::close);
  }

  /** Where the client's timers and background work run. */
  public org.lwm2m4j.core.schedule.Scheduler scheduler() {
    return scheduler;
  }

  /** What a client is made of; every setting has a working default except the servers. */
  public static final class Builder {
    private final String endpointName;
    private ObjectModelRegistry models;
    private InetSocketAddress localAddress = new InetSocketAddress("0.0.0.0", 0);
    private final List<ServerConfig> servers = new ArrayList<>();
    private final List<ObjectConfig> objects = new ArrayList<>();
    private Version version = Version.V1_1;
    private RegistrationSettings registrationSettings = RegistrationSettings.DEFAULTS;
    private CoapSettings coapSettings = CoapSettings.DEFAULTS;
    private Clock clock = Clock.systemUTC();
    private final List<RegistrationListener> listeners = new ArrayList<>();
    private final List<BootstrapListener> bootstrapListeners = new ArrayList<>();
    private URI bootstrapUri;
    private ClientCredentials bootstrapCredentials;
    private Path factoryConfig;
    private Optional<String> smartcardReader;
    private Path stateDir;
    private Duration bootstrapFinishTimeout = Duration.ofSeconds(247);
    private Duration bootstrapRetry = Duration.ofSeconds(30);
    private SmartcardProvisioning smartcard;
    private boolean queueMode;
    private org.lwm2m4j.transport.memory.InMemoryNetwork network;
    private org.lwm2m4j.core.schedule.Scheduler scheduler;

    private record ServerConfig(URI uri, int shortServerId, long lifetimeSeconds, String binding, ClientCredentials credentials) {}

    private record ObjectConfig(int objectId, InstanceFactory factory, List<InstanceEnabler> instances) {}

    private Builder(String endpointName) {
      if (endpointName == null || endpointName.isBlank()) {
        throw new IllegalArgumentException("the endpoint name must not be empty");
      }
      this.endpointName = endpointName;
    }

    /**
     * Where every timer and background task of this client runs (default: a {@link
     * org.lwm2m4j.core.schedule.SystemScheduler} of its own, stopped at close). Tests give a {@link
     * org.lwm2m4j.core.schedule.VirtualScheduler}; a caller's scheduler is not stopped at close.
     */
    public Builder scheduler(org.lwm2m4j.core.schedule.Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** Object models (default: the bundled ones). */
    public Builder models(ObjectModelRegistry models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    /** The local address to bind (default: any address, a free port). */
    public Builder localAddress(InetSocketAddress address) {
      this.localAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Runs the client's CoAP endpoint on {@code network} at {@link #localAddress} instead of a UDP
     * socket: for tests and fuzzing, with servers that are on the same network. Only {@code
     * coap://} servers are reachable there; a {@code coaps://} one (configured or bootstrapped)
     * fails to connect, since DTLS needs a real socket.
     */
    public Builder network(org.lwm2m4j.transport.memory.InMemoryNetwork network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /**
     * A DM server to register with (unsecured {@code coap://} here): becomes a Security and a
     * Server instance with this Short Server ID, lifetime and binding U.
     */
    public Builder server(URI uri, int shortServerId, long lifetimeSeconds) {
      return server(uri, shortServerId, lifetimeSeconds, new ClientCredentials.NoSec());
    }

    /**
     * A DM server to register with: {@code coap://} with {@link ClientCredentials.NoSec}, {@code
     * coaps://} with PSK, RPK or X.509 credentials, which go into its Security instance.
     */
    public Builder server(URI uri, int shortServerId, long lifetimeSeconds, ClientCredentials credentials) {
      if (shortServerId < 1 || shortServerId > 65534) {
        throw new IllegalArgumentException("the Short Server ID must be 1..65534, got " + shortServerId);
      }
      boolean secure = !(credentials instanceof ClientCredentials.NoSec);
      if (uri.getHost() == null || !(secure ? "coaps" : "coap").equals(uri.getScheme())) {
        throw new IllegalArgumentException(secure ? "a server with credentials has a coaps://HOST:PORT URI, got " + uri
            : "the server URI must look like coap://HOST:PORT (coaps:// needs credentials), got " + uri);
      }
      servers.add(new ServerConfig(uri, shortServerId, lifetimeSeconds, "U", credentials));
      return this;
    }

    /** Adds an object with initial instances; instances servers create are made by {@code factory}. */
    public Builder object(int objectId, InstanceFactory factory, List<? extends InstanceEnabler> instances) {
      objects.add(new ObjectConfig(objectId, factory, List.copyOf(instances)));
      return this;
    }

    /** Adds an object served from stored values (the generic enabler), with initial instances. */
    public Builder object(int objectId, List<? extends InstanceEnabler> instances) {
      return object(objectId, StoredInstance::new, instances);
    }

    /**
     * The LwM2M version to register with: 1.0, 1.1 (the default) or 1.2. It decides the versions
     * of the core objects 0–7 the client implements — those of that release (see {@link
     * CoreObjectVersions}), announced without {@code ver} — and so which resources they have.
     *
     * @throws IllegalArgumentException for any other version
     */
    public Builder lwm2mVersion(Version version) {
      Objects.requireNonNull(version, "version");
      if (!CoreObjectVersions.isKnownRelease(version)) {
        throw new IllegalArgumentException("the LwM2M version must be 1.0, 1.1 or 1.2, got " + version);
      }
      this.version = version;
      return this;
    }

    public Builder registrationSettings(RegistrationSettings settings) {
      this.registrationSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder coapSettings(CoapSettings settings) {
      this.coapSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The Bootstrap-Server account: a Security instance with Bootstrap-Server = true, used for
     * client-initiated bootstrap and accepted for server-initiated bootstrap.
     */
    public Builder bootstrapServer(URI uri, ClientCredentials credentials) {
      boolean secure = !(credentials instanceof ClientCredentials.NoSec);
      if (uri.getHost() == null || !(secure ? "coaps" : "coap").equals(uri.getScheme())) {
        throw new IllegalArgumentException("the Bootstrap-Server URI must be " + (secure ? "coaps" : "coap") + "://HOST:PORT, got " + uri);
      }
      this.bootstrapUri = uri;
      this.bootstrapCredentials = credentials;
      return this;
    }

    /** Factory bootstrap: Security/Server/ACL instances as SenML JSON (see {@link ProvisionedState}), applied at first start. */
    public Builder factoryConfig(Path file) {
      this.factoryConfig = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * Bootstrap from smartcard (PC/SC): the card in {@code reader} (or the first reader with a card)
     * gives the accounts at start, and is checked again before each Register and Update.
     */
    public Builder smartcard(Optional<String> reader) {
      this.smartcardReader = Objects.requireNonNull(reader, "reader");
      return this;
    }

    /** Where the provisioned accounts are kept across restarts; a saved state wins over the factory configuration. */
    public Builder stateDir(Path dir) {
      this.stateDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** How long a bootstrap session may wait for Bootstrap-Finish, and the wait before asking again after a failure. */
    public Builder bootstrapTimeouts(Duration finishTimeout, Duration retry) {
      this.bootstrapFinishTimeout = Objects.requireNonNull(finishTimeout, "finishTimeout");
      this.bootstrapRetry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    public Builder bootstrapListener(BootstrapListener listener) {
      bootstrapListeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Registers in queue mode (Q): servers queue requests while the client sleeps and send them when it wakes. */
    public Builder queueMode(boolean on) {
      this.queueMode = on;
      return this;
    }

    /** Listens to registration progress from the very first Register on. */
    public Builder registrationListener(RegistrationListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Binds the endpoint and starts registering.
     *
     * @throws IOException if the local address cannot be bound
     */
    public LwM2mClient start() throws IOException {
      Optional<org.lwm2m4j.core.schedule.SystemScheduler> ownScheduler = this.scheduler != null ? Optional.empty()
          : Optional.of(org.lwm2m4j.core.schedule.SystemScheduler.create("lwm2m-client-" + endpointName, 2));
      org.lwm2m4j.core.schedule.Scheduler scheduler = this.scheduler != null ? this.scheduler : ownScheduler.get();
      ObjectModelRegistry registry = models != null ? models : ObjectModelRegistry.bundled();
      ObjectTree tree = new ObjectTree(version);
      AttributeStore attributes = new AttributeStore();
      RegistrationEngine[] engine = new RegistrationEngine[1];
      // Server actions (Disable, Update Trigger) run just after the Execute has been answered.
      Executor later = CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS);

      List<InstanceEnabler> security = new ArrayList<>();
      List<InstanceEnabler> server = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        ServerConfig config = servers.get(i);
        List<org.lwm2m4j.core.node.LwM2mResource> resources = new ArrayList<>(List.of(
            SingleResource.of(0, Value.of(config.uri().toString())),
            SingleResource.of(1, Value.of(false)),
            SingleResource.of(10, Value.ofInteger(config.shortServerId()))));
        resources.addAll(SecurityObjectCodec.resources(config.credentials()));
        security.add(new StoredInstance(i, resources));
        ServerInstance instance = new ServerInstance(i, new LateActions(engine), later);
        instance.write(SingleResource.of(0, Value.ofInteger(config.shortServerId())));
        instance.write(SingleResource.of(1, Value.ofInteger(config.lifetimeSeconds())));
        instance.write(SingleResource.of(6, Value.of(false)));
        instance.write(SingleResource.of(7, Value.of(config.binding())));
        instance.write(SingleResource.of(23, Value.of(false)));
        server.add(instance);
      }
      if (bootstrapUri != null) {
        List<org.lwm2m4j.core.node.LwM2mResource> resources = new ArrayList<>(List.of(
            SingleResource.of(0, Value.of(bootstrapUri.toString())),
            SingleResource.of(1, Value.of(true))));
        resources.addAll(SecurityObjectCodec.resources(bootstrapCredentials));
        security.add(new StoredInstance(servers.size(), resources));
      }
      tree.addObject(model(registry, 0), StoredInstance::new, security);
      tree.addObject(model(registry, 1), id -> new ServerInstance(id, new LateActions(engine), later), server);
      AccessControl access = new AccessControl(tree, () -> engine[0] == null ? security.size() : engine[0].accounts().size());
      for (ObjectConfig config : objects) {
        tree.addObject(model(registry, config.objectId()), config.factory(), config.instances());
      }
      if (tree.objectModel(2).isEmpty()) {
        tree.addObject(model(registry, 2), StoredInstance::new, List.of());
      }
      applyProvisioning(tree);
      if (tree.objectModel(3).isEmpty()) {
        // The Device object is mandatory: a client configured without one still reports itself.
        tree.addObject(model(registry, 3), StoredInstance::new, List.of(new DeviceInstance(
            new DeviceInfo("lwm2m4j", "lwm2m4j-client", endpointName, "0.1.0", "", "", ""),
            () -> LOG.info("Reboot executed (/3/0/4): nothing to reboot in a library client"),
            () -> LOG.info("Factory Reset executed (/3/0/5): nothing to reset in a library client"), scheduler)));
      }

      ObservationTracker observations = new ObservationTracker(tree, attributes, ssid -> defaultsOf(engine[0], ssid), scheduler);
      observations.setReadPermission((ssid, path) -> !access.enabled() || !tree.exists(path) || access.canRead(ssid, path));
      BootstrapClient[] bootstrap = new BootstrapClient[1];
      BootstrapRequestHandler[] bootstrapHandler = new BootstrapRequestHandler[1];
      CoapHandler handler = ClientInbound.chain(peer -> bootstrap[0] != null && bootstrap[0].isBootstrapServer(peer),
          request -> bootstrapHandler[0].handle(request), peer -> engine[0].ssidOf(peer), access, tree,
          new DeviceManagementHandler(tree, attributes, observations, ContentFormat.SENML_CBOR));
      CoapEndpoint endpoint = network != null ? CoapEndpoint.start(network, localAddress, handler, coapSettings)
          : CoapEndpoint.start(localAddress, handler, coapSettings);
      SecureChannels channels = new SecureChannels(endpoint, handler, coapSettings, localAddress.getAddress());
      engine[0] = new RegistrationEngine(tree, channels, endpointName, version, FORMATS, registrationSettings);
      // first, so that a listener told of a Register finds the old registration's observations ended
      engine[0].addListener(observations);
      listeners.forEach(engine[0]::addListener);
      engine[0].queueMode(queueMode);
      if (smartcard != null) {
        engine[0].addListener(smartcard);
      }
      bootstrap[0] = new BootstrapClient(tree, engine[0], channels, endpointName, Optional.ofNullable(stateDir),
          bootstrapFinishTimeout, bootstrapRetry, registrationSettings.requestTimeout());
      bootstrapListeners.forEach(bootstrap[0]::addListener);
      bootstrapHandler[0] = new BootstrapRequestHandler(tree, bootstrap[0]);
      engine[0].start();
      bootstrap[0].start();
      LwM2mClient client = new LwM2mClient(endpointName, tree, endpoint, channels, engine[0], observations, clock, registrationSettings.requestTimeout(), access, bootstrap[0]);
      client.scheduler = scheduler;
      client.ownScheduler = ownScheduler;
      return client;
    }

    /**
     * The client's bootstrap sequence before registering: the smartcard first, else a saved state
     * (from an earlier bootstrap), else the factory configuration.
     */
    private void applyProvisioning(ObjectTree tree) throws IOException {
      if (smartcardReader != null) {
        smartcard = new SmartcardProvisioning(tree, smartcardReader);
        if (smartcard.applyAtStart()) {
          return;
        }
      }
      Optional<byte[]> saved = stateDir != null ? ProvisionedState.load(stateDir) : Optional.empty();
      if (saved.isPresent()) {
        ProvisionedState.apply(tree, saved.get());
        LOG.info("provisioned accounts loaded from {}", stateDir.resolve(ProvisionedState.FILE));
      } else if (factoryConfig != null) {
        ProvisionedState.apply(tree, java.nio.file.Files.readAllBytes(factoryConfig));
        LOG.info("factory configuration applied from {}", factoryConfig);
        if (stateDir != null) {
          ProvisionedState.save(tree, stateDir);
        }
      }
    }

    /**
     * The model the client implements object {@code objectId} with: for a core object, the version
     * of the LwM2M release it registers with (or the nearest the registry has); else the newest.
     */
    private ObjectModel model(ObjectModelRegistry registry, int objectId) {
      return CoreObjectVersions.of(objectId, version).flatMap(release -> registry.nearest(objectId, release))
          .or(() -> registry.objectModel(objectId))
          .orElseThrow(() -> new IllegalArgumentException("no model for object " + objectId + "; add its DDF file to the models"));
    }

    private static ServerDefaults defaultsOf(RegistrationEngine engine, int ssid) {
      if (engine == null) {
        return ServerDefaults.NONE;
      }
      return engine.accounts().stream().filter(a -> a.shortServerId() == ssid).findFirst()
          .map(ServerAccount::notificationDefaults).orElse(ServerDefaults.NONE);
    }
  }

  /** Server actions routed to the engine once it exists. */
  private record LateActions(RegistrationEngine[] engine) implements org.lwm2m4j.client.registration.ServerActions {
    @Override
    public void disable(int shortServerId) {
      engine[0].disable(shortServerId);
    }

    @Override
    public void triggerUpdate(int shortServerId) {
      engine[0].triggerUpdate(shortServerId);
    }

    @Override
    public void triggerBootstrap(int shortServerId) {
      engine[0].triggerBootstrap(shortServerId);
    }
  }

  /** Adds a registration listener (convenience for {@code registrations().addListener}). */
  public void addRegistrationListener(RegistrationListener listener) {
    registrations.addListener(listener);
  }

  /** The Optional-returning lookup of one value, for consoles and tests. */
  public Optional<Value> value(LwM2mPath path) {
    return tree.single(path).map(SingleResource::value);
  }
}
