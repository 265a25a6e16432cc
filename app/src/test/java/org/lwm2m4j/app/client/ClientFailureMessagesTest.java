package org.lwm2m4j.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.security.PskSecurity;
import org.slf4j.LoggerFactory;

/**
 * What {@code lwm2m client} says when it cannot register, and how fast: a wrong PSK or an unknown
 * identity (and the server's one log line per failed handshake), a server that is not running, a
 * URI that cannot work.
 */
class ClientFailureMessagesTest {
  private static final String KEY = "000102030405060708090a0b0c0d0e0f";
  private static final String WRONG_KEY = "0f0e0d0c0b0a09080706050403020100";
  /** The time a user waits for the line that says what is wrong (issue 13). */
  private static final Duration FEW_SECONDS = Duration.ofSeconds(5);

  private final ListAppender<ILoggingEvent> dtlsLog = new ListAppender<>();
  private final Logger dtlsLogger = (Logger) LoggerFactory.getLogger("org.lwm2m4j.dtls");

  @BeforeEach
  void captureDtlsLog() {
    dtlsLog.start();
    dtlsLogger.addAppender(dtlsLog);
  }

  @AfterEach
  void releaseDtlsLog() {
    dtlsLogger.detachAppender(dtlsLog);
  }

  private static LwM2mServer startSecureServer() throws Exception {
    LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapsAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    server.security().put(new PskSecurity("dev1", "dev1-id", HexFormat.of().parseHex(KEY)));
    return server;
  }

  private static ClientCommandRun startClient(String serverUri, String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--server", serverUri, "--endpoint", "dev1", "--local-address", "127.0.0.1"));
    args.addAll(List.of(more));
    ClientCommandRun client = ClientCommandRun.start(args.toArray(String[]::new));
    // the user's few seconds count from the client's first line, not from the JVM loading its classes
    await("the client starting").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> client.err().contains("lwm2m client dev1 on udp port"));
    return client;
  }

  /** The server's WARN lines about handshakes from a peer other than the server itself. */
  private List<String> serverLines(int serverPort, String reason) {
    synchronized (dtlsLog.list) {
      return dtlsLog.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
          .filter(line -> !line.contains("127.0.0.1:" + serverPort + " ")).filter(line -> line.contains(reason)).toList();
    }
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }

  @Test
  void aWrongPskIsOneWarnLinePerHandshakeOnTheServerAndAHandshakeFailedLineOnTheClientWithinSeconds() throws Exception {
    try (LwM2mServer server = startSecureServer()) {
      int port = server.coapsAddress().orElseThrow().getPort();
      try (ClientCommandRun client = startClient("coaps://127.0.0.1:" + port, "--psk", "dev1-id:" + WRONG_KEY)) {
        String failed = "registration with server 1 failed: DTLS handshake with 127.0.0.1:" + port + " failed: ";
        await("the client saying the handshake failed").atMost(FEW_SECONDS).pollInterval(Duration.ofMillis(20))
            .until(() -> client.err().contains(failed));
        assertThat(client.err()).contains("PSK identity 'dev1-id'").contains("wrong PSK?");
        await("the server's line").atMost(FEW_SECONDS).until(() -> !serverLines(port, "failed: bad key").isEmpty());
        List<String> serverLines = serverLines(port, "failed: bad key");
        assertThat(serverLines.get(0)).contains("(PSK identity 'dev1-id')").contains("MAC check").contains("wrong PSK");
        // one line per failed handshake, not one per retransmitted record: no more than the client's attempts so far
        assertThat(serverLines.size()).isLessThanOrEqualTo(count(client.err(), failed) + 1);
        assertThat(client.err()).doesNotContain("null");
      }
    }
  }

  @Test
  void anUnknownPskIdentityIsNamedInTheServersLineAndTheClientSaysSoWithinSeconds() throws Exception {
    try (LwM2mServer server = startSecureServer()) {
      int port = server.coapsAddress().orElseThrow().getPort();
      try (ClientCommandRun client = startClient("coaps://127.0.0.1:" + port, "--psk", "nobody:" + KEY)) {
        await("the client saying the handshake failed").atMost(FEW_SECONDS).pollInterval(Duration.ofMillis(20))
            .until(() -> client.err().contains("DTLS handshake with 127.0.0.1:" + port + " failed: "));
        assertThat(client.err()).contains("it does not know PSK identity 'nobody'");
        await("the server's line").atMost(FEW_SECONDS).until(() -> !serverLines(port, "unknown PSK identity").isEmpty());
        assertThat(serverLines(port, "unknown PSK identity").get(0)).contains("PSK identity 'nobody'");
      }
    }
  }

  @Test
  void aServerThatIsNotRunningIsReportedAsRefusedWithinSecondsAndTheClientKeepsTrying() throws Exception {
    int port;
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      port = taken.getLocalPort(); // free again once closed: nothing listens there
    }
    try (ClientCommandRun client = startClient("coap://127.0.0.1:" + port)) {
      await("the client saying nothing listens").atMost(FEW_SECONDS).pollInterval(Duration.ofMillis(20))
          .until(() -> client.err().contains("server 1: connection refused (nothing listening on 127.0.0.1:" + port + "?); still trying"));
    }
  }

  private record CliResult(int status, String out, String err) {}

  private static CliResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliResult(status, out.toString(), err.toString());
  }

  @Test
  void aServerUriThatCannotWorkIsRefusedAtStartInOneLineSayingWhatIsWrong() {
    assertBadUri("http://127.0.0.1:5683", "unknown scheme 'http'");
    assertBadUri("coaps://127.0.0.1:5684", "coaps:// needs credentials: add --psk");
    assertBadUri("coap://:5683", "no host");
    assertBadUri("127.0.0.1", "no scheme");
    assertBadUri("coap://no-such-host.invalid:5683", "cannot resolve host 'no-such-host.invalid'");
  }

  private static void assertBadUri(String uri, String what) {
    CliResult result = run("client", "--server", uri, "--endpoint", "dev1", "--local-address", "127.0.0.1");
    assertThat(result.status()).as(uri).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(result.err().strip().lines()).as(uri).hasSize(1);
    assertThat(result.err()).as(uri).contains("--server " + uri + ": " + what).contains("see 'lwm2m client --help'");
  }

  @Test
  void aUsageMistakeIsOneLinePlusWhereToReadOnNotTheWholeHelp() {
    CliResult result = run("client", "--server", "coap://127.0.0.1:5683", "--endpoint");
    assertThat(result.status()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(result.err().strip().lines()).containsExactly("client: Missing required parameter for option '--endpoint' (NAME)",
        "Run 'lwm2m client --help' for usage.");
    assertThat(run("client", "--no-such-option").err().strip().lines()).hasSize(2).last().isEqualTo("Run 'lwm2m client --help' for usage.");
    assertThat(run("sever").err().strip().lines()).hasSize(2).last().isEqualTo("Run 'lwm2m --help' for usage.");
  }
}
