package org.lwm2m4j.client.registration;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.transport.memory.InMemoryNetwork;

class RegistrationEngineTest {
  @Test
  void serverActionsArrivingAfterTheEngineStoppedAreIgnored() throws Exception {
    // found by ClientInboundFuzzTest: a Disable (/1/0/4) runs 50 ms after its Execute was answered;
    // a client stopped meanwhile threw RejectedExecutionException on a stray thread
    LwM2mClient client = LwM2mClient.builder("dev1").network(new InMemoryNetwork())
        .localAddress(new InetSocketAddress("127.0.0.1", 40000)).server(URI.create("coap://127.0.0.1:5683"), 1, 300).start();
    client.halt();
    RegistrationEngine engine = client.registrations();
    assertThatCode(() -> {
      engine.disable(1);
      engine.triggerUpdate(1);
      engine.updateAll();
      engine.valuesChanged(Set.of(LwM2mPath.parse("/1/0/1")));
      engine.instancesChanged();
      engine.resume();
    }).doesNotThrowAnyException();
  }
}
