package org.lwm2m4j.app.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.cli.ModelsDirectory;
import org.lwm2m4j.app.logging.LoggingOptions;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.object.standard.ConnectivityMonitoringInstance;
import org.lwm2m4j.client.object.standard.ConnectivityStatisticsInstance;
import org.lwm2m4j.client.object.standard.DeviceInfo;
import org.lwm2m4j.client.object.standard.DeviceInstance;
import org.lwm2m4j.client.object.standard.LocationInstance;
import org.lwm2m4j.app.security.PemFiles;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.registration.ServerActions;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m client}: a LwM2M client with the Security, Server, Access Control, Device,
 * Connectivity Monitoring, Location and Connectivity Statistics objects and any modelled object
 * of {@code --object}, registered with one server, driven from an interactive console on stdin
 * ({@link ClientConsole}).
 */
@Command(name = "client", mixinStandardHelpOptions = true,
    // the first line is the summary in "lwm2m --help": a whole sentence
    description = {"Run a LwM2M client registered with --server, driven by commands typed on stdin.",
        "Commands: set PATH VALUE | create PATH [RID=VALUE...] | delete PATH | read PATH | send PATH... | update | list | quit"})
public final class ClientCommand implements Callable<Integer> {
  @Option(names = "--server", paramLabel = "URI",
      description = "the LwM2M server, e.g. coap://127.0.0.1:5683 or, with credentials, coaps://127.0.0.1:5684")
  URI server;

  @Option(names = "--endpoint", required = true, paramLabel = "NAME", description = "the endpoint name to register with")
  String endpoint;

  @Option(names = "--lifetime", defaultValue = "300", paramLabel = "S", description = "registration lifetime in seconds (default ${DEFAULT-VALUE})")
  long lifetime;

  @Option(names = "--short-server-id", defaultValue = "1", paramLabel = "ID", description = "the server's Short Server ID (default ${DEFAULT-VALUE})")
  int shortServerId;

  @Option(names = "--local-address", defaultValue = "0.0.0.0", paramLabel = "HOST",
      description = "local address to bind (default ${DEFAULT-VALUE}: every interface)")
  String localAddress;

  @Option(names = "--local-port", defaultValue = "0", paramLabel = "PORT", description = "local UDP port (default: a free one)")
  int localPort;

  @Option(names = "--models-dir", paramLabel = "DIR", description = "directory of extra object models (OMA DDF XML files)")
  Path modelsDir;

  @Option(names = "--lwm2m-version", defaultValue = "1.1", paramLabel = "V",
      description = "the LwM2M version to register with, 1.0, 1.1 or 1.2 (default ${DEFAULT-VALUE}); the core objects take that release's versions")
  String lwm2mVersion;

  @Option(names = "--queue", description = "register in queue mode (Q): the server holds its requests while the client sleeps")
  boolean queue;

  @Option(names = "--object", paramLabel = "ID[:VER]",
      description = "also serve this object (repeatable), e.g. --object 3303 or 3303:1.0, from stored values with no instances "
          + "at start: a server creates them, or the console (create /3303/0)")
  List<String> objects = new ArrayList<>();

  @Option(names = "--psk", paramLabel = "ID:HEXKEY", description = "DTLS with a pre-shared key (coaps:// server)")
  String psk;

  @Option(names = "--bootstrap", paramLabel = "URI",
      description = "the Bootstrap-Server (coap://HOST:5783 or, with --bootstrap-psk, coaps://HOST:5784): bootstrap when no server works")
  URI bootstrap;

  @Option(names = "--bootstrap-psk", paramLabel = "ID:HEXKEY", description = "DTLS PSK for the Bootstrap-Server")
  String bootstrapPsk;

  @Option(names = "--config", paramLabel = "FILE",
      description = "factory bootstrap: Security/Server/ACL instances as SenML JSON, applied at first start")
  Path factoryConfig;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "where the provisioned accounts are kept across restarts")
  Path stateDir;

  @Option(names = "--smartcard", arity = "0..1", fallbackValue = "", paramLabel = "READER",
      description = "bootstrap from the smartcard in READER (default: the first reader with a card), over PC/SC; see docs/smartcard.md")
  String smartcard;

  @Option(names = "--rpk", paramLabel = "KEY,PUB,SERVERPUB",
      description = "DTLS with raw public keys: our private key (PKCS#8 PEM), our public key, the server's public key (PEM files)")
  String rpk;

  @Option(names = "--x509", paramLabel = "CERT,KEY,SERVERCERT[,USAGE]",
      description = "DTLS with certificates: our chain, our key, the server's certificate or CA (PEM files), Certificate Usage 0-3 (default 2)")
  String x509;

  @Option(names = "--firmware-hook", paramLabel = "CMD",
      description = "run CMD FILE when the server executes a firmware update (FILE: the package); exit 0 = success, else failure (default: accept)")
  String firmwareHook;

  @Mixin
  SmsOptions sms;

  @Mixin
  LoggingOptions logging;

  @Spec
  CommandSpec spec;

  /** How long Ctrl-C, SIGTERM or quit waits for the De-register: the process ends within 2 s whatever the server does. */
  static final java.time.Duration DEREGISTER_BUDGET = java.time.Duration.ofSeconds(1);

  /** De-registers within {@link #DEREGISTER_BUDGET} and closes, saying what happened. */
  private static void stop(LwM2mClient client, PrintWriter err) {
    if (client.registrations().registrations().isEmpty()) {
      err.println("lwm2m client: stopping (not registered)");
      client.close(java.time.Duration.ZERO);
      return;
    }
    err.println("lwm2m client: stopping (de-registering, at most " + DEREGISTER_BUDGET.toMillis() + " ms)");
    if (!client.close(DEREGISTER_BUDGET)) {
      err.println("lwm2m client: no answer to the De-register in time; the server expires the registration at the end of its lifetime");
    }
  }

  /** The credentials the options give; they go into the Security object instance of the server. */
  private ClientCredentials credentials() {
    int given = (psk != null ? 1 : 0) + (rpk != null ? 1 : 0) + (x509 != null ? 1 : 0);
    if (given > 1) {
      throw new BadInputException("choose one of --psk, --rpk and --x509");
    }
    if (psk != null) {
      return pskOf(psk, "--psk");
    }
    if (rpk != null) {
      String[] files = rpk.split(",");
      if (files.length != 3) {
        throw new BadInputException("--rpk takes KEY.pem,PUB.pem,SERVERPUB.pem");
      }
      return new ClientCredentials.Rpk(PemFiles.privateKey(Path.of(files[0]), "--rpk"), PemFiles.publicKey(Path.of(files[1]), "--rpk"),
          PemFiles.publicKey(Path.of(files[2]), "--rpk"));
    }
    if (x509 != null) {
      String[] parts = x509.split(",");
      if (parts.length != 3 && parts.length != 4) {
        throw new BadInputException("--x509 takes CERT.pem,KEY.pem,SERVERCERT.pem[,USAGE]");
      }
      int usage = 2;
      if (parts.length == 4) {
        try {
          usage = Integer.parseInt(parts[3]);
        } catch (NumberFormatException e) {
          throw new BadInputException("--x509: the Certificate Usage is 0..3, got '" + parts[3] + "'");
        }
      }
      try {
        return new ClientCredentials.X509(PemFiles.privateKey(Path.of(parts[1]), "--x509"), PemFiles.certificates(Path.of(parts[0]), "--x509"),
            PemFiles.certificates(Path.of(parts[2]), "--x509").get(0), usage);
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--x509: " + e.getMessage());
      }
    }
    return new ClientCredentials.NoSec();
  }

  /** The version of {@code --lwm2m-version}. */
  Version lwm2mVersion() {
    if (!List.of("1.0", "1.1", "1.2").contains(lwm2mVersion)) {
      throw new BadInputException("--lwm2m-version must be 1.0, 1.1 or 1.2, got '" + lwm2mVersion + "'");
    }
    return Version.parse(lwm2mVersion);
  }

  private static ClientCredentials pskOf(String text, String option) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new BadInputException(option + " takes IDENTITY:HEXKEY, e.g. dev1:000102030405060708090a0b0c0d0e0f");
    }
    byte[] key;
    try {
      key = java.util.HexFormat.of().parseHex(text.substring(colon + 1));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option + ": the key must be hexadecimal, got '" + text.substring(colon + 1) + "'");
    }
    try {
      return new ClientCredentials.Psk(text.substring(0, colon), key);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option + ": " + e.getMessage());
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    // the attempts are printed below in words for a terminal; the library's lines of them would say each twice
    logging.effective().toldByTheCommand(RegistrationListener.ATTEMPTS_LOGGER);
    ClientCredentials credentials = credentials();
    boolean secure = !(credentials instanceof ClientCredentials.NoSec);
    sms.check(server != null, secure);
    if (server == null && !sms.smsOnly() && bootstrap == null && factoryConfig == null && stateDir == null && smartcard == null) {
      throw new BadInputException("say where to register: --server URI, or --bootstrap URI, --config FILE, --state-dir DIR or --smartcard");
    }
    if (server != null) {
      ServerUris.check(server, "--server", secure, "--psk IDENTITY:HEXKEY, --rpk or --x509");
    }
    ClientCredentials bootstrapCredentials = bootstrapPsk == null ? new ClientCredentials.NoSec() : pskOf(bootstrapPsk, "--bootstrap-psk");
    if (bootstrap != null) {
      ServerUris.check(bootstrap, "--bootstrap", bootstrapPsk != null, "--bootstrap-psk IDENTITY:HEXKEY");
    }
    if (lifetime < 1) {
      throw new BadInputException("--lifetime must be at least 1 second, got " + lifetime);
    }
    Version version = lwm2mVersion();
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    if (modelsDir != null) {
      models = ModelsDirectory.load(models, modelsDir);
    }
    ServedObjects served = ServedObjects.resolve(objects, models);
    InetSocketAddress bindAddress = new InetSocketAddress(localAddress, localPort);
    if (bindAddress.isUnresolved()) {
      throw new BadInputException("--local-address: cannot resolve '" + localAddress + "'");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // the client's timers, and the device's reboot and factory reset just after their Execute was answered
    org.lwm2m4j.core.schedule.SystemScheduler scheduler = org.lwm2m4j.core.schedule.SystemScheduler.create("lwm2m-client-" + endpoint);
    DeviceInstance device = new DeviceInstance(new DeviceInfo("lwm2m4j", "lwm2m4j-cli", endpoint, "0.1.0", "demo", "1.0", "0.1.0"),
        () -> out.println("device: reboot requested by the server"),
        () -> out.println("device: factory reset requested by the server"), scheduler);
    java.util.concurrent.atomic.AtomicReference<LwM2mClient> self = new java.util.concurrent.atomic.AtomicReference<>();
    org.lwm2m4j.client.object.firmware.FirmwareUpdateInstance firmware = new org.lwm2m4j.client.object.firmware.FirmwareUpdateInstance(
        new HookFirmwareUpdater(java.util.Optional.ofNullable(firmwareHook), out), uri -> self.get().download(uri),
        // the installation (the hook) runs after the Execute has been answered, on the client's scheduler
        task -> self.get().scheduler().schedule(ServerActions.AFTER_THE_ANSWER, task));
    LwM2mClient client;
    java.util.Optional<SmppTransport> smpp = java.util.Optional.empty();
    try {
      LwM2mClient.Builder builder = LwM2mClient.builder(endpoint)
          .scheduler(scheduler)
          .lwm2mVersion(version)
          .models(served.models())
          .queueMode(queue || sms.queue())
          .localAddress(bindAddress);
      if (sms.withSms()) {
        smpp = java.util.Optional.of(sms.open(scheduler));
        builder.sms(sms.ownNumber(), smpp.get().factory());
        builder.server(server != null ? server : sms.smsServerUri(), shortServerId, lifetime, credentials, sms.bindingFor(version),
            sms.serverNumber());
      } else if (server != null) {
        builder.server(server, shortServerId, lifetime, credentials);
      }
      if (bootstrap != null) {
        builder.bootstrapServer(bootstrap, bootstrapCredentials);
      }
      if (factoryConfig != null) {
        builder.factoryConfig(factoryConfig);
      }
      if (stateDir != null) {
        builder.stateDir(stateDir);
      }
      if (smartcard != null) {
        builder.smartcard(smartcard.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(smartcard));
      }
      builder
          .object(2, List.of())
          .object(3, StoredInstance::new, List.of(device))
          .object(4, List.of(new ConnectivityMonitoringInstance()))
          .object(5, StoredInstance::new, List.of(firmware))
          .object(6, List.of(new LocationInstance(48.8584, 2.2945, java.time.Clock.systemUTC())))
          .object(7, List.of(new ConnectivityStatisticsInstance()));
      for (int objectId : served.ids()) {
        builder.object(objectId, List.of());
      }
      client = builder
          // bootstrap, registered and de-registered are the client library's INFO log lines; printing them too showed each twice.
          // Failed and unanswered attempts are printed here instead of the library's lines (see toldByTheCommand above)
          .registrationListener(new RegistrationListener() {
            @Override
            public void failed(int ssid, String reason, long retryInMillis) {
              err.println("lwm2m client: registration with server " + ssid + " failed: " + PrintableText.escape(reason)
                  + "; retrying in " + retryInMillis / 1000 + " s");
            }

            @Override
            public void waiting(int ssid, String reason) {
              err.println("lwm2m client: server " + ssid + ": " + PrintableText.escape(reason) + "; still trying");
            }
          })
          .start();
    } catch (IOException | RuntimeException e) {
      smpp.ifPresent(SmppTransport::close);
      scheduler.close();
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      err.println("lwm2m client: cannot bind udp port " + localPort + ": " + e.getMessage());
      return 1;
    }
    java.util.Optional<SmppTransport> smsTransport = smpp;
    self.set(client);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop(client, err);
      smsTransport.ifPresent(SmppTransport::close);
      scheduler.close();
      stopped.countDown();
    }, "lwm2m-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    err.println("lwm2m client " + endpoint + " on udp port " + client.address().getPort()
        + (sms.withSms() ? " and sms:" + sms.ownNumber() : "") + "; type help for commands");
    boolean quit = new ClientConsole(client, out).run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    if (quit) {
      Runtime.getRuntime().removeShutdownHook(hook);
      stop(client, err);
      smsTransport.ifPresent(SmppTransport::close);
      scheduler.close();
      return 0;
    }
    err.println("lwm2m client: stdin closed; running until interrupted (Ctrl-C)");
    stopped.await();
    return 0;
  }
}
