package org.lwm2m4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.cluster.ClusterSettings;
import org.lwm2m4j.server.firmware.FirmwareRepository;
import org.lwm2m4j.server.firmware.FirmwareSettings;
import org.lwm2m4j.server.observation.ObservationService;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.ServerCredentials;
import org.lwm2m4j.server.security.ServerDtlsIdentity;
import org.lwm2m4j.server.security.UnsecuredPolicy;
import org.lwm2m4j.server.store.ServerStore;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.memory.InMemoryNetwork;

/**
 * Settings for a {@link LwM2mServer}; every one has a default that runs a working server. Made by
 * {@link LwM2mServer#builder()}; {@link #start()} binds the endpoints and wires the server.
 */
public final class LwM2mServerBuilder {
  // read by ServerAssembly, as OkHttp's client reads its builder
  InetSocketAddress coapAddress = new InetSocketAddress("0.0.0.0", 5683);
  ObjectModelRegistry models;
  RegistrationStore registrationStore;
  ObservationStore observationStore;
  CoapSettings coapSettings = CoapSettings.DEFAULTS;
  Duration requestTimeout = Duration.ofSeconds(30);
  ObservationService.ReRegistration observationsOnReRegistration =
      ObservationService.ReRegistration.OBSERVE_AGAIN;
  Duration expiryCheckInterval = Duration.ofSeconds(1);
  /** The time registrations and queues go by; null: the scheduler's. */
  Clock clock;
  Duration awakeTime = Duration.ofSeconds(93);
  int queueCapacity = 16;
  Duration queueTimeToLive = Duration.ofHours(1);
  InetSocketAddress coapsAddress;
  SecurityStore securityStore;
  ServerStore serverStore;
  java.nio.file.Path dtlsSessionFile;
  UnsecuredPolicy unsecured = UnsecuredPolicy.ALLOW;
  private PrivateKey privateKey;
  private PublicKey publicKey;
  private List<X509Certificate> certificateChain = List.of();
  private List<X509Certificate> trustedCertificates = List.of();
  FirmwareRepository firmwareRepository;
  FirmwareSettings firmwareSettings = FirmwareSettings.DEFAULTS;
  private CoapEndpointFactory transport;
  private boolean inMemoryNetwork;
  /** The SMS number and transport; null: no SMS endpoint. */
  ServerEndpoints.SmsBinding sms;
  Duration smsWakeUpRetry = Duration.ofSeconds(60);
  Scheduler scheduler;
  ClusterSettings cluster;
  org.lwm2m4j.transport.dtls.DtlsClusterSettings dtlsCluster;

  LwM2mServerBuilder() {}

  /**
   * Makes this server one node of a cluster sharing one store (give the store that keeps the
   * {@code cluster}'s ownership, e.g. Redis, with {@link #store}): requests for devices another live
   * node owns go through that node, a message from a device makes this node its owner, and the
   * observations of a node that left are taken up here. The caller closes the bus and the
   * membership after the server. Default: a server on its own.
   */
  public LwM2mServerBuilder cluster(ClusterSettings cluster) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    return this;
  }

  /**
   * Where every timer and background task of this server runs (default: a {@link
   * org.lwm2m4j.core.schedule.SystemScheduler} of its own, stopped at close). Tests give a {@link
   * org.lwm2m4j.core.schedule.VirtualScheduler}; a caller's scheduler is not stopped at close.
   * Without a {@link #clock}, registrations and queue mode go by this scheduler's clock.
   */
  public LwM2mServerBuilder scheduler(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Makes the plain CoAP endpoint with {@code transport} instead of a UDP socket, at {@link
   * #coapAddress} there: the message-level twin ({@code TwinNetwork}) for unit tests on virtual
   * time, or any other {@link CoapEndpointFactory}. The DTLS endpoint, if any, stays on a socket.
   */
  public LwM2mServerBuilder transport(CoapEndpointFactory transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.inMemoryNetwork = false;
    return this;
  }

  /**
   * Serves CoAP on {@code network} instead of a UDP socket, at {@link #coapAddress} there: for
   * tests and fuzzing, which speak to the server with whole datagrams and never touch a socket.
   * DTLS does not run on an in-memory network, so {@link #coapsAddress} cannot be combined with it.
   */
  public LwM2mServerBuilder network(InMemoryNetwork network) {
    Objects.requireNonNull(network, "network");
    // the settings are read at bind time, so coapSettings(...) may come after network(...)
    this.transport = (address, handler) -> CoapEndpoint.start(network, address, handler, coapSettings);
    this.inMemoryNetwork = true;
    return this;
  }

  /**
   * Also serves CoAP over SMS: binds {@code sms} (an SMPP connection to an SMSC, or the twin in
   * tests) at {@code SmsAddress.of(serverNumber)}, serving the same routes as UDP. Clients may then
   * register by SMS (NoSec: they pass the same {@link #unsecured} policy as plain UDP) and are
   * reached by SMS; sleeping queue-mode clients with an SMS binding ({@code UQS}, or {@code b=US}
   * with {@code Q}) and an {@code sms} number are woken by an SMS Execute of {@code /1/x/8} when a
   * request is queued for them, once per sleep period (see {@link #smsWakeUpRetry}); {@code x} is the
   * Server object instance the client lists when it lists exactly one, else 0 (with a WARN, since
   * the client may refuse it). Not a 1.0 {@code SQ} or 1.1 {@code b=S&Q} client: its SMS side sleeps
   * too, so its requests wait until it speaks. Default: no SMS.
   *
   * @param serverNumber the server's MSISDN, digits with or without a leading {@code +}
   * @throws IllegalArgumentException if {@code serverNumber} is not an MSISDN
   */
  public LwM2mServerBuilder sms(String serverNumber, CoapEndpointFactory sms) {
    this.sms = new ServerEndpoints.SmsBinding(org.lwm2m4j.transport.sms.SmsAddress.normalize(serverNumber),
        Objects.requireNonNull(sms, "sms"));
    return this;
  }

  /**
   * How long a sleeping client may stay silent after a wake-up SMS before the server sends another,
   * while requests still wait for it (default 60 s); also how long each wake-up exchange may take.
   */
  public LwM2mServerBuilder smsWakeUpRetry(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the SMS wake-up retry interval must be positive, got " + interval);
    }
    this.smsWakeUpRetry = interval;
    return this;
  }

  /** Where firmware images are kept (default: in memory, at most 256 MiB). */
  public LwM2mServerBuilder firmwareRepository(FirmwareRepository repository) {
    this.firmwareRepository = Objects.requireNonNull(repository, "repository");
    return this;
  }

  /** Timeouts of firmware updates, the host devices download packages from and the largest image an upload may bring. */
  public LwM2mServerBuilder firmwareSettings(FirmwareSettings settings) {
    this.firmwareSettings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** Also listen for CoAP over DTLS on {@code address} (PSK always; RPK and X.509 with the server's key). */
  public LwM2mServerBuilder coapsAddress(InetSocketAddress address) {
    this.coapsAddress = Objects.requireNonNull(address, "address");
    return this;
  }

  /**
   * Keeps registrations, observations, credentials and firmware update jobs in {@code store} (e.g.
   * the embedded SQLite store), replacing the separate stores; the observations it holds are
   * re-armed and the unfinished firmware jobs resumed at start. The caller closes it after the server.
   */
  public LwM2mServerBuilder store(ServerStore store) {
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
  public LwM2mServerBuilder dtlsSessionFile(java.nio.file.Path file) {
    this.dtlsSessionFile = Objects.requireNonNull(file, "file");
    return this;
  }

  /**
   * Makes the DTLS endpoint ({@link #coapsAddress}) one node of a DTLS cluster behind a load
   * balancer: its Connection IDs name this node, and records that reach another node are forwarded
   * here over the internal channel (see {@link org.lwm2m4j.transport.dtls.DtlsClusterSettings}).
   * Default: none.
   */
  public LwM2mServerBuilder dtlsCluster(org.lwm2m4j.transport.dtls.DtlsClusterSettings cluster) {
    this.dtlsCluster = Objects.requireNonNull(cluster, "cluster");
    return this;
  }

  /** The clients' expected credentials (default: an empty in-memory store). */
  public LwM2mServerBuilder securityStore(SecurityStore store) {
    this.securityStore = Objects.requireNonNull(store, "store");
    return this;
  }

  /** Whether endpoints without credentials may register over plain CoAP (default {@link UnsecuredPolicy#ALLOW}). */
  public LwM2mServerBuilder unsecured(UnsecuredPolicy policy) {
    this.unsecured = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /** The server's raw public key pair, for RPK clients. */
  public LwM2mServerBuilder rawPublicKey(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
    this.certificateChain = List.of();
    return this;
  }

  /** The server's certificate chain (end-entity first) and key, for X.509 (and RPK) clients. */
  public LwM2mServerBuilder certificate(PrivateKey privateKey, List<X509Certificate> chain) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.certificateChain = List.copyOf(chain);
    this.publicKey = chain.get(0).getPublicKey();
    return this;
  }

  /** What the server presents and trusts over DTLS (a raw key pair or certificate chain, trust anchors). */
  public LwM2mServerBuilder dtlsIdentity(ServerDtlsIdentity identity) {
    this.privateKey = identity.privateKey().orElse(null);
    this.publicKey = identity.publicKey().orElse(null);
    this.certificateChain = identity.certificateChain();
    this.trustedCertificates = identity.trustedCertificates();
    return this;
  }

  /** The trust anchors X.509 clients' certificates must chain to. */
  public LwM2mServerBuilder trustedCertificates(List<X509Certificate> anchors) {
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
  public LwM2mServerBuilder queueMode(Duration awakeTime, int capacity, Duration timeToLive) {
    this.awakeTime = Objects.requireNonNull(awakeTime, "awakeTime");
    this.queueCapacity = capacity;
    this.queueTimeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
    return this;
  }

  /** Where CoAP listens (default 0.0.0.0:5683; port 0 picks a free one). */
  public LwM2mServerBuilder coapAddress(InetSocketAddress address) {
    this.coapAddress = Objects.requireNonNull(address, "address");
    return this;
  }

  /** The object models (default: the bundled core objects). */
  public LwM2mServerBuilder models(ObjectModelRegistry models) {
    this.models = Objects.requireNonNull(models, "models");
    return this;
  }

  /** Where registrations live (default: in memory, with a 30 s expiry grace). */
  public LwM2mServerBuilder registrationStore(RegistrationStore store) {
    this.registrationStore = Objects.requireNonNull(store, "store");
    return this;
  }

  /** Where observations live (default: in memory). */
  public LwM2mServerBuilder observationStore(ObservationStore store) {
    this.observationStore = Objects.requireNonNull(store, "store");
    return this;
  }

  /** CoAP retransmission settings (default: RFC 7252's). */
  public LwM2mServerBuilder coapSettings(CoapSettings settings) {
    this.coapSettings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** The device API's default timeout per request (default 30 s). */
  public LwM2mServerBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
    return this;
  }

  /**
   * What becomes of a client's observations when it registers again (default: observed again on
   * the new registration, see {@link ObservationService}).
   */
  public LwM2mServerBuilder observationsOnReRegistration(ObservationService.ReRegistration what) {
    this.observationsOnReRegistration = Objects.requireNonNull(what, "what");
    return this;
  }

  /** How often expired registrations are looked for (default 1 s). */
  public LwM2mServerBuilder expiryCheckInterval(Duration interval) {
    this.expiryCheckInterval = Objects.requireNonNull(interval, "interval");
    return this;
  }

  /** The time registrations expire and queue-mode clients fall asleep by (default: the scheduler's clock). */
  public LwM2mServerBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * Binds the CoAP endpoint and starts serving.
   *
   * @throws IOException if the address cannot be bound
   */
  public LwM2mServer start() throws IOException {
    if (inMemoryNetwork && coapsAddress != null) {
      throw new IllegalStateException("DTLS does not run on an in-memory network: drop coapsAddress or network");
    }
    return new ServerAssembly(this).start();
  }

  /** The plain endpoints' maker: the one given, else UDP sockets with the CoAP settings. */
  CoapEndpointFactory transport() {
    return transport != null ? transport : CoapEndpointFactory.udp(coapSettings);
  }

  ServerDtlsIdentity identity() {
    ServerDtlsIdentity identity = privateKey == null ? ServerDtlsIdentity.PSK_ONLY
        : certificateChain.isEmpty() ? ServerDtlsIdentity.rawPublicKey(privateKey, publicKey)
        : ServerDtlsIdentity.certificate(privateKey, certificateChain);
    return identity.trusting(trustedCertificates);
  }
}
