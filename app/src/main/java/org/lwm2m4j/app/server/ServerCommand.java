package org.lwm2m4j.app.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.RegistrationHandler;
import org.lwm2m4j.server.registration.RegistrationService;
import org.lwm2m4j.transport.CoapServerEndpoint;
import org.lwm2m4j.transport.CoapSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m server}: the LwM2M server. Today it serves the Client Registration interface over
 * CoAP/UDP (Register, Update, De-register, expiry), logging one line per registration event; the
 * device API, REST API and events stream come next. Runs until interrupted.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Run the LwM2M server: the registration interface over CoAP/UDP (device management and",
        "the REST API are not yet available in this build). Stop it with Ctrl-C."})
public final class ServerCommand implements Callable<Integer> {
  @Option(names = "--coap-port", defaultValue = "5683", paramLabel = "PORT", description = "UDP port for CoAP (default ${DEFAULT-VALUE})")
  int coapPort;

  @Option(names = "--coap-address", defaultValue = "0.0.0.0", paramLabel = "ADDRESS",
      description = "address to bind CoAP to (default ${DEFAULT-VALUE}: every interface)")
  String coapAddress;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException, InterruptedException {
    RegistrationService registrations =
        new RegistrationService(new InMemoryRegistrationStore(Duration.ofSeconds(30)), Clock.systemUTC(), Duration.ofSeconds(1));
    CoapServerEndpoint coap;
    try {
      coap = CoapServerEndpoint.start(new InetSocketAddress(coapAddress, coapPort),
          new RegistrationHandler(registrations), CoapSettings.DEFAULTS);
    } catch (IOException e) {
      registrations.close();
      spec.commandLine().getErr().println("lwm2m server: cannot listen on udp " + coapAddress + ":" + coapPort + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getErr().println("lwm2m server: registration interface on coap://" + coap.address().getAddress().getHostAddress()
        + ":" + coap.address().getPort() + " (device management and REST API: not yet available in this build)");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      coap.close();
      registrations.close();
      stopped.countDown();
    }, "lwm2m-shutdown"));
    stopped.await();
    return 0;
  }
}
