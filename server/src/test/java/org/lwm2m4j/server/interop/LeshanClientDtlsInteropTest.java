package org.lwm2m4j.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.LwM2mServerBuilder;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.observation.Notification;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.X509Security;
import org.lwm2m4j.transport.dtls.TestCredentials;

/** An Eclipse Leshan 2.0.0-M15 client with our server over DTLS: PSK, RPK and X.509, each with a Read and an Observe. */
class LeshanClientDtlsInteropTest {
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5));

  private LwM2mServer server;
  private LeshanClient client;
  private LeshanClientInteropTest.Temperature temperature;
  private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    if (client != null) {
      client.destroy(false);
    }
    if (server != null) {
      server.close();
    }
  }

  private void startServer(LwM2mServerBuilder builder) throws Exception {
    server = builder.coapAddress(new InetSocketAddress("127.0.0.1", 0)).coapsAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    server.observations().addListener(notifications::add);
  }

  private String coaps() {
    return "coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort();
  }

  private void startClient(String endpoint, Security security) throws Exception {
    List<org.eclipse.leshan.core.model.ObjectModel> models = new java.util.ArrayList<>(ObjectLoader.loadAllDefault());
    try (var ddf = LwM2mServer.class.getResourceAsStream("/org/lwm2m4j/core/model/bundled/3303.xml")) {
      models.addAll(ObjectLoader.loadDdfFile(ddf, "3303.xml"));
    }
    ObjectsInitializer objects = new ObjectsInitializer(new StaticModel(models));
    objects.setInstancesForObject(LwM2mId.SECURITY, security);
    objects.setInstancesForObject(LwM2mId.SERVER, new Server(123, 60));
    objects.setInstancesForObject(LwM2mId.DEVICE, new Device("Eclipse Leshan", "interop", "1234"));
    temperature = new LeshanClientInteropTest.Temperature();
    objects.setInstancesForObject(3303, temperature);
    LeshanClientBuilder builder = new LeshanClientBuilder(endpoint);
    builder.setObjects(objects.createAll());
    builder.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapsClientProtocolProvider())
        .setClientAddress(InetAddress.getLoopbackAddress()).build());
    client = builder.build();
    client.start();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(server.registrations().store().byEndpoint(endpoint))
        .as(endpoint + " registered over DTLS").isPresent());
  }

  private void readAndObserve(String endpoint) throws Exception {
    Registration registration = server.registrations().store().byEndpoint(endpoint).orElseThrow();
    assertThat(registration.secure()).isTrue();
    assertThat(server.devices().read(registration, LwM2mPath.of(3, 0, 0), OPTIONS).get(10, TimeUnit.SECONDS))
        .isEqualTo(SingleResource.of(0, Value.of("Eclipse Leshan")));
    server.observations().observe(registration, LwM2mPath.of(3303, 0, 5700), List.of(), OPTIONS).get(10, TimeUnit.SECONDS);
    temperature.set(31.0);
    Notification notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isNotNull();
    assertThat(notification.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(31.0)));
  }

  @Test
  void psk() throws Exception {
    byte[] key = "leshan-psk-key!!".getBytes(StandardCharsets.US_ASCII);
    startServer(LwM2mServer.builder());
    server.security().put(new PskSecurity("leshan-psk", "leshan-psk-id", key));
    startClient("leshan-psk", Security.psk(coaps(), 123, "leshan-psk-id".getBytes(StandardCharsets.UTF_8), key));
    readAndObserve("leshan-psk");
  }

  @Test
  void rawPublicKeys() throws Exception {
    KeyPair serverKeys = TestCredentials.newKeyPair();
    KeyPair clientKeys = TestCredentials.newKeyPair();
    startServer(LwM2mServer.builder().rawPublicKey(serverKeys.getPrivate(), serverKeys.getPublic()));
    server.security().put(new RpkSecurity("leshan-rpk", clientKeys.getPublic()));
    startClient("leshan-rpk", Security.rpk(coaps(), 123, clientKeys.getPublic().getEncoded(), clientKeys.getPrivate().getEncoded(),
        serverKeys.getPublic().getEncoded()));
    readAndObserve("leshan-rpk");
  }

  @Test
  void certificates() throws Exception {
    startServer(LwM2mServer.builder().certificate(TestCredentials.privateKey("server"), TestCredentials.chain("server"))
        .trustedCertificates(List.of(TestCredentials.ca())));
    server.security().put(new X509Security("leshan-x509"));
    startClient("leshan-x509", Security.x509(coaps(), 123, TestCredentials.chain("leshan-x509").get(0).getEncoded(),
        TestCredentials.privateKey("leshan-x509").getEncoded(), TestCredentials.ca().getEncoded(), ULong.valueOf(2)));
    readAndObserve("leshan-x509");
  }
}
