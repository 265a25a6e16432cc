package org.lwm2m4j.client.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.registration.RegistrationListener;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.core.error.ResponseCode;
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
import org.lwm2m4j.server.security.UnsecuredPolicy;
import org.lwm2m4j.server.security.X509Security;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.dtls.DtlsSettings;
import org.lwm2m4j.transport.dtls.TestCredentials;

/** Our client with our server over DTLS: each credential kind, the policy's refusals, and a NAT rebinding with CID. */
class SecureClientServerTest {
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OTHER_KEY = "fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
  private static final RequestOptions OPTIONS = RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5));
  private static final RegistrationSettings QUICK =
      new RegistrationSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9);

  private LwM2mServer server;
  private LwM2mClient client;
  private final BlockingQueue<String> clientEvents = new LinkedBlockingQueue<>();
  private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
  private StoredInstance temperature;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private LwM2mServerBuilder secureServer() {
    return LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).coapsAddress(new InetSocketAddress("127.0.0.1", 0));
  }

  private void start(LwM2mServerBuilder builder) throws Exception {
    server = builder.start();
    server.observations().addListener(notifications::add);
  }

  private URI coaps() {
    return URI.create("coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort());
  }

  private LwM2mClient startClient(String endpoint, URI uri, ClientCredentials credentials) throws Exception {
    temperature = new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(21.5))));
    return LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapSettings(new CoapSettings(Duration.ofMillis(500), 2))
        .registrationSettings(QUICK)
        .registrationListener(new RegistrationListener() {
          @Override
          public void registered(int ssid, String location) {
            clientEvents.add("registered");
          }

          @Override
          public void failed(int ssid, String reason, long retryInMillis) {
            clientEvents.add("failed " + reason);
          }
        })
        .server(uri, 1, 60, credentials)
        .object(3303, List.of(temperature))
        .start();
  }

  private String nextClientEvent() throws InterruptedException {
    String event = clientEvents.poll(15, TimeUnit.SECONDS);
    assertThat(event).as("a registration outcome within 15 s").isNotNull();
    return event;
  }

  private void readAndObserve(String endpoint) throws Exception {
    Registration registration = server.registrations().store().byEndpoint(endpoint).orElseThrow();
    assertThat(registration.secure()).isTrue();
    assertThat(server.devices().read(registration, LwM2mPath.of(3, 0, 0), OPTIONS).get(10, TimeUnit.SECONDS))
        .isEqualTo(SingleResource.of(0, Value.of("lwm2m4j")));
    server.observations().observe(registration, LwM2mPath.of(3303, 0, 5700), List.of(), OPTIONS).get(10, TimeUnit.SECONDS);
    temperature.set(5700, Value.ofFloat(30.0));
    Notification notification = notifications.poll(10, TimeUnit.SECONDS);
    assertThat(notification).isNotNull();
    assertThat(notification.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(30.0)));
  }

  @Test
  void pskClientRegistersReadsAndObserves() throws Exception {
    start(secureServer());
    server.security().put(new PskSecurity("dev-psk", "dev-psk-id", KEY));
    client = startClient("dev-psk", coaps(), new ClientCredentials.Psk("dev-psk-id", KEY));
    assertThat(nextClientEvent()).isEqualTo("registered");
    readAndObserve("dev-psk");
  }

  @Test
  void rawPublicKeyClientRegistersReadsAndObserves() throws Exception {
    KeyPair serverKeys = TestCredentials.newKeyPair();
    KeyPair clientKeys = TestCredentials.newKeyPair();
    start(secureServer().rawPublicKey(serverKeys.getPrivate(), serverKeys.getPublic()));
    server.security().put(new RpkSecurity("dev-rpk", clientKeys.getPublic()));
    client = startClient("dev-rpk", coaps(), new ClientCredentials.Rpk(clientKeys.getPrivate(), clientKeys.getPublic(), serverKeys.getPublic()));
    assertThat(nextClientEvent()).isEqualTo("registered");
    readAndObserve("dev-rpk");
  }

  @Test
  void certificateClientRegistersReadsAndObserves() throws Exception {
    start(secureServer().certificate(TestCredentials.privateKey("server"), TestCredentials.chain("server"))
        .trustedCertificates(List.of(TestCredentials.ca())));
    server.security().put(new X509Security("dev-x509"));
    client = startClient("dev-x509", coaps(), new ClientCredentials.X509(TestCredentials.privateKey("client"),
        TestCredentials.chain("client"), TestCredentials.ca(), 2));
    assertThat(nextClientEvent()).isEqualTo("registered");
    readAndObserve("dev-x509");
  }

  @Test
  void aCertificateNamingAnotherEndpointIsForbidden() throws Exception {
    start(secureServer().certificate(TestCredentials.privateKey("server"), TestCredentials.chain("server"))
        .trustedCertificates(List.of(TestCredentials.ca())));
    server.security().put(new X509Security("dev-x509"));
    client = startClient("dev-x509", coaps(), new ClientCredentials.X509(TestCredentials.privateKey("impostor"),
        TestCredentials.chain("impostor"), TestCredentials.ca(), 2));
    assertThat(nextClientEvent()).startsWith("failed answered 4.03");
    assertThat(server.registrations().store().size()).isZero();
  }

  @Test
  void aWrongPskKeyFailsTheHandshakeAndTheServerServesOthers() throws Exception {
    start(secureServer());
    server.security().put(new PskSecurity("dev-psk", "dev-psk-id", KEY));
    server.security().put(new PskSecurity("good", "good-id", OTHER_KEY));
    client = startClient("dev-psk", coaps(), new ClientCredentials.Psk("dev-psk-id", OTHER_KEY));
    assertThat(nextClientEvent()).startsWith("failed");
    assertThat(server.registrations().store().size()).isZero();
    try (LwM2mClient good = startClient("good", coaps(), new ClientCredentials.Psk("good-id", OTHER_KEY))) {
      String event;
      do {
        event = nextClientEvent();
      } while (!event.equals("registered"));
      assertThat(server.registrations().store().byEndpoint("good")).isPresent();
    }
  }

  @Test
  void anIdentityOfAnotherEndpointIsForbidden() throws Exception {
    start(secureServer());
    server.security().put(new PskSecurity("dev-psk", "dev-psk-id", KEY));
    server.security().put(new PskSecurity("other", "other-id", OTHER_KEY));
    client = startClient("dev-psk", coaps(), new ClientCredentials.Psk("other-id", OTHER_KEY));
    assertThat(nextClientEvent()).startsWith("failed answered 4.03");
    assertThat(server.registrations().store().size()).isZero();
  }

  @Test
  void anEndpointWithCredentialsCannotRegisterUnsecured() throws Exception {
    start(secureServer());
    server.security().put(new PskSecurity("dev-psk", "dev-psk-id", KEY));
    client = startClient("dev-psk", URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), new ClientCredentials.NoSec());
    assertThat(nextClientEvent()).startsWith("failed answered 4.03");
  }

  @Test
  void unsecuredDenyRejectsPlainRegistrations() throws Exception {
    start(secureServer().unsecured(UnsecuredPolicy.DENY));
    client = startClient("plain", URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), new ClientCredentials.NoSec());
    assertThat(nextClientEvent()).startsWith("failed answered 4.03");
  }

  @Test
  void aPeerCannotUpdateOrDeregisterAnotherEndpointsRegistration() throws Exception {
    start(secureServer());
    server.security().put(new PskSecurity("dev-psk", "dev-psk-id", KEY));
    server.security().put(new PskSecurity("other", "other-id", OTHER_KEY));
    client = startClient("dev-psk", coaps(), new ClientCredentials.Psk("dev-psk-id", KEY));
    assertThat(nextClientEvent()).isEqualTo("registered");
    String id = server.registrations().store().byEndpoint("dev-psk").orElseThrow().id();
    DtlsSettings other = DtlsSettings.builder().psk("other-id", OTHER_KEY).build();
    try (CoapEndpoint attacker = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
        request -> java.util.concurrent.CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.NOT_FOUND)),
        CoapSettings.DEFAULTS, Optional.of(other))) {
      InetSocketAddress target = server.coapsAddress().orElseThrow();
      CoapResponse update = attacker.send(CoapRequest.to(target, CoapMethod.POST, List.of("rd", id)), Duration.ofSeconds(10))
          .get(15, TimeUnit.SECONDS);
      assertThat(update.code()).isEqualTo(ResponseCode.FORBIDDEN);
      CoapResponse delete = attacker.send(CoapRequest.to(target, CoapMethod.DELETE, List.of("rd", id)), Duration.ofSeconds(10))
          .get(15, TimeUnit.SECONDS);
      assertThat(delete.code()).isEqualTo(ResponseCode.FORBIDDEN);
    }
    assertThat(server.registrations().store().byEndpoint("dev-psk")).isPresent();
  }

  @Test
  void anUpdateLostOverDtlsGoesAgainAfterAResumedHandshakeWithoutANewRegister() throws Exception {
    start(secureServer());
    server.security().put(new PskSecurity("lossy", "lossy-id", KEY));
    BlockingQueue<String> serverEvents = new LinkedBlockingQueue<>();
    server.registrations().addListener(new org.lwm2m4j.server.registration.RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        serverEvents.add("registered");
      }

      @Override
      public void updated(org.lwm2m4j.server.registration.UpdatedRegistration update) {
        serverEvents.add("updated");
      }
    });
    try (NatRelay link = new NatRelay(server.coapsAddress().orElseThrow())) {
      client = startClient("lossy", URI.create("coaps://127.0.0.1:" + link.address().getPort()), new ClientCredentials.Psk("lossy-id", KEY));
      assertThat(nextClientEvent()).isEqualTo("registered");
      assertThat(serverEvents.poll(10, TimeUnit.SECONDS)).isEqualTo("registered");
      String registrationId = server.registrations().store().byEndpoint("lossy").orElseThrow().id();

      // the Update and its retransmissions are lost; the handshake after the timeout goes through
      link.loseApplicationDataUntilHandshake();
      client.registrations().updateAll();

      assertThat(serverEvents.poll(15, TimeUnit.SECONDS)).as("the server still knew the session: the Update, no Register")
          .isEqualTo("updated");
      assertThat(link.lost()).isPositive();
      assertThat(server.registrations().store().byEndpoint("lossy").orElseThrow().id()).isEqualTo(registrationId);
      client.close(); // while the link is up, so its De-register gets through
      client = null;
    }
  }

  @Test
  void aClientBehindARebindingNatKeepsItsRegistrationAndObservationsWithConnectionId() throws Exception {
    start(secureServer());
    server.security().put(new PskSecurity("roamer", "roamer-id", KEY));
    try (NatRelay nat = new NatRelay(server.coapsAddress().orElseThrow())) {
      client = startClient("roamer", URI.create("coaps://127.0.0.1:" + nat.address().getPort()), new ClientCredentials.Psk("roamer-id", KEY));
      assertThat(nextClientEvent()).isEqualTo("registered");
      Registration before = server.registrations().store().byEndpoint("roamer").orElseThrow();
      assertThat(before.address()).isEqualTo(nat.outsideAddress());
      server.observations().observe(before, LwM2mPath.of(3303, 0, 5700), List.of(), OPTIONS).get(10, TimeUnit.SECONDS);

      nat.rebind();
      temperature.set(5700, Value.ofFloat(33.0));
      Notification notification = notifications.poll(10, TimeUnit.SECONDS);
      assertThat(notification).as("a notification from the new port reaches the same observation").isNotNull();
      assertThat(notification.content().get(LwM2mPath.of(3303, 0, 5700))).isEqualTo(SingleResource.of(5700, Value.ofFloat(33.0)));

      client.registrations().updateAll();
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
          .until(() -> server.registrations().store().byEndpoint("roamer").orElseThrow().address().equals(nat.outsideAddress()));
      Registration after = server.registrations().store().byEndpoint("roamer").orElseThrow();
      assertThat(after.id()).as("the same registration").isEqualTo(before.id());
      assertThat(after.address()).isEqualTo(nat.outsideAddress());
      assertThat(server.observations().store().byRegistration(after.id())).hasSize(1);
      assertThat(server.devices().read(after, LwM2mPath.of(3303, 0, 5700), OPTIONS).get(10, TimeUnit.SECONDS))
          .isEqualTo(SingleResource.of(5700, Value.ofFloat(33.0)));
    }
  }
}
