package org.lwm2m4j.app.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.app.logging.LoggingOptions;
import org.lwm2m4j.app.security.HttpsOptions;
import org.lwm2m4j.server.store.StoreException;
import org.lwm2m4j.server.store.sqlite.SqliteStore;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.cli.ModelsDirectory;
import org.lwm2m4j.app.security.ServerCredentialOptions;
import org.lwm2m4j.core.error.ConflictException;
import org.lwm2m4j.server.security.PskFileSync;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.UnsecuredPolicy;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.LwM2mServerBuilder;
import org.lwm2m4j.server.firmware.FirmwareRepository;
import org.lwm2m4j.server.firmware.FirmwareSettings;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.sms.SmppSettings;
import org.lwm2m4j.transport.sms.SmsNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m server}: the LwM2M server — the registration interface, device management,
 * observations and Send over CoAP/UDP, with the REST API and its event stream over HTTP — logging
 * one line per registration event. Runs until interrupted. State is kept in SQLite in {@code
 * --data-dir} unless {@code --store memory}; a stop (SIGTERM, Ctrl-C) flushes it and keeps the
 * DTLS sessions in {@value #DTLS_SESSION_FILE} there until the next start.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Run the LwM2M server over CoAP/UDP (and SMS with --smpp) with its REST API (http://HOST:8080/api/v1/clients; https:// with --https-cert or --https-keystore) and web console (http://HOST:8080/).",
        "Stop it with Ctrl-C."})
public final class ServerCommand implements Callable<Integer> {
  /** The file in the data directory that holds the DTLS sessions from a clean stop to the next start. */
  public static final String DTLS_SESSION_FILE = "dtls-sessions.bin";

  @Option(names = "--coap-port", defaultValue = "5683", paramLabel = "PORT", description = "UDP port for CoAP (default ${DEFAULT-VALUE})")
  int coapPort;

  @Option(names = "--coap-address", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
      description = "address to bind CoAP to (default ${DEFAULT-VALUE}: every interface)")
  String coapAddress;

  @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT", description = "TCP port of the REST API (default ${DEFAULT-VALUE})")
  int httpPort;

  @Option(names = "--http-address", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
      description = "address to bind the REST API to (default ${DEFAULT-VALUE})")
  String httpAddress;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "directory of extra object models (OMA DDF XML files)")
  Path modelsDir;

  @Option(names = "--coaps-port", defaultValue = "5684", paramLabel = "PORT",
      description = "UDP port for CoAP over DTLS (default ${DEFAULT-VALUE}; -1 turns DTLS off)")
  int coapsPort;

  @Mixin
  ServerCredentialOptions credentials;

  @Option(names = "--api-token", paramLabel = "TOKEN",
      description = "require Authorization: Bearer TOKEN on the REST API, event stream and /metrics")
  String apiToken;

  @Mixin
  HttpsOptions https;

  @Option(names = "--unsecured", defaultValue = "allow", paramLabel = "allow|deny",
      description = "whether endpoints without credentials may register over plain CoAP (default ${DEFAULT-VALUE}; use deny in production)")
  String unsecured;

  @Option(names = "--firmware-dir", paramLabel = "DIR",
      description = "keep uploaded firmware images in DIR across restarts (default: DATA-DIR/firmware, or memory only with --store memory)")
  java.nio.file.Path firmwareDir;

  @Option(names = "--firmware-host", paramLabel = "HOST",
      description = "the host devices reach this server at, in the Package URIs of pull updates (default: the CoAP address, or this machine's)")
  String firmwareHost;

  @Option(names = "--firmware-max-size", defaultValue = "64MiB", paramLabel = "SIZE",
      description = "the largest firmware image an upload may bring, in bytes or with a unit: 16MiB, 1GiB, 500MB (default ${DEFAULT-VALUE})")
  String firmwareMaxSize;

  @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR",
      description = "where registrations, observations and credentials are kept, and the DTLS sessions from a clean stop to the next start (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--store", defaultValue = "sqlite", paramLabel = "STORE",
      description = "sqlite keeps state in DIR/lwm2m4j.db across restarts (one node); memory forgets it at exit; redis://HOST:PORT[/DB] shares it with the other nodes of a cluster (docs/cluster.md) (default ${DEFAULT-VALUE})")
  String storeKind;

  @Option(names = "--node-id", paramLabel = "ID",
      description = "with --store redis://…: this node's name in the cluster (default: the host name and the CoAP port, HOST:PORT)")
  String nodeId;

  @Option(names = "--cluster-dtls-port", paramLabel = "PORT",
      description = "with --store redis://…: UDP port where the nodes forward each other DTLS records (default: DTLS port + 1000; 0: any free one; see docs/cluster.md)")
  Integer clusterDtlsPort;

  @Mixin
  SmsOptions sms;

  @Mixin
  LoggingOptions logging;

  @Spec
  CommandSpec spec;

  /** The SQLite store in the data directory, or empty for {@code --store memory}. */
  private Optional<SqliteStore> openStore(Optional<RedisNode> cluster) {
    switch (storeKind) {
      case "memory":
        return Optional.empty();
      case "sqlite":
        try {
          return Optional.of(SqliteStore.open(dataDir));
        } catch (StoreException e) {
          throw new BadInputException("--data-dir: " + e.getMessage(), e);
        }
      default:
        // a cluster node: the Redis store comes with the rest of the cluster (ClusterNodeAssembly)
        return Optional.empty();
    }
  }

  /**
   * This server as a node of a cluster with {@code --store redis://…}, with {@code --node-id} or its default; empty
   * with SQLite or memory. A URI that is not {@code redis://HOST:PORT[/DB]} or a bad id is the user's to fix.
   */
  Optional<RedisNode> redisNode() {
    if (storeKind.equals("sqlite") || storeKind.equals("memory")) {
      if (nodeId != null) {
        throw new BadInputException("--node-id names a node of a cluster: it needs --store " + RedisNode.FORM);
      }
      return Optional.empty();
    }
    if (!storeKind.contains("://")) {
      throw new BadInputException("--store takes sqlite, memory or " + RedisNode.FORM + ", not '" + storeKind + "'");
    }
    return Optional.of(new RedisNode(RedisNode.parseUri(storeKind), nodeId != null ? nodeId : defaultNodeId()));
  }

  /** {@code HOST:PORT}: unique per machine and CoAP port, and stable across restarts, so a node keeps its name. */
  private String defaultNodeId() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    return host + ":" + coapPort;
  }

  /**
   * With DTLS on a cluster node: the address of the internal DTLS cluster channel, on the CoAP address (or
   * loopback when that is every interface, as the other nodes need one they can send to).
   */
  Optional<InetSocketAddress> dtlsClusterAddress() {
    if (coapsPort < 0) {
      return Optional.empty();
    }
    int port = clusterDtlsPort != null ? clusterDtlsPort : coapsPort == 0 ? 0 : coapsPort + 1000;
    if (port < 0 || port > 65535) {
      throw new BadInputException("--cluster-dtls-port takes 0 to 65535" + (clusterDtlsPort == null
          ? " (the default, --coaps-port + 1000, is " + port + ": give one)" : ", not " + port));
    }
    java.net.InetAddress host;
    try {
      host = java.net.InetAddress.getByName(publishedHost(coapAddress));
    } catch (java.net.UnknownHostException e) {
      throw new BadInputException("--coap-address " + coapAddress + ": " + e.getMessage(), e);
    }
    if (port == 0) {
      // the heartbeat publishes the address before the endpoint binds it: pick a free port now
      try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress(host, 0))) {
        port = probe.getLocalPort();
      } catch (java.net.SocketException e) {
        throw new BadInputException("--coap-address " + coapAddress + ": no free UDP port for the DTLS cluster channel: " + e.getMessage(), e);
      }
    } else {
      checkClusterPortFree(new InetSocketAddress(host, port));
    }
    return Optional.of(new InetSocketAddress(host, port));
  }

  /**
   * Fails with a line naming the option when the DTLS cluster channel's port is taken: were it found only when
   * the endpoint binds, Californium would report it as an error of its own (a NullPointerException's text).
   */
  private void checkClusterPortFree(InetSocketAddress address) {
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(null)) {
      probe.setReuseAddress(false);
      probe.bind(address);
    } catch (java.net.BindException e) {
      String message = "udp port " + address.getPort() + " on " + address.getHostString() + " is in use (another server running? "
          + (clusterDtlsPort == null ? "it is the default for the DTLS cluster channel, --coaps-port + 1000: " : "")
          + "choose another with --cluster-dtls-port)";
      throw new java.io.UncheckedIOException(message, new java.net.BindException(message));
    } catch (java.net.SocketException e) {
      throw new BadInputException("--cluster-dtls-port " + address.getPort() + ": cannot bind udp " + address.getHostString() + ":"
          + address.getPort() + ": " + e.getMessage(), e);
    }
  }

  /** {@code address}, or loopback for the wildcard, which no other node can send to. */
  private static String publishedHost(String address) {
    return address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
  }

  private UnsecuredPolicy unsecuredPolicy() {
    switch (unsecured) {
      case "allow":
        return UnsecuredPolicy.ALLOW;
      case "deny":
        return UnsecuredPolicy.DENY;
      default:
        throw new BadInputException("--unsecured takes allow or deny, not '" + unsecured + "'");
    }
  }

  /** The firmware settings the options give: image size limit and Package URI host. */
  FirmwareSettings firmwareSettings() {
    FirmwareSettings settings = FirmwareSettings.DEFAULTS;
    try {
      settings = settings.withMaxImageBytes(ByteSize.parse(firmwareMaxSize).bytes());
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--firmware-max-size: " + e.getMessage(), e);
    }
    return firmwareHost == null ? settings : settings.withPackageHost(firmwareHost);
  }

  private static String describe(SqliteStore store) {
    SqliteStore.Loaded loaded = store.loaded();
    return "store " + store.file() + ": loaded " + loaded.registrations() + " registration(s), " + loaded.observations()
        + " observation(s), " + loaded.credentials() + " credential(s); " + loaded.expired() + " registration(s) expired while down";
  }

  /** The SMS side of the server: the SMPP link to the SMSC and the scheduler it shares with the server. */
  private record SmsSide(SmppSettings smpp, SystemScheduler scheduler, SmsNetwork network) implements AutoCloseable {
    /** Opens the link (it binds in the background) and points {@code builder} at it. */
    static SmsSide open(SmppSettings smpp, CoapSettings coap, java.time.Duration wakeUpRetry, LwM2mServerBuilder builder) {
      SystemScheduler scheduler = SystemScheduler.create("lwm2m-server");
      SmsNetwork network = SmsNetwork.open(smpp, scheduler, coap);
      builder.scheduler(scheduler).sms(smpp.ownNumber(), network).smsWakeUpRetry(wakeUpRetry);
      return new SmsSide(smpp, scheduler, network);
    }

    /** For the start line: {@code , SMS: sms:336… via SMSC 127.0.0.1:2775}. */
    String describe() {
      return ", SMS: sms:" + smpp.ownNumber() + " via SMSC " + smpp.host() + ":" + smpp.port();
    }

    /** After the server: unbinds from the SMSC, then stops the scheduler the server ran on. */
    @Override
    public void close() {
      network.close();
      scheduler.close();
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    // read before anything listens: a bad certificate or key stops the start with one line
    Optional<org.lwm2m4j.app.rest.HttpsSettings> httpsSettings = https.settings();
    Optional<SmppSettings> smpp = sms.smpp();
    CoapSettings smsCoap = sms.coapSettings();
    java.time.Duration wakeUpRetry = sms.wakeUpRetry();
    String httpScheme = httpsSettings.isPresent() ? "https" : "http";
    Optional<RedisNode> cluster = redisNode();
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    if (modelsDir != null) {
      models = ModelsDirectory.load(models, modelsDir);
    }
    LwM2mServerBuilder builder = LwM2mServer.builder().coapAddress(new InetSocketAddress(coapAddress, coapPort)).models(models)
        .unsecured(unsecuredPolicy());
    if (coapsPort >= 0) {
      builder.coapsAddress(new InetSocketAddress(coapAddress, coapsPort));
    }
    builder.dtlsIdentity(credentials.identity());
    FirmwareSettings firmwareSettings = firmwareSettings();
    builder.firmwareSettings(firmwareSettings);
    List<PskSecurity> psks = credentials.psks();
    // before the firmware directory inside it: the store creates DATA-DIR owner-only, as it holds keys
    Optional<SqliteStore> store = openStore(cluster);
    // Images are state like registrations: kept next to the store unless the store is in memory.
    if (firmwareDir == null && storeKind.equals("sqlite")) {
      firmwareDir = dataDir.resolve("firmware");
    }
    if (firmwareDir != null) {
      try {
        // room for at least one image of the largest size allowed
        builder.firmwareRepository(FirmwareRepository.inDirectory(firmwareDir,
            Math.max(FirmwareRepository.DEFAULT_MAX_TOTAL_BYTES, firmwareSettings.maxImageBytes())));
      } catch (IOException e) {
        store.ifPresent(SqliteStore::close);
        throw new BadInputException("--firmware-dir " + firmwareDir + ": " + e.getMessage());
      }
    }
    store.ifPresent(builder::store);
    Optional<ClusterNodeAssembly> clusterNode = cluster.map(node -> ClusterNodeAssembly.open(node,
        httpScheme + "://" + publishedHost(httpAddress) + ":" + httpPort, dtlsClusterAddress()));
    try {
      clusterNode.ifPresent(assembly -> assembly.configure(builder, Optional.ofNullable(System.getenv(ClusterNodeAssembly.SECRET_VARIABLE))));
    } catch (RuntimeException e) {
      clusterNode.ifPresent(ClusterNodeAssembly::close);
      throw e;
    }
    // DTLS sessions are state too: a clean stop keeps them next to the store, so devices need no new handshake
    store.ifPresent(s -> builder.dtlsSessionFile(dataDir.resolve(DTLS_SESSION_FILE)));
    // last before the start: from here on every way out closes it
    Optional<SmsSide> smsSide = smpp.map(settings -> SmsSide.open(settings, smsCoap, wakeUpRetry, builder));
    LwM2mServer server;
    try {
      server = builder.start();
    } catch (IOException | RuntimeException e) {
      smsSide.ifPresent(SmsSide::close);
      store.ifPresent(SqliteStore::close);
      clusterNode.ifPresent(ClusterNodeAssembly::close);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      spec.commandLine().getErr().println("lwm2m server: cannot listen on udp " + coapAddress + ":" + coapPort
          + (coapsPort >= 0 ? " and " + coapsPort : "") + ": " + e.getMessage());
      return 1;
    }
    clusterNode.ifPresent(assembly -> assembly.armObservationsOf(server));
    // after the start, so that the server's listeners end the registrations of revoked keys
    Optional<PskFileSync.Outcome> pskSync;
    try {
      pskSync = credentials.pskFile().map(file -> PskFileSync.apply(server.security(), file, psks));
    } catch (ConflictException e) {
      server.close();
      smsSide.ifPresent(SmsSide::close);
      store.ifPresent(SqliteStore::close);
      clusterNode.ifPresent(ClusterNodeAssembly::close);
      throw new BadInputException("--psk-file " + e.getMessage(), e);
    }
    RestApi rest;
    try {
      rest = RestApi.start(server, httpAddress, httpPort, server.security(), server.serverCredentials(),
          java.util.Optional.ofNullable(apiToken).map(org.lwm2m4j.app.rest.ApiToken::new), httpsSettings,
          clusterNode.map(ClusterNodeAssembly::eventRelay).orElseGet(org.lwm2m4j.app.rest.EventRelay::none));
    } catch (RuntimeException e) {
      server.close();
      smsSide.ifPresent(SmsSide::close);
      store.ifPresent(SqliteStore::close);
      clusterNode.ifPresent(ClusterNodeAssembly::close);
      spec.commandLine().getErr().println("lwm2m server: cannot listen on " + httpScheme + " " + httpAddress + ":" + httpPort + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getErr().println("lwm2m server: CoAP on udp " + coapAddress + ":" + server.coapAddress().getPort()
        + server.coapsAddress().map(a -> ", CoAP over DTLS on udp " + coapAddress + ":" + a.getPort()).orElse("")
        + smsSide.map(SmsSide::describe).orElse("")
        + ", REST API on " + httpScheme + "://" + httpAddress + ":" + rest.port() + "/api/v1/clients"
        + ", web console on " + httpScheme + "://" + httpAddress + ":" + rest.port() + "/"
        + pskSync.map(sync -> ", " + sync.loaded().size() + " PSK client(s) loaded, " + sync.revoked().size()
            + " revoked (no longer in --psk-file)").orElse("")
        + ", unsecured registrations " + (unsecuredPolicy() == UnsecuredPolicy.ALLOW ? "allowed" : "denied"));
    spec.commandLine().getErr().println("lwm2m server: " + clusterNode.map(ClusterNodeAssembly::describe)
        .or(() -> store.map(ServerCommand::describe)).orElse("state in memory only (--store memory)"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      rest.close();
      server.close();
      smsSide.ifPresent(SmsSide::close);
      // after the server: the writes of its last requests are flushed before the file closes
      store.ifPresent(SqliteStore::close);
      clusterNode.ifPresent(ClusterNodeAssembly::close);
      stopped.countDown();
    }, "lwm2m-shutdown"));
    stopped.await();
    return 0;
  }
}
