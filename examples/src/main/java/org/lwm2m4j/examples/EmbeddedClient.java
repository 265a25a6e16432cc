package org.lwm2m4j.examples;

// README:begin EmbeddedClient
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/** A device "dev1" with a temperature sensor (IPSO object 3303) whose value changes every 10 s. */
public final class EmbeddedClient {
  public static void main(String[] args) throws Exception {
    StoredInstance sensor = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5))));
    try (LwM2mClient client = start(URI.create("coap://127.0.0.1:5683"), new InetSocketAddress(0), sensor)) {
      for (double celsius = 22.0; ; celsius += 0.5) {
        Thread.sleep(10_000);
        sensor.set(5700, Value.ofFloat(celsius));   // observers are notified per their attributes
      }
    }
  }

  public static LwM2mClient start(URI server, InetSocketAddress local, StoredInstance sensor) throws IOException {
    return LwM2mClient.builder("dev1")
        .localAddress(local)                 // port 0: any free port
        .server(server, 1, 300)              // short server id 1, lifetime 300 s
        .object(3303, List.of(sensor))       // any modelled object, served from stored values
        .start();                            // registers in the background, and again on failure
  }
}
// README:end
