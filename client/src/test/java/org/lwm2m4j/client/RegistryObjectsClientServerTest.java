package org.lwm2m4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;

/**
 * Objects of the OMA registry beyond the core and IPSO ones work out of the box: client and
 * server both know them from the bundled models, with no {@code --models-dir}.
 */
class RegistryObjectsClientServerTest {
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5));

  private LwM2mServer server;
  private LwM2mClient client;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    client = LwM2mClient.builder("portfolio")
        .localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), 0.9))
        .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 60)
        .object(16, List.of())
        .start();
    await().atMost(Duration.ofSeconds(20)).until(() -> server.registrations().store().byEndpoint("portfolio").isPresent());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void theServerCreatesAndReadsAPortfolioInstance() throws Exception {
    Registration registration = server.registrations().store().byEndpoint("portfolio").orElseThrow();
    LwM2mObjectInstance identity = LwM2mObjectInstance.of(0,
        MultipleResource.of(0, ResourceType.STRING, LwM2mResourceInstance.of(0, Value.of("host device"))));

    LwM2mPath created = server.devices().create(registration, 16, identity, OPTIONS).get(10, TimeUnit.SECONDS);
    LwM2mNode read = server.devices().read(registration, LwM2mPath.of(16, 0, 0), OPTIONS).get(10, TimeUnit.SECONDS);

    assertThat(created).isEqualTo(LwM2mPath.of(16, 0));
    assertThat(read).isEqualTo(identity.resource(0).orElseThrow());
    await().atMost(Duration.ofSeconds(20)).until(() -> server.registrations().store().byEndpoint("portfolio")
        .orElseThrow().objectLinks().instances().contains(LwM2mPath.of(16, 0)));
  }
}
