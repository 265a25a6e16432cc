package org.lwm2m4j.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A DTLS server endpoint restarted on the same port: with a session file a clean close hands its
 * sessions to the next start and the client goes on without a handshake; without one the client's
 * request is lost on the dead session and, with {@code handshakeAfterTimeout}, its retransmission
 * goes behind a new handshake and gets through.
 */
class DtlsSessionRestartTest {
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  private static final CoapHandler ECHO = request -> CompletableFuture.completedFuture(
      new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(), "hello".getBytes(StandardCharsets.UTF_8)));
  private static final CoapHandler NONE = request -> CompletableFuture.failedFuture(new NotFoundException("none"));
  /** Short CoAP timeouts for the client, so a lost request is noticed within a second. */
  private static final CoapSettings QUICK = new CoapSettings(Duration.ofMillis(300), 1);

  @TempDir
  Path dir;

  private final AtomicInteger handshakes = new AtomicInteger();
  private CoapEndpoint server;
  private CoapEndpoint client;

  @AfterEach
  void closeEndpoints() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private CoapEndpoint startServer(int port, Optional<Path> sessionFile) throws Exception {
    DtlsSettings.Builder settings = DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY)).connectionIdLength(6)
        .handshakeObserver((resumed, failure) -> handshakes.incrementAndGet());
    sessionFile.ifPresent(settings::sessionFile);
    return CoapEndpoint.start(new InetSocketAddress("127.0.0.1", port), ECHO, CoapSettings.DEFAULTS, Optional.of(settings.build()));
  }

  private CoapResponse ask() throws Exception {
    return client.send(CoapRequest.to(server.address(), CoapMethod.GET, List.of("hi")), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
  }

  @Test
  void aCleanRestartKeepsTheSessionsSoClientsNeedNoHandshake() throws Exception {
    Path file = dir.resolve("sessions.bin");
    server = startServer(0, Optional.of(file));
    client = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), NONE, QUICK,
        Optional.of(DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0).handshakeAfterTimeout(true).build()));
    assertThat(ask().code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(handshakes).hasValue(1);
    int port = server.address().getPort();

    server.close();
    assertThat(file).exists();
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
    server = startServer(port, Optional.of(file));
    assertThat(file).as("the secrets are deleted once taken up").doesNotExist();

    assertThat(ask().code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(handshakes).as("no handshake after the restart").hasValue(1);
  }

  @Test
  void afterARestartWithoutSessionsTheClientsRequestGoesOnByItsRetransmissionAfterAFullHandshake() throws Exception {
    server = startServer(0, Optional.empty());
    client = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), NONE, QUICK,
        Optional.of(DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0).handshakeAfterTimeout(true).build()));
    assertThat(ask().code()).isEqualTo(ResponseCode.CONTENT);
    int port = server.address().getPort();

    server.close();
    server = startServer(port, Optional.empty());

    // QUICK allows one retransmission: the request's record on the old session is dropped, the retransmission
    // goes behind a new handshake
    assertThat(ask().code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(handshakes).as("a new full handshake with the restarted server").hasValue(2);
  }

  @Test
  void aPingGoesBehindTheHandshakeWhichTheClientSeesResumedOrFullWhenTheServerLostTheSession() throws Exception {
    Queue<String> clientHandshakes = new ConcurrentLinkedQueue<>();
    server = startServer(0, Optional.empty());
    client = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), NONE, QUICK,
        Optional.of(DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0).handshakeAfterTimeout(true)
            .handshakeObserver((resumed, failure) -> clientHandshakes.add(failure.isPresent() ? "failed" : resumed ? "resumed" : "full"))
            .build()));
    client.ping(server.address(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
    client.handshakeNextTime(server.address());
    client.ping(server.address(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
    assertThat(clientHandshakes).containsExactly("full", "resumed");
    int port = server.address().getPort();

    server.close();
    server = startServer(port, Optional.empty());
    client.handshakeNextTime(server.address());
    client.ping(server.address(), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);

    assertThat(clientHandshakes).as("the restarted server refused to resume: a full handshake").containsExactly("full", "resumed", "full");
  }

  @Test
  void aPingToNobodyTimesOut() throws Exception {
    int port;
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      port = probe.getLocalPort();
    }
    client = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), NONE, QUICK, Optional.empty());
    assertThatThrownBy(() -> client.ping(new InetSocketAddress("127.0.0.1", port), Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class);
  }

  @Test
  void aDamagedSessionFileIsDeletedAndTheServerStartsAnyway() throws Exception {
    Path file = dir.resolve("sessions.bin");
    Files.write(file, new byte[] {1, 2, 3});
    server = startServer(0, Optional.of(file));
    assertThat(file).doesNotExist();
    client = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), NONE, QUICK,
        Optional.of(DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0).build()));
    assertThat(ask().code()).isEqualTo(ResponseCode.CONTENT);
  }
}
