package org.lwm2m4j.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;

/** Each failed DTLS handshake is one WARN line under org.lwm2m4j.dtls, with the peer, the identity and the reason in words. */
class HandshakeFailureLogTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final CoapHandler OK = request -> CompletableFuture.completedFuture(
      new CoapResponse(ResponseCode.CONTENT, OptionalInt.empty(), List.of(), new byte[0]));

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger("org.lwm2m4j.dtls");

  @BeforeEach
  void capture() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void release() {
    logger.detachAppender(log);
  }

  private List<String> warnings() {
    synchronized (log) {
      return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }
  }

  /** Sends one request from a client with {@code clientSide} to a server with {@code serverSide}; returns why it failed. */
  private static String failure(DtlsSettings serverSide, DtlsSettings clientSide, List<Integer> serverPort) throws Exception {
    try (CoapEndpoint server = CoapEndpoint.start(LOOPBACK, OK, CoapSettings.DEFAULTS, Optional.of(serverSide));
        CoapEndpoint client = CoapEndpoint.start(LOOPBACK, OK, CoapSettings.DEFAULTS, Optional.of(clientSide))) {
      serverPort.add(server.address().getPort());
      CompletableFuture<CoapResponse> answer = client.send(CoapRequest.to(server.address(), CoapMethod.GET, List.of("x")), Duration.ofSeconds(10));
      Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> answer.get(15, TimeUnit.SECONDS));
      return thrown == null ? "succeeded" : thrown.getCause().getMessage();
    }
  }

  @Test
  void aWrongPskIsOneLineOnTheServerAndAHandshakeFailureOnTheClientAfterOneRetransmission() throws Exception {
    DtlsSettings server = DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY)).build();
    DtlsSettings client = DtlsSettings.builder().psk("dev1", "fedcba9876543210".getBytes(StandardCharsets.US_ASCII)).build();
    List<Integer> port = new java.util.ArrayList<>();
    String failure = failure(server, client, port);
    assertThat(failure).startsWith("DTLS handshake with 127.0.0.1:" + port.get(0) + " failed: the server does not answer our Finished")
        .contains("PSK identity 'dev1'");
    await().atMost(Duration.ofSeconds(5)).until(() -> warnings().stream().anyMatch(w -> w.contains("bad key")));
    List<String> serverLines = warnings().stream().filter(w -> w.contains("bad key")).toList();
    // the client sent its Finished twice (once retransmitted): still one line
    assertThat(serverLines).hasSize(1);
    assertThat(serverLines.get(0)).matches("DTLS handshake with 127\\.0\\.0\\.1:\\d+ \\(PSK identity 'dev1'\\) failed: bad key: .*wrong PSK.*");
  }

  @Test
  void anUnknownPskIdentityIsNamedOnTheServer() throws Exception {
    DtlsSettings server = DtlsSettings.builder().pskLookup(identity -> Optional.empty()).build();
    DtlsSettings client = DtlsSettings.builder().psk("stranger", KEY).build();
    failure(server, client, new java.util.ArrayList<>());
    await().atMost(Duration.ofSeconds(5)).until(() -> warnings().stream().anyMatch(w -> w.contains("unknown PSK identity")));
    assertThat(warnings().stream().filter(w -> w.contains("unknown PSK identity")).toList()).singleElement().asString()
        .contains("(PSK identity 'stranger')");
  }

  @Test
  void aServerKeyTheClientDoesNotTrustIsRpkNotTrustedOnTheClient() throws Exception {
    KeyPair serverKeys = TestCredentials.newKeyPair();
    KeyPair clientKeys = TestCredentials.newKeyPair();
    DtlsSettings server = DtlsSettings.builder().rawPublicKey(serverKeys.getPrivate(), serverKeys.getPublic()).trustAnyKey().build();
    DtlsSettings client = DtlsSettings.builder().rawPublicKey(clientKeys.getPrivate(), clientKeys.getPublic())
        .trustKey(TestCredentials.newKeyPair().getPublic()).build();
    List<Integer> port = new java.util.ArrayList<>();
    assertThat(failure(server, client, port)).contains("failed: RPK not trusted");
    assertThat(warnings()).anySatisfy(w -> assertThat(w).startsWith("DTLS handshake with 127.0.0.1:" + port.get(0)).contains("RPK not trusted"));
  }

  @Test
  void reasonsAreWordsAUserCanActOn() {
    assertThat(HandshakeFailureLog.reasonOf(new HandshakeException("Certificate chain could not be validated",
        new AlertMessage(AlertMessage.AlertLevel.FATAL, AlertMessage.AlertDescription.BAD_CERTIFICATE),
        new CertPathValidatorException("Path does not chain with any of the trust anchors"))))
        .isEqualTo("certificate rejected: untrusted issuer (it does not chain to a trusted certificate)");
    assertThat(HandshakeFailureLog.reasonOf(new RuntimeException(new CertificateExpiredException("NotAfter: 2020"))))
        .startsWith("certificate rejected: expired");
    assertThat(HandshakeFailureLog.reasonOf(new HandshakeException("Received 'fatal alert/BAD_CERTIFICATE'",
        new AlertMessage(AlertMessage.AlertLevel.FATAL, AlertMessage.AlertDescription.BAD_CERTIFICATE))))
        .startsWith("the peer refused the handshake: our certificate or public key was rejected");
    assertThat(HandshakeFailureLog.reasonOf(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
