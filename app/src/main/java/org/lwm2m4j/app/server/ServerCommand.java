package org.lwm2m4j.app.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lwm2m4j.app.ModelsDirectory;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.server.LwM2mServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lwm2m server}: the LwM2M server — the registration interface, device management,
 * observations and Send over CoAP/UDP, with the REST API and its event stream over HTTP — logging
 * one line per registration event. Runs until interrupted.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = {"Run the LwM2M server over CoAP/UDP with its REST API (http://HOST:8080/api/v1/clients).",
        "Stop it with Ctrl-C."})
public final class ServerCommand implements Callable<Integer> {
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

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    ObjectModelRegistry models = ObjectModelRegistry.bundled();
    if (modelsDir != null) {
      models = ModelsDirectory.load(models, modelsDir);
    }
    LwM2mServer server;
    try {
      server = LwM2mServer.builder().coapAddress(new InetSocketAddress(coapAddress, coapPort)).models(models).start();
    } catch (IOException e) {
      spec.commandLine().getErr().println("lwm2m server: cannot listen on udp " + coapAddress + ":" + coapPort + ": " + e.getMessage());
      return 1;
    }
    RestApi rest;
    try {
      rest = RestApi.start(server, httpAddress, httpPort);
    } catch (RuntimeException e) {
      server.close();
      spec.commandLine().getErr().println("lwm2m server: cannot listen on http " + httpAddress + ":" + httpPort + ": " + e.getMessage());
      return 1;
    }
    spec.commandLine().getErr().println("lwm2m server: CoAP on udp " + coapAddress + ":" + server.coapAddress().getPort()
        + ", REST API on http://" + httpAddress + ":" + rest.port() + "/api/v1/clients");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      rest.close();
      server.close();
      stopped.countDown();
    }, "lwm2m-shutdown"));
    stopped.await();
    return 0;
  }
}
