package org.lwm2m4j.client.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.dtls.TestCredentials;

/** Our client with an Eclipse Leshan 2.0.0-M15 server over DTLS: PSK, RPK and X.509, each with a Read and an Observe. */
class LeshanServerDtlsInteropTest {
  private LeshanServer leshan;
  private LwM2mClient client;
  private StoredInstance temperature;
  private final BlockingQueue<Object> notifications = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (leshan != null) {
      leshan.destroy();
    }
  }

  private URI startLeshan(SecurityInfo expected, LeshanServerBuilder builder) throws Exception {
    InMemorySecurityStore store = new InMemorySecurityStore();
    store.add(expected);
    builder.setSecurityStore(store);
    builder.setEndpointsProviders(new CaliforniumServerEndpointsProvider.Builder(new CoapsServerProtocolProvider())
        .addEndpoint(new InetSocketAddress("127.0.0.1", 0), Protocol.COAPS).build());
    leshan = builder.build();
    leshan.getObservationService().addListener(new ObservationListener() {
      @Override
      public void newObservation(Observation observation, Registration registration) {}

      @Override
      public void cancelled(Observation observation) {}

      @Override
      public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        notifications.add(response);
      }

      @Override
      public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {}

      @Override
      public void onError(Observation observation, Registration registration, Exception error) {
        notifications.add(error);
      }
    });
    leshan.start();
    return URI.create("coaps://127.0.0.1:" + leshan.getEndpoint(Protocol.COAPS).getURI().getPort());
  }

  private void startClient(String endpoint, URI uri, ClientCredentials credentials) throws Exception {
    temperature = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5))));
    client = LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(2), 0.9))
        .server(uri, 1, 60, credentials)
        .object(3303, List.of(temperature))
        .start();
    await(endpoint + " registered over DTLS").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> leshan.getRegistrationService().getByEndpoint(endpoint) != null);
  }

  private void readAndObserve(String endpoint) throws Exception {
    Registration registration = leshan.getRegistrationService().getByEndpoint(endpoint);
    ReadResponse read = leshan.send(registration, new ReadRequest(ContentFormat.SENML_CBOR, 3, 0), 5000);
    assertThat(read.isSuccess()).as(String.valueOf(read)).isTrue();
    ObserveResponse observe = leshan.send(registration, new ObserveRequest(ContentFormat.SENML_CBOR, 3303, 0, 5700), 5000);
    assertThat(observe.isSuccess()).as(String.valueOf(observe)).isTrue();
    temperature.set(5700, Value.ofFloat(30.5));
    Object notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isInstanceOf(ObserveResponse.class);
    assertThat(((LwM2mSingleResource) ((ObserveResponse) notification).getContent()).getValue()).isEqualTo(30.5);
  }

  @Test
  void psk() throws Exception {
    byte[] key = "interop-psk-key!".getBytes(StandardCharsets.US_ASCII);
    URI uri = startLeshan(SecurityInfo.newPreSharedKeyInfo("dev-psk", "dev-psk-identity", key), new LeshanServerBuilder());
    startClient("dev-psk", uri, new ClientCredentials.Psk("dev-psk-identity", key));
    readAndObserve("dev-psk");
  }

  @Test
  void rawPublicKeys() throws Exception {
    KeyPair serverKeys = TestCredentials.newKeyPair();
    KeyPair clientKeys = TestCredentials.newKeyPair();
    LeshanServerBuilder builder = new LeshanServerBuilder();
    builder.setPrivateKey(serverKeys.getPrivate());
    builder.setPublicKey(serverKeys.getPublic());
    URI uri = startLeshan(SecurityInfo.newRawPublicKeyInfo("dev-rpk", clientKeys.getPublic()), builder);
    startClient("dev-rpk", uri, new ClientCredentials.Rpk(clientKeys.getPrivate(), clientKeys.getPublic(), serverKeys.getPublic()));
    readAndObserve("dev-rpk");
  }

  @Test
  void certificates() throws Exception {
    LeshanServerBuilder builder = new LeshanServerBuilder();
    builder.setPrivateKey(TestCredentials.privateKey("server"));
    builder.setCertificateChain(TestCredentials.chain("server").toArray(new X509Certificate[0]));
    builder.setTrustedCertificates(new X509Certificate[] {TestCredentials.ca()});
    URI uri = startLeshan(SecurityInfo.newX509CertInfo("lwm2m4j-x509"), builder);
    startClient("lwm2m4j-x509", uri, new ClientCredentials.X509(TestCredentials.privateKey("lwm2m4j-x509"),
        TestCredentials.chain("lwm2m4j-x509"), TestCredentials.ca(), 2));
    readAndObserve("lwm2m4j-x509");
  }
}
