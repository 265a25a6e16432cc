package org.lwm2m4j.examples;

// README:begin EmbeddedServer
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;

/** A server that reads each new client's manufacturer and observes its temperature. */
public final class EmbeddedServer {
  public static void main(String[] args) throws Exception {
    try (LwM2mServer server = start(new InetSocketAddress(5683), System.out::println)) {
      Thread.currentThread().join();   // serve until the process is stopped
    }
  }

  public static LwM2mServer start(InetSocketAddress coapAddress, Consumer<String> out) throws IOException {
    LwM2mServer server = LwM2mServer.builder().coapAddress(coapAddress).start();
    server.observations().addListener(notification -> notification.content().forEach((path, node) ->
        out.accept(notification.registration().endpoint() + " " + path + " = " + ((SingleResource) node).value().toText())));
    server.registrations().addListener(new RegistrationListener() {
      @Override
      public void registered(Registration client, Optional<Registration> replaced) {
        // listeners run on the server's event thread: start requests, never wait for them here
        server.devices().read(client, LwM2mPath.of(3, 0, 0), RequestOptions.DEFAULTS)
            .thenAccept(node -> out.accept(client.endpoint() + " manufacturer " + ((SingleResource) node).value().toText()));
        server.observations().observe(client, LwM2mPath.of(3303, 0, 5700), List.of(), RequestOptions.DEFAULTS)
            .exceptionally(failure -> {
              out.accept(client.endpoint() + " cannot be observed: " + failure.getMessage());
              return null;
            });
      }
    });
    return server;
  }
}
// README:end
