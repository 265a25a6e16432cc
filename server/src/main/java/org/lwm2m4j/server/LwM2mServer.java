package org.lwm2m4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.server.device.DeviceService;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.RegistrationAuthorizer;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.SecurityStoreListener;
import org.lwm2m4j.server.security.ServerCredentials;
import org.lwm2m4j.server.security.ServerDtlsIdentity;
import org.lwm2m4j.server.security.UnsecuredPolicy;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.RegistrationHandler;
import org.lwm2m4j.server.registration.RegistrationService;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.send.SendHandler;
import org.lwm2m4j.server.send.SendListener;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A running LwM2M server on one CoAP endpoint: the registration interface ({@code /rd}), Send
 * ({@code /dp}), the device API and observations, wired together. Build one with {@link
 * #builder()}, use its services, close it to stop.
 *
 * <pre>{@code
 * try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress(5683)).start()) {
 *   server.registrations().addListener(...);
 *   Registration dev1 = server.registrations().store().byEndpoint("dev1").orElseThrow();
 *   LwM2mNode device = server.devices().read(dev1, LwM2mPath.of(3, 0), RequestOptions.DEFAULTS).get();
 * }
 * }</pre>
 */
public final class LwM2mServer implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LwM2mServer.class);
  private final CoapEndpoint endpoint;
  private final Optional<CoapEndpoint> secureEndpoint;
  private final SecurityStore security;
  private final ServerCredentials serverCredentials;
  private final RequestQueue queue;
  private final Presence presence;
  private final List<org.lwm2m4j.transport.dtls.HandshakeObserver> handshakeObservers;
  private final RegistrationService registrations;
  private final DeviceService devices;
  private final ObservationService observations;
  private final SendHandler sends;
  private final ObjectModelRegistry models;
  private final org.lwm2m4j.server.firmware.FirmwareUpdateService firmware;

  private LwM2mServer(CoapEndpoint endpoint, Optional<CoapEndpoint> secureEndpoint, SecurityStore security,
      ServerCredentials serverCredentials, RequestQueue queue, Presence presence,
      List<org.lwm2m4j.transport.dtls.HandshakeObserver> handshakeObservers, RegistrationService registrations, DeviceService devices, ObservationService observations, SendHandler sends,
      ObjectModelRegistry models, org.lwm2m4j.server.firmware.FirmwareUpdateService firmware) {
    this.firmware = firmware;
    this.endpoint = endpoint;
    this.secureEndpoint = secureEndpoint;
    this.security = security;
    this.serverCredentials = serverCredentials;
    this.queue = queue;
    this.presence = presence;
    this.handshakeObservers = handshakeObservers;
    this.registrations = registrations;
    this.devices = devices;
    this.observations = observations;
    this.sends = sends;
    this.models = models;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The persistent store given to the builder, if any. */
  private Optional<org.lwm2m4j.server.store.ServerStore> serverStore = Optional.empty();
  /** Where the server's timers and background work run. */
  private org.lwm2m4j.core.schedule.Scheduler scheduler;
  /** The scheduler the server made for itself, stopped at close (none when the caller gave one). */
  private Optional<org.lwm2m4j.core.schedule.SystemScheduler> ownScheduler = Optional.empty();

  /**
   * Tells {@code listener} about every batch the persistent store commits (for write latency
   * metrics); does nothing when the server keeps its state in memory only.
   */
  public void addStoreWriteListener(org.lwm2m4j.server.store.StoreWriteListener listener) {
    serverStore.ifPresent(store -> store.addWriteListener(listener));
  }

  /** Register, Update, De-register, expiry, registration events and the registration store. */
  public RegistrationService registrations() {
    return registrations;
  }

  /** Read, Write, Create, Delete, Execute, Discover, Write-Attributes and the composite operations. */
  public DeviceService devices() {
    return devices;
  }

  /** Observe, Observe-Composite, Cancel Observation and notification events. */
  public ObservationService observations() {
    return observations;
  }

  /** Firmware images and updates (push or pull), served to devices under {@code /fw/{id}}. */
  public org.lwm2m4j.server.firmware.FirmwareUpdateService firmware() {
    return firmware;
  }

  /** Listens to data clients push with Send. */
  public void addSendListener(SendListener listener) {
    sends.addListener(listener);
  }

  /** The object models values are typed with. */
  public ObjectModelRegistry models() {
    return models;
  }

  /** The bound CoAP address. */
  public InetSocketAddress coapAddress() {
    return endpoint.address();
  }

  /** The bound CoAP-over-DTLS address, if the server has one. */
  public Optional<InetSocketAddress> coapsAddress() {
    return secureEndpoint.map(CoapEndpoint::address);
  }

  /** What the server presents in DTLS handshakes (public key, certificate chain). */
  public ServerCredentials serverCredentials() {
    return serverCredentials;
  }

  /** Tells {@code observer} about every DTLS handshake on the secure endpoint (full or resumed, failed or not). */
  public void addHandshakeObserver(org.lwm2m4j.transport.dtls.HandshakeObserver observer) {
    handshakeObservers.add(observer);
  }

  /** Requests waiting for sleeping queue-mode clients, findable by id. */
  public RequestQueue queue() {
    return queue;
  }

  /** Which queue-mode clients are awake. */
  public Presence presence() {
    return presence;
  }

  /** The clients' expected credentials. */
  public SecurityStore security() {
    return security;
  }

  @Override
  public void close() {
    firmware.close();
    queue.close();
    secureEndpoint.ifPresent(CoapEndpoint::close);
    endpoint.close();
    registrations.close();
    observations.close();
    sends.close();
    ownScheduler.ifPresent(org.lwm2m4j.core.schedule.SystemScheduler::close);
  }

  /** Where the server's timers and background work run. */
  public org.lwm2m4j.core.schedule.Scheduler scheduler() {
    return scheduler;
  }

  /** Settings for a server; every one has a default that runs a working server. */
  public static final class Builder {
    private InetSocketAddress coapAddress = new InetSocketAddress("0.0.0.0", 5683);
    private ObjectModelRegistry models;
    private RegistrationStore registrationStore;
    private ObservationStore observationStore;
    private CoapSettings coapSettings = CoapSettings.DEFAULTS;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration expiryCheckInterval = Duration.ofSeconds(1);
    private Clock clock = Clock.systemUTC();
    private Duration awakeTime = Duration.ofSeconds(93);
    private int queueCapacity = 16;
    private Duration queueTimeToLive = Duration.ofHours(1);
    private InetSocketAddress coapsAddress;
    private SecurityStore securityStore;
    private org.lwm2m4j.server.store.ServerStore serverStore;
    private java.nio.file.Path dtlsSessionFile;
    private UnsecuredPolicy unsecured = UnsecuredPolicy.ALLOW;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private List<X509Certificate> certificateChain = List.of();
    private List<X509Certificate> trustedCertificates = List.of();
    private org.lwm2m4j.server.firmware.FirmwareRepository firmwareRepository;
    private org.lwm2m4j.server.firmware.FirmwareSettings firmwareSettings = org.lwm2m4j.server.firmware.FirmwareSettings.DEFAULTS;
    private org.lwm2m4j.transport.memory.InMemoryNetwork network;
    private org.lwm2m4j.core.schedule.Scheduler scheduler;

    private Builder() {}

    /**
     * Where every timer and background task of this server runs (default: a {@link
     * org.lwm2m4j.core.schedule.SystemScheduler} of its own, stopped at close). Tests give a {@link
     * org.lwm2m4j.core.schedule.VirtualScheduler}; a caller's scheduler is not stopped at close.
     */
    public Builder scheduler(org.lwm2m4j.core.schedule.Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Serves CoAP on {@code network} instead of a UDP socket, at {@link #coapAddress} there: for
     * tests and fuzzing, which speak to the server with whole datagrams and never touch a socket.
     * DTLS does not run on an in-memory network, so {@link #coapsAddress} cannot be combined with it.
     */
    public Builder network(org.lwm2m4j.transport.memory.InMemoryNetwork network) {
      this.network = Objects.requireNonNull(network, "network");
      return this;
    }

    /** Where firmware images are kept (default: in memory, at most 256 MiB). */
    public Builder firmwareRepository(org.lwm2m4j.server.firmware.FirmwareRepository repository) {
      this.firmwareRepository = Objects.requireNonNull(repository, "repository");
      return this;
    }

    /** Timeouts of firmware updates, the host devices download packages from and the largest image an upload may bring. */
    public Builder firmwareSettings(org.lwm2m4j.server.firmware.FirmwareSettings settings) {
      this.firmwareSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** Also listen for CoAP over DTLS on {@code address} (PSK always; RPK and X.509 with the server's key). */
    public Builder coapsAddress(InetSocketAddress address) {
      this.coapsAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * Keeps registrations, observations, credentials and firmware update jobs in {@code store} (e.g.
     * the embedded SQLite store), replacing the separate stores; the observations it holds are
     * re-armed and the unfinished firmware jobs resumed at start. The caller closes it after the server.
     */
    public Builder store(org.lwm2m4j.server.store.ServerStore store) {
      this.serverStore = Objects.requireNonNull(store, "store");
      this.registrationStore = store.registrations();
      this.observationStore = store.observations();
      this.securityStore = store.security();
      return this;
    }

    /**
     * Keeps the DTLS sessions (with their Connection IDs) in {@code file} across a clean restart:
     * {@link LwM2mServer#close()} writes them there, the next start takes them up and deletes the
     * file, and DTLS clients go on with their sessions as if the server had not stopped. Without
     * it (and after a crash) clients must handshake again before the server hears them. The file
     * holds the sessions' master secrets and is readable by its owner only. Default: none.
     */
    public Builder dtlsSessionFile(java.nio.file.Path file) {
      this.dtlsSessionFile = Objects.requireNonNull(file, "file");
      return this;
    }

    /** The clients' expected credentials (default: an empty in-memory store). */
    public Builder securityStore(SecurityStore store) {
      this.securityStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Whether endpoints without credentials may register over plain CoAP (default {@link UnsecuredPolicy#ALLOW}). */
    public Builder unsecured(UnsecuredPolicy policy) {
      this.unsecured = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The server's raw public key pair, for RPK clients. */
    public Builder rawPublicKey(PrivateKey privateKey, PublicKey publicKey) {
      this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
      this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
      this.certificateChain = List.of();
      return this;
    }

    /** The server's certificate chain (end-entity first) and key, for X.509 (and RPK) clients. */
    public Builder certificate(PrivateKey privateKey, List<X509Certificate> chain) {
      this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
      this.certificateChain = List.copyOf(chain);
      this.publicKey = chain.get(0).getPublicKey();
      return this;
    }

    /** What the server presents and trusts over DTLS (a raw key pair or certificate chain, trust anchors). */
    public Builder dtlsIdentity(ServerDtlsIdentity identity) {
      this.privateKey = identity.privateKey().orElse(null);
      this.publicKey = identity.publicKey().orElse(null);
      this.certificateChain = identity.certificateChain();
      this.trustedCertificates = identity.trustedCertificates();
      return this;
    }

    /** The trust anchors X.509 clients' certificates must chain to. */
    public Builder trustedCertificates(List<X509Certificate> anchors) {
      this.trustedCertificates = List.copyOf(anchors);
      return this;
    }

    /** What the server presents to clients: its public key and certificate chain, for the REST API. */
    public ServerCredentials serverCredentials() {
      return identity().credentials();
    }

    /**
     * Queue mode: how long a queue-mode client listens after its last message (default 93 s), how
     * many requests wait per sleeping client (default 16) and for how long (default 1 h).
     */
    public Builder queueMode(Duration awakeTime, int capacity, Duration timeToLive) {
      this.awakeTime = Objects.requireNonNull(awakeTime, "awakeTime");
      this.queueCapacity = capacity;
      this.queueTimeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
      return this;
    }

    /** Where CoAP listens (default 0.0.0.0:5683; port 0 picks a free one). */
    public Builder coapAddress(InetSocketAddress address) {
      this.coapAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The object models (default: the bundled core objects). */
    public Builder models(ObjectModelRegistry models) {
      this.models = Objects.requireNonNull(models, "models");
      return this;
    }

    /** Where registrations live (default: in memory, with a 30 s expiry grace). */
    public Builder registrationStore(RegistrationStore store) {
      this.registrationStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** Where observations live (default: in memory). */
    public Builder observationStore(ObservationStore store) {
      this.observationStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /** CoAP retransmission settings (default: RFC 7252's). */
    public Builder coapSettings(CoapSettings settings) {
      this.coapSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /** The device API's default timeout per request (default 30 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How often expired registrations are looked for (default 1 s). */
    public Builder expiryCheckInterval(Duration interval) {
      this.expiryCheckInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Binds the CoAP endpoint and starts serving.
     *
     * @throws IOException if the address cannot be bound
     */
    public LwM2mServer start() throws IOException {
      if (network != null && coapsAddress != null) {
        throw new IllegalStateException("DTLS does not run on an in-memory network: drop coapsAddress or network");
      }
      Optional<org.lwm2m4j.core.schedule.SystemScheduler> ownScheduler = this.scheduler != null ? Optional.empty()
          : Optional.of(org.lwm2m4j.core.schedule.SystemScheduler.create("lwm2m-server"));
      org.lwm2m4j.core.schedule.Scheduler scheduler = this.scheduler != null ? this.scheduler : ownScheduler.get();
      ObjectModelRegistry registry = models != null ? models : ObjectModelRegistry.bundled();
      RegistrationStore store = registrationStore != null ? registrationStore : new InMemoryRegistrationStore(Duration.ofSeconds(30));
      RegistrationService registrations = new RegistrationService(store, clock, expiryCheckInterval);
      SecurityStore credentials = securityStore != null ? securityStore : new InMemorySecurityStore();
      RegistrationAuthorizer authorizer = new RegistrationAuthorizer(credentials, unsecured);
      RegistrationHandler registrationHandler = new RegistrationHandler(registrations, authorizer);
      SendHandler sends = new SendHandler(store, registry, authorizer);
      List<org.lwm2m4j.transport.dtls.HandshakeObserver> handshakes = new java.util.concurrent.CopyOnWriteArrayList<>();
      Presence presence = new Presence(clock, awakeTime);
      RequestQueue queue = new RequestQueue(queueCapacity, queueTimeToLive, scheduler);
      // the firmware resource exists once the services it reads do; until then /fw is 4.04
      java.util.concurrent.atomic.AtomicReference<org.lwm2m4j.server.firmware.FirmwareDownloads> downloads =
          new java.util.concurrent.atomic.AtomicReference<>();
      CoapHandler router = request -> {
        // any message from a queue-mode client shows it awake: send what waited for it
        store.byAddress(request.peer()).filter(Registration::queueMode).ifPresent(registration -> {
          presence.markAwake(registration);
          queue.drain(registration);
        });
        org.lwm2m4j.server.firmware.FirmwareDownloads firmwareDownloads = downloads.get();
        if (firmwareDownloads != null && !request.path().isEmpty()
            && request.path().get(0).equals(org.lwm2m4j.server.firmware.FirmwareDownloads.PATH)) {
          return firmwareDownloads.handle(request);
        }
        return route(request, registrationHandler, sends);
      };
      CoapEndpoint endpoint;
      Optional<CoapEndpoint> secure = Optional.empty();
      try {
        endpoint = network != null ? CoapEndpoint.start(network, coapAddress, router, coapSettings)
            : CoapEndpoint.start(coapAddress, router, coapSettings);
        if (coapsAddress != null) {
          try {
            secure = Optional.of(CoapEndpoint.start(coapsAddress, router, coapSettings,
                Optional.of(identity().settings(credentials, (resumed, failure) -> handshakes.forEach(o -> o.finished(resumed, failure)),
                    Optional.ofNullable(dtlsSessionFile)))));
          } catch (IOException e) {
            endpoint.close();
            throw e;
          }
        }
      } catch (IOException e) {
        registrations.close();
        sends.close();
        ownScheduler.ifPresent(org.lwm2m4j.core.schedule.SystemScheduler::close);
        throw e;
      }
      // the one way out to devices: queue-mode gate → metrics → conversion → deadline → endpoint → send
      org.lwm2m4j.server.downlink.DownlinkChain downlink = org.lwm2m4j.server.downlink.DownlinkChain.withQueue(
          org.lwm2m4j.server.downlink.DownlinkEndpoints.of(endpoint, secure), scheduler, queue, presence);
      org.lwm2m4j.server.device.DeviceCodec codec = new org.lwm2m4j.server.device.DeviceCodec(registry);
      DeviceService devices = new DeviceService(downlink, codec, requestTimeout);
      registrations.addListener(new org.lwm2m4j.server.registration.RegistrationListener() {
        @Override
        public void registered(Registration registration, Optional<Registration> replaced) {
          replaced.ifPresent(old -> {
            queue.forget(old);
            presence.forget(old.id());
          });
          if (registration.queueMode()) {
            presence.markAwake(registration);
          }
        }

        @Override
        public void updated(org.lwm2m4j.server.registration.UpdatedRegistration update) {
          if (update.current().queueMode()) {
            presence.markAwake(update.current());
            queue.drain(update.current());
          }
        }

        @Override
        public void deregistered(Registration registration) {
          queue.forget(registration);
          presence.forget(registration.id());
        }

        @Override
        public void expired(Registration registration) {
          deregistered(registration);
        }
      });
      ObservationService observations = new ObservationService(downlink, codec, store,
          observationStore != null ? observationStore : new InMemoryObservationStore(), clock, requestTimeout);
      registrations.addListener(observations);
      org.lwm2m4j.server.firmware.FirmwareUpdateService firmware = new org.lwm2m4j.server.firmware.FirmwareUpdateService(
          firmwareRepository != null ? firmwareRepository
              // room for at least one image of the largest size an upload may have
              : org.lwm2m4j.server.firmware.FirmwareRepository.inMemory(Math.max(
                  org.lwm2m4j.server.firmware.FirmwareRepository.DEFAULT_MAX_TOTAL_BYTES, firmwareSettings.maxImageBytes())),
          store, devices, observations, firmwareSettings, endpoint.address(), secure.map(CoapEndpoint::address), scheduler,
          serverStore != null ? serverStore.firmwareJobs() : new org.lwm2m4j.server.firmware.InMemoryFirmwareJobStore());
      registrations.addListener(firmware);
      downloads.set(new org.lwm2m4j.server.firmware.FirmwareDownloads(firmware));
      int restored = observations.restoreStored();
      if (restored > 0) {
        LOG.info("re-armed {} stored observations", restored);
      }
      // the endpoints answer by now, so resumed jobs can reach their devices right away
      int resumed = firmware.resumeStored();
      if (resumed > 0) {
        LOG.info("resuming {} stored firmware update jobs", resumed);
      }
      credentials.addListener(new SecurityStoreListener() {
        @Override
        public void changed(String endpointName, Optional<SecurityInfo> previous) {
          previous.ifPresent(old -> dropRegistration(registrations, endpointName, "its credentials changed"));
        }

        @Override
        public void removed(String endpointName, SecurityInfo previous) {
          dropRegistration(registrations, endpointName, "its credentials were removed");
        }
      });
      LwM2mServer server = new LwM2mServer(endpoint, secure, credentials, serverCredentials(), queue, presence, handshakes, registrations, devices, observations, sends, registry, firmware);
      server.serverStore = Optional.ofNullable(serverStore);
      server.scheduler = scheduler;
      server.ownScheduler = ownScheduler;
      return server;
    }

    /** A client whose credentials change must register again with the new ones (security.md §6). */
    private static void dropRegistration(RegistrationService registrations, String endpointName, String why) {
      registrations.store().byEndpoint(endpointName).ifPresent(registration -> {
        LOG.info("ending the registration of {} ({}): {}", endpointName, registration.id(), why);
        try {
          registrations.deregister(registration.id());
        } catch (NotFoundException alreadyGone) {
          // it went away meanwhile
        }
      });
    }

    private ServerDtlsIdentity identity() {
      ServerDtlsIdentity identity = privateKey == null ? ServerDtlsIdentity.PSK_ONLY
          : certificateChain.isEmpty() ? ServerDtlsIdentity.rawPublicKey(privateKey, publicKey)
          : ServerDtlsIdentity.certificate(privateKey, certificateChain);
      return identity.trusting(trustedCertificates);
    }

    private static CompletableFuture<CoapResponse> route(CoapRequest request, RegistrationHandler registrations, SendHandler sends) {
      String first = request.path().isEmpty() ? "" : request.path().get(0);
      if (first.equals("rd")) {
        return registrations.handle(request);
      }
      if (first.equals("dp") && request.path().size() == 1) {
        return sends.handle(request);
      }
      throw new NotFoundException("no resource " + request.pathText() + " on this server; clients register under /rd and send to /dp");
    }
  }
}
