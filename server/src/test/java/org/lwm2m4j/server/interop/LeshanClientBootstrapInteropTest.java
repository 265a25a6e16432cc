package org.lwm2m4j.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.LwM2mId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.bootstrap.BootstrapPlan;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.BootstrapSessionListener;

/** An Eclipse Leshan 2.0.0-M15 client bootstraps from our Bootstrap-Server, then registers with our server. */
class LeshanClientBootstrapInteropTest {
  private LwM2mServer server;
  private BootstrapServer bootstrapServer;
  private LeshanClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.destroy(false);
    }
    if (bootstrapServer != null) {
      bootstrapServer.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void leshanBootstrapsFromUsAndRegistersWithOurServer() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    Map<LwM2mPath, LwM2mObjectInstance> writes = new LinkedHashMap<>();
    writes.put(LwM2mPath.of(0, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("coap://127.0.0.1:" + server.coapAddress().getPort())), SingleResource.of(1, Value.of(false)),
        SingleResource.of(2, Value.ofInteger(3)), SingleResource.of(3, Value.of(new byte[0])), SingleResource.of(4, Value.of(new byte[0])),
        SingleResource.of(5, Value.of(new byte[0])), SingleResource.of(10, Value.ofInteger(5))));
    writes.put(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.ofInteger(5)),
        SingleResource.of(1, Value.ofInteger(60)), SingleResource.of(6, Value.of(false)), SingleResource.of(7, Value.of("U"))));
    BootstrapPlan plan = new BootstrapPlan(List.of(LwM2mPath.of(1)), writes, Optional.empty());
    bootstrapServer = BootstrapServer.builder(endpoint -> endpoint.equals("leshan-bs") ? Optional.of(plan) : Optional.empty())
        .coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    BlockingQueue<String> sessions = new LinkedBlockingQueue<>();
    bootstrapServer.addListener(new BootstrapSessionListener() {
      @Override
      public void finished(String endpoint) {
        sessions.add("finished " + endpoint);
      }

      @Override
      public void failed(String endpoint, String reason) {
        sessions.add("failed " + endpoint + ": " + reason);
      }
    });

    ObjectsInitializer objects = new ObjectsInitializer();
    objects.setInstancesForObject(LwM2mId.SECURITY, Security.noSecBootstrap("coap://127.0.0.1:" + bootstrapServer.coapAddress().getPort()));
    objects.setClassForObject(LwM2mId.SERVER, Server.class);
    objects.setInstancesForObject(LwM2mId.DEVICE, new Device("Eclipse Leshan", "bootstrap", "42"));
    LeshanClientBuilder builder = new LeshanClientBuilder("leshan-bs");
    builder.setObjects(objects.createAll());
    builder.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider())
        .setClientAddress(InetAddress.getLoopbackAddress()).build());
    client = builder.build();
    client.start();

    assertThat(sessions.poll(20, TimeUnit.SECONDS)).isEqualTo("finished leshan-bs");
    await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertThat(server.registrations().store().byEndpoint("leshan-bs"))
        .as("Leshan registered with the account we wrote").isPresent());
  }
}
