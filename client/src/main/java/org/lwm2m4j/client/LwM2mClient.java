package org.lwm2m4j.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.lwm2m4j.client.bootstrap.BootstrapClient;
import org.lwm2m4j.client.bootstrap.BootstrapListener;
import org.lwm2m4j.client.bootstrap.ProvisionedState;
import org.lwm2m4j.client.object.InstanceEnabler;
import org.lwm2m4j.client.object.InstanceFactory;
import org.lwm2m4j.client.object.ObjectTree;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.observe.ObservationTracker;
import org.lwm2m4j.client.registration.RegistrationEngine;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.client.security.SecureChannels;
import org.lwm2m4j.client.security.SmsTransport;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.CoreObjectVersions;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.memory.InMemoryNetwork;

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
 *
 * <p>Thread-safe. Its timers and background work run on one {@link Scheduler} (its own, or the one
 * given to the builder); {@link ClientAssembly} shows how the parts are wired.
 */
public final class LwM2mClient implements AutoCloseable {
  /** The formats this client reads and writes, announced in its registration. */
  public static final List<ContentFormat> FORMATS = List.of(ContentFormat.TEXT, ContentFormat.OPAQUE, ContentFormat.CBOR,
      ContentFormat.SENML_JSON, ContentFormat.SENML_CBOR, ContentFormat.TLV, ContentFormat.JSON, ContentFormat.LWM2M_CBOR);

  private final String endpointName;
  private final ObjectTree tree;
  private final CoapEndpoint endpoint;
  private final SecureChannels channels;
  private final RegistrationEngine registrations;
  private final ObservationTracker observations;
  private final BootstrapClient bootstrap;
  private final ServerSend sender;
  private final PackageDownload downloads;
  private final Scheduler scheduler;
  /** The scheduler the client made for itself, stopped at close (none when the caller gave one). */
  private final Optional<SystemScheduler> ownScheduler;

  LwM2mClient(String endpointName, ObjectTree tree, CoapEndpoint endpoint, SecureChannels channels, RegistrationEngine registrations,
      ObservationTracker observations, BootstrapClient bootstrap, ServerSend sender, PackageDownload downloads,
      Scheduler scheduler, Optional<SystemScheduler> ownScheduler) {
    this.endpointName = endpointName;
    this.tree = tree;
    this.endpoint = endpoint;
    this.channels = channels;
    this.registrations = registrations;
    this.observations = observations;
    this.bootstrap = bootstrap;
    this.sender = sender;
    this.downloads = downloads;
    this.scheduler = scheduler;
    this.ownScheduler = ownScheduler;
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

  /** Where the client's timers and background work run. */
  public Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Send (1.1): reports the current values at {@code paths} to every registered server that has
   * not muted Send ({@code /1/x/23}), in SenML CBOR, timestamped now. Completes when every server
   * answered; exceptionally with the first failure.
   */
  public CompletableFuture<Void> send(List<LwM2mPath> paths) {
    return sender.send(paths);
  }

  /**
   * Downloads {@code uri} with a GET, block-wise for large content — how the Firmware Update
   * object pulls a package. {@code coap://HOST:PORT/PATH} goes from the client's endpoint; {@code
   * coaps://HOST:PORT/PATH} goes through the DTLS channel of the configured server at that address,
   * with that server's credentials (the channel is set up if it has none yet), since those are the
   * only credentials the client holds for it.
   */
  public CompletableFuture<byte[]> download(URI uri) {
    return downloads.download(uri);
  }

  /** Adds a registration listener (convenience for {@code registrations().addListener}). */
  public void addRegistrationListener(RegistrationListener listener) {
    registrations.addListener(listener);
  }

  /** The Optional-returning lookup of one value, for consoles and tests. */
  public Optional<Value> value(LwM2mPath path) {
    return tree.single(path).map(SingleResource::value);
  }

  /**
   * Stops at once without de-registering — a device losing power or its network; the servers
   * expire its registrations when their lifetime runs out.
   */
  public void halt() {
    bootstrap.close();
    registrations.abandon();
    stop();
  }

  /**
   * De-registers from every server, then closes the endpoint. Blocks until the servers answered
   * (at most the request timeout); on a virtual scheduler, complete {@code
   * registrations().deregisterAll()} by advancing time first, or {@link #halt()}.
   */
  @Override
  public void close() {
    bootstrap.close();
    registrations.close();
    stop();
  }

  /**
   * As {@link #close()}, but gives the De-register exchanges at most {@code budget}: a process
   * that is asked to stop (Ctrl-C) must not wait for a server that does not answer. Servers not
   * reached expire the registration when its lifetime runs out.
   *
   * @return true if every server answered (or there was nothing to end) within the budget
   */
  public boolean close(java.time.Duration budget) {
    bootstrap.close();
    boolean done = false;
    try {
      registrations.deregisterAll().get(budget.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      done = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // not answered in time: stop anyway, the server expires the registration
    } finally {
      registrations.abandon();
      stop();
    }
    return done;
  }

  private void stop() {
    observations.close();
    channels.close();
    endpoint.close();
    ownScheduler.ifPresent(SystemScheduler::close);
  }

  /** What a client is made of; every setting has a working default except the servers. */
  public static final class Builder {
    private final String endpointName;
    private ObjectModelRegistry models;
    private InetSocketAddress localAddress = new InetSocketAddress("0.0.0.0", 0);
    private final List<ClientConfig.ServerConfig> servers = new ArrayList<>();
    private final List<ClientConfig.ObjectConfig> objects = new ArrayList<>();
    private Version version = Version.V1_1;
    private RegistrationSettings registrationSettings = RegistrationSettings.DEFAULTS;
    private CoapSettings coapSettings = CoapSettings.DEFAULTS;
    private Clock clock;
    private final List<RegistrationListener> listeners = new ArrayList<>();
    private final List<BootstrapListener> bootstrapListeners = new ArrayList<>();
    private ClientConfig.BootstrapServerConfig bootstrapServer;
    private Path factoryConfig;
    private Optional<String> smartcardReader;
    private Path stateDir;
    private Duration bootstrapFinishTimeout = Duration.ofSeconds(247);
    private Duration bootstrapRetry = Duration.ofSeconds(30);
    private boolean queueMode;
    /** The plain endpoint's transport, given the CoAP settings (which may be set after it). */
    private Function<CoapSettings, CoapEndpointFactory> transport = CoapEndpointFactory::udp;
    private Scheduler scheduler;
    private Optional<SmsTransport> sms = Optional.empty();

    private Builder(String endpointName) {
      if (endpointName == null || endpointName.isBlank()) {
        throw new IllegalArgumentException("the endpoint name must not be empty");
      }
      this.endpointName = endpointName;
    }

    /**
     * Where every timer and background task of this client runs (default: a {@link
     * SystemScheduler} of its own, stopped at close). Tests give a {@link
     * org.lwm2m4j.core.schedule.VirtualScheduler}; a caller's scheduler is not stopped at close.
     */
    public Builder scheduler(Scheduler scheduler) {
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
    public Builder network(InMemoryNetwork network) {
      Objects.requireNonNull(network, "network");
      this.transport = settings -> (address, handler) -> CoapEndpoint.start(network, address, handler, settings);
      return this;
    }

    /**
     * Makes the client's plain-CoAP endpoint with {@code transport} (bound at {@link
     * #localAddress}) instead of a UDP socket with the {@link #coapSettings}: e.g. the in-memory
     * twin ({@code org.lwm2m4j.transport.twin.TwinNetwork}) for tests on virtual time. DTLS
     * endpoints for {@code coaps://} servers are still made on sockets, and refused when the
     * plain endpoint {@linkplain CoapEndpoint#isInMemory() is in memory}.
     */
    public Builder transport(CoapEndpointFactory transport) {
      Objects.requireNonNull(transport, "transport");
      this.transport = settings -> transport;
      return this;
    }

    /**
     * The client's SMS side: one more endpoint, bound with {@code sms} at the client's own number
     * {@code ownNumber} (an MSISDN), serving the same requests as its UDP endpoint. Servers whose
     * binding is SMS only ({@code S}, {@code SQ}) are then reached by SMS; those with {@code US} or
     * {@code UQS} over UDP, told {@code sms=ownNumber} so that they can wake the client by SMS.
     *
     * @throws IllegalArgumentException if {@code ownNumber} is not 1 to 16 digits (after an optional {@code +})
     */
    public Builder sms(String ownNumber, CoapEndpointFactory sms) {
      this.sms = Optional.of(new SmsTransport(ownNumber, sms));
      return this;
    }

    /**
     * A DM server to register with, unsecured: {@code coap://HOST:PORT} with binding U, or {@code
     * sms://MSISDN}, reached only by SMS (binding S, SMS Security Mode NoSec). Becomes a Security
     * and a Server instance with this Short Server ID and lifetime.
     */
    public Builder server(URI uri, int shortServerId, long lifetimeSeconds) {
      String binding = "sms".equals(uri.getScheme()) ? "S" : "U";
      return server(uri, shortServerId, lifetimeSeconds, new ClientCredentials.NoSec(), binding, Optional.empty());
    }

    /**
     * A DM server to register with: {@code coap://} with {@link ClientCredentials.NoSec}, {@code
     * coaps://} with PSK, RPK or X.509 credentials, which go into its Security instance.
     */
    public Builder server(URI uri, int shortServerId, long lifetimeSeconds, ClientCredentials credentials) {
      return server(uri, shortServerId, lifetimeSeconds, credentials, "U", Optional.empty());
    }

    /**
     * A DM server with its binding ({@code /1/x/7}): the 1.0 forms {@code U}, {@code UQ}, {@code
     * S}, {@code SQ}, {@code US}, {@code UQS} or 1.1 letter sets of {@code U} and {@code S}; a
     * binding with S needs {@code serverSmsNumber} ({@code /0/x/9}, with SMS Security Mode NoSec in
     * {@code /0/x/6}), and the client an SMS transport ({@link #sms}). With S alone everything goes
     * by SMS and {@code uri} may be {@code sms://MSISDN} (which gives the number); otherwise {@code
     * uri} is the server's UDP address as for {@link #server(URI, int, long, ClientCredentials)}.
     */
    public Builder server(URI uri, int shortServerId, long lifetimeSeconds, ClientCredentials credentials, String binding,
        Optional<String> serverSmsNumber) {
      servers.add(new ClientConfig.ServerConfig(uri, shortServerId, lifetimeSeconds, binding, credentials, serverSmsNumber));
      return this;
    }

    /** Adds an object with initial instances; instances servers create are made by {@code factory}. */
    public Builder object(int objectId, InstanceFactory factory, List<? extends InstanceEnabler> instances) {
      objects.add(new ClientConfig.ObjectConfig(objectId, factory, List.copyOf(instances)));
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

    /** The clock of timestamps (Send, observations) — default: the scheduler's clock. */
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
      this.bootstrapServer = new ClientConfig.BootstrapServerConfig(uri, credentials);
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
      return ClientAssembly.start(new ClientConfig(endpointName, models != null ? models : ObjectModelRegistry.bundled(),
          localAddress, servers, objects, version, registrationSettings, coapSettings, transport.apply(coapSettings),
          Optional.ofNullable(scheduler), Optional.ofNullable(clock), listeners, bootstrapListeners,
          Optional.ofNullable(bootstrapServer), new ClientConfig.Provisioning(smartcardReader != null,
              smartcardReader != null ? smartcardReader : Optional.empty(), Optional.ofNullable(stateDir), Optional.ofNullable(factoryConfig)),
          new ClientConfig.BootstrapTimeouts(bootstrapFinishTimeout, bootstrapRetry), queueMode, sms));
    }
  }
}
