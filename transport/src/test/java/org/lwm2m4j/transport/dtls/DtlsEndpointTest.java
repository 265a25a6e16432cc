package org.lwm2m4j.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/** CoAP over DTLS between two of our endpoints with each credential kind; the server sees who the client is. */
class DtlsEndpointTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  /** Answers with a description of the identity the request came with. */
  private static final CoapHandler WHO_AM_I = request -> CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT,
      OptionalInt.of(0), List.of(), request.identity().map(PeerIdentity::describe).orElse("nobody").getBytes(StandardCharsets.UTF_8)));

  private static final CoapHandler NONE = request -> CompletableFuture.failedFuture(new NotFoundException("none"));

  private static String ask(DtlsSettings serverSide, DtlsSettings clientSide) throws Exception {
    return ask(serverSide, clientSide, TIMEOUT);
  }

  private static String ask(DtlsSettings serverSide, DtlsSettings clientSide, Duration timeout) throws Exception {
    try (CoapEndpoint server = CoapEndpoint.start(LOOPBACK, WHO_AM_I, CoapSettings.DEFAULTS, Optional.of(serverSide));
        CoapEndpoint client = CoapEndpoint.start(LOOPBACK, NONE, CoapSettings.DEFAULTS, Optional.of(clientSide))) {
      CoapResponse response = client.send(CoapRequest.to(server.address(), CoapMethod.GET, List.of("who")), timeout)
          .get(15, TimeUnit.SECONDS);
      return new String(response.payload(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void pskClientsAreIdentifiedByTheirIdentity() throws Exception {
    Map<String, byte[]> keys = Map.of("dev1", KEY);
    DtlsSettings server = DtlsSettings.builder().pskLookup(identity -> Optional.ofNullable(keys.get(identity)))
        .connectionIdLength(6).acceptCbc(true).build();
    DtlsSettings client = DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0).build();
    assertThat(ask(server, client)).isEqualTo("PSK identity 'dev1'");
  }

  @Test
  void aWrongPskKeyFailsTheHandshake() {
    DtlsSettings server = DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY)).build();
    DtlsSettings client = DtlsSettings.builder().psk("dev1", "fedcba9876543210".getBytes(StandardCharsets.US_ASCII)).build();
    assertThatThrownBy(() -> ask(server, client, Duration.ofSeconds(2))).hasRootCauseInstanceOf(Exception.class);
  }

  @Test
  void rawPublicKeyClientsAreIdentifiedByTheirKey() throws Exception {
    KeyPair serverKeys = TestCredentials.newKeyPair();
    KeyPair clientKeys = TestCredentials.newKeyPair();
    DtlsSettings server = DtlsSettings.builder().rawPublicKey(serverKeys.getPrivate(), serverKeys.getPublic()).trustAnyKey().acceptCbc(true).build();
    DtlsSettings client = DtlsSettings.builder().rawPublicKey(clientKeys.getPrivate(), clientKeys.getPublic())
        .trustKey(serverKeys.getPublic()).build();
    String answer = ask(server, client);
    assertThat(answer).isEqualTo(new RpkIdentity(clientKeys.getPublic()).describe());
  }

  @Test
  void aClientRefusesAServerKeyItDoesNotExpect() throws Exception {
    KeyPair serverKeys = TestCredentials.newKeyPair();
    KeyPair clientKeys = TestCredentials.newKeyPair();
    DtlsSettings server = DtlsSettings.builder().rawPublicKey(serverKeys.getPrivate(), serverKeys.getPublic()).trustAnyKey().acceptCbc(true).build();
    DtlsSettings client = DtlsSettings.builder().rawPublicKey(clientKeys.getPrivate(), clientKeys.getPublic())
        .trustKey(TestCredentials.newKeyPair().getPublic()).build();
    assertThatThrownBy(() -> ask(server, client, Duration.ofSeconds(2))).isInstanceOf(Exception.class);
  }

  @Test
  void certificateClientsAreIdentifiedByTheirCertificate() throws Exception {
    DtlsSettings server = DtlsSettings.builder().certificate(TestCredentials.privateKey("server"), TestCredentials.chain("server"))
        .trustCertificates(List.of(TestCredentials.ca())).build();
    DtlsSettings client = DtlsSettings.builder().certificate(TestCredentials.privateKey("client"), TestCredentials.chain("client"))
        .trustCertificates(List.of(TestCredentials.ca())).build();
    assertThat(ask(server, client)).contains("CN=dev-x509");
  }
}
