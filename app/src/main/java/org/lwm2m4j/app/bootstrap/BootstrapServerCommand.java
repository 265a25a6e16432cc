package org.lwm2m4j.app.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.cli.ModelsDirectory;
import org.lwm2m4j.app.bootstrap.rest.BootstrapRestApi;
import org.lwm2m4j.app.logging.LoggingOptions;
import org.lwm2m4j.app.security.HttpsOptions;
import org.lwm2m4j.app.security.ServerCredentialOptions;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.SessionRecorder;
import java.util.Optional;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.FileBootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.store.sqlite.SqliteStore;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.ServerDtlsIdentity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m bootstrap-server}: the Bootstrap-Server, with configurations kept durably in {@code
 * --data-dir}, managed over REST, and events per session. Bootstrap clients over DTLS PSK are
 * known from {@code --psk-file} and from each configuration's own Bootstrap-Server account (the
 * credentials it gives the client for its next bootstrap).
 */
@Command(name = "bootstrap-server", mixinStandardHelpOptions = true,
    description = {"Run the LwM2M Bootstrap-Server with its REST API (http://HOST:8081/api/v1/bootstrap/configs; https:// with --https-cert or --https-keystore) and web console (http://HOST:8081/).",
        "Stop it with Ctrl-C."})
public final class BootstrapServerCommand implements Callable<Integer> {
  @Option(names = "--coap-port", defaultValue = "5783", paramLabel = "PORT", description = "UDP port for CoAP (default ${DEFAULT-VALUE})")
  int coapPort;

  @Option(names = "--coaps-port", defaultValue = "5784", paramLabel = "PORT",
      description = "UDP port for CoAP over DTLS (default ${DEFAULT-VALUE}; -1 turns DTLS off)")
  int coapsPort;

  @Option(names = "--coap-address", defaultValue = "0.0.0.0", paramLabel = "ADDRESS", description = "address to bind (default ${DEFAULT-VALUE})")
  String coapAddress;

  @Option(names = "--http-port", defaultValue = "8081", paramLabel = "PORT", description = "TCP port of the REST API (default ${DEFAULT-VALUE})")
  int httpPort;

  @Option(names = "--http-address", defaultValue = "0.0.0.0", paramLabel = "ADDRESS", description = "address of the REST API")
  String httpAddress;

  @Option(names = "--data-dir", defaultValue = "./data-bs", paramLabel = "DIR", description = "where configurations are kept (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--store", defaultValue = "sqlite", paramLabel = "sqlite|file|memory",
      description = "sqlite: DIR/lwm2m4j.db; file: one JSON file per endpoint under DIR; memory: forgotten at exit (default ${DEFAULT-VALUE})")
  String storeKind;

  @Mixin
  ServerCredentialOptions credentials;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "directory of extra object models (OMA DDF XML files)")
  Path modelsDir;

  @Option(names = "--api-token", paramLabel = "TOKEN",
      description = "require Authorization: Bearer TOKEN on the REST API and event stream (the web console asks for it)")
  String apiToken;

  @Mixin
  HttpsOptions https;

  @Mixin
  LoggingOptions logging;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    // read before anything listens: a bad certificate or key stops the start with one line
    Optional<org.lwm2m4j.app.rest.HttpsSettings> httpsSettings = https.settings();
    String httpScheme = httpsSettings.isPresent() ? "https" : "http";
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    if (modelsDir != null) {
      models = ModelsDirectory.load(models, modelsDir);
    }
    Optional<SqliteStore> sqlite = Optional.empty();
    BootstrapConfigStore configs;
    try {
      switch (storeKind) {
        case "sqlite":
          sqlite = Optional.of(SqliteStore.open(dataDir));
          configs = sqlite.get().bootstrapConfigs();
          break;
        case "file":
          configs = new FileBootstrapConfigStore(dataDir);
          break;
        case "memory":
          configs = new InMemoryBootstrapConfigStore();
          break;
        default:
          throw new BadInputException("--store takes sqlite, file or memory, not '" + storeKind + "'");
      }
    } catch (BadInputException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new BadInputException("--data-dir: cannot use " + dataDir + ": " + e.getMessage(), e);
    }
    Optional<SqliteStore> ownStore = sqlite;
    InMemorySecurityStore security = new InMemorySecurityStore();
    credentials.psks().forEach(security::put);
    ServerDtlsIdentity identity = credentials.identity();
    BootstrapCredentials store = new BootstrapCredentials(configs, security);
    BootstrapServer.Builder builder = BootstrapServer.builder(endpoint -> store.get(endpoint).map(BootstrapConfig::plan))
        .coapAddress(new InetSocketAddress(coapAddress, coapPort)).models(models).securityStore(security).dtlsIdentity(identity);
    if (coapsPort >= 0) {
      builder.coapsAddress(new InetSocketAddress(coapAddress, coapsPort));
    }
    BootstrapServer server;
    try {
      server = builder.start();
    } catch (IOException e) {
      ownStore.ifPresent(SqliteStore::close);
      spec.commandLine().getErr().println("lwm2m bootstrap-server: cannot listen on udp " + coapAddress + ":" + coapPort + ": " + e.getMessage());
      return 1;
    }
    server.addListener(new SessionRecorder(store, java.time.Clock.systemUTC()));
    BootstrapRestApi rest;
    try {
      rest = BootstrapRestApi.start(server, store, httpAddress, httpPort,
          java.util.Optional.ofNullable(apiToken).map(org.lwm2m4j.app.rest.ApiToken::new), httpsSettings);
    } catch (RuntimeException e) {
      server.close();
      ownStore.ifPresent(SqliteStore::close);
      spec.commandLine().getErr().println("lwm2m bootstrap-server: cannot listen on " + httpScheme + " " + httpAddress + ":" + httpPort + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getErr().println("lwm2m bootstrap-server: CoAP on udp " + coapAddress + ":" + server.coapAddress().getPort()
        + server.coapsAddress().map(a -> ", CoAP over DTLS on udp " + coapAddress + ":" + a.getPort()).orElse("")
        + ", REST API on " + httpScheme + "://" + httpAddress + ":" + rest.port() + "/api/v1/bootstrap/configs"
        + ", web console on " + httpScheme + "://" + httpAddress + ":" + rest.port() + "/, "
        + configs.all().size() + " configuration(s) " + (storeKind.equals("memory") ? "in memory" : "in " + dataDir + " (" + storeKind + ")"));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      rest.close();
      server.close();
      ownStore.ifPresent(SqliteStore::close);
      stopped.countDown();
    }, "lwm2m-shutdown"));
    stopped.await();
    return 0;
  }
}
