package org.lwm2m4j.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mistakes of a new user, made with the real {@code ./lwm2m} launcher on the jar that {@code
 * package} just built (so this runs in {@code verify}, after it): each is answered by one line that
 * says what to do, and a client that cannot reach its server says so within seconds and stops
 * within 2 s of SIGTERM. The 2 s are the promise of the first-hour issue, hence a bound on time.
 */
class LauncherIT {
  private static final Path LAUNCHER = Path.of("..", "lwm2m").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  /** Starts the launcher with its output (both streams) in a file: a pipe would lose the last words at SIGTERM. */
  private Process launch(Path output, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().put("JAVA_OPTS", "-Xmx128m");
    builder.environment().remove("LWM2M_LOG_LEVEL");
    return builder.start();
  }

  private record Outcome(int status, List<String> lines) {}

  private Outcome run(String... args) throws Exception {
    Path output = Files.createTempFile(dir, "lwm2m", ".out");
    Process process = launch(output, args);
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("lwm2m %s ended", List.of(args)).isTrue();
      return new Outcome(process.exitValue(), Files.readString(output).strip().lines().toList());
    } finally {
      process.destroyForcibly();
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aClientWhoseServerIsNotRunningSaysSoWithinSecondsAndStopsWithin2sOfSigterm() throws Exception {
    Path output = dir.resolve("client.out");
    Process client = launch(output, "client", "--server", "coap://127.0.0.1:" + freeUdpPort(), "--endpoint", "launcher-it",
        "--local-address", "127.0.0.1");
    try {
      await("the client saying that nothing listens").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
          .until(() -> Files.readString(output).contains("still trying"));
      assertThat(Files.readString(output)).contains("connection refused (nothing listening on 127.0.0.1:");
      client.destroy();
      await("the client exiting").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).until(() -> !client.isAlive());
      assertThat(Files.readString(output)).contains("lwm2m client: stopping").doesNotContain("\tat ").doesNotContain("null");
    } finally {
      client.destroyForcibly();
    }
  }

  @Test
  void aCoapPortInUseIsOneLineAndStatus1() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      Outcome outcome = run("server", "--coap-address", "127.0.0.1", "--coap-port", Integer.toString(taken.getLocalPort()),
          "--coaps-port", "0", "--http-address", "127.0.0.1", "--http-port", "0", "--store", "memory");
      assertThat(outcome.status()).isEqualTo(1);
      assertThat(outcome.lines()).singleElement().asString().contains("udp port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
    }
  }

  @Test
  void aServerUriThatCannotWorkIsOneLineAndStatus2() throws Exception {
    Outcome outcome = run("client", "--server", "http://127.0.0.1:5683", "--endpoint", "launcher-it");
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.lines()).singleElement().asString().contains("unknown scheme 'http'").contains("see 'lwm2m client --help'");
  }

  @Test
  void aUsageMistakeIsOneLinePlusWhereToReadOn() throws Exception {
    Outcome outcome = run("client", "--no-such-option");
    assertThat(outcome.status()).isEqualTo(2);
    assertThat(outcome.lines()).hasSize(2).last().isEqualTo("Run 'lwm2m client --help' for usage.");
  }
}
