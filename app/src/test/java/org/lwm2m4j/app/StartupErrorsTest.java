package org.lwm2m4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A command that cannot start (a port in use, a file it cannot read, a directory it cannot make)
 * says why in one line, with no stack trace anywhere and no pointer to the help, and exits 1.
 */
class StartupErrorsTest {
  private static String[] server(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("server", "--coap-address", "127.0.0.1", "--coap-port", "0", "--coaps-port", "0",
        "--http-address", "127.0.0.1", "--http-port", "0"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  /** Runs the command on a thread: were it to start after all, it would run until stopped. */
  private static int run(String[] args, StringWriter err) throws Exception {
    return CompletableFuture.supplyAsync(() -> Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true)))
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void aPskFileThatCannotBeReadIsOneLineAndExit1(@TempDir Path dir) throws Exception {
    StringWriter err = new StringWriter();
    assertThat(run(server("--store", "memory", "--psk-file", dir.resolve("missing.csv").toString()), err)).isEqualTo(1);
    assertThat(err.toString().strip().lines()).singleElement().asString().startsWith("server: --psk-file: cannot read ")
        .endsWith("missing.csv: no such file").doesNotContain("--help");
  }

  @Test
  void aDataDirectoryThatCannotBeMadeIsOneLineAndExit1(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    StringWriter err = new StringWriter();
    assertThat(run(server("--data-dir", file.resolve("data").toString()), err)).isEqualTo(1);
    assertThat(err.toString().strip().lines()).singleElement().asString().startsWith("server: --data-dir: ")
        .doesNotContain("--help").doesNotContain("java.nio");
  }

  @Test
  void aCoapPortInUseIsOneLineWithoutAStackTrace() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    log.start();
    root.addAppender(log);
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      String port = Integer.toString(taken.getLocalPort());
      StringWriter err = new StringWriter();
      // on a thread: were the port not found taken, the server would run until stopped
      int status = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"server", "--coap-address", "127.0.0.1", "--coap-port", port,
          "--coaps-port", "0", "--http-address", "127.0.0.1", "--http-port", "0", "--store", "memory"},
          new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))).get(30, TimeUnit.SECONDS);
      assertThat(status).isEqualTo(1);
      assertThat(err.toString().strip().lines()).hasSize(1);
      assertThat(err.toString()).contains("udp port " + port + " on 127.0.0.1 is in use");
      assertThat(log.list).noneMatch(event -> event.getThrowableProxy() != null);
    } finally {
      root.detachAppender(log);
    }
  }

  @Test
  void anHttpPortInUseIsOneLineAndNothingInTheLog() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    log.start();
    root.addAppender(log);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = Integer.toString(taken.getLocalPort());
      StringWriter err = new StringWriter();
      int status = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"server", "--coap-address", "127.0.0.1", "--coap-port", "0",
          "--coaps-port", "0", "--http-address", "127.0.0.1", "--http-port", port, "--store", "memory"},
          new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))).get(30, TimeUnit.SECONDS);
      assertThat(status).isEqualTo(1);
      assertThat(err.toString().strip().lines()).singleElement().asString()
          .contains("tcp port " + port + " on 127.0.0.1 is in use").contains("--http-port");
      assertThat(log.list).as("Javalin's own ERROR before ours").noneMatch(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
    } finally {
      root.detachAppender(log);
    }
  }

  @Test
  void aClusterDtlsPortInUseIsOneLineNamingItWithoutAStackTrace(@TempDir Path dir) throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    log.start();
    root.addAppender(log);
    try (org.lwm2m4j.server.store.redis.RedisServerProcess redis = org.lwm2m4j.server.store.redis.RedisServerProcess.start();
        DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
      String port = Integer.toString(taken.getLocalPort());
      StringWriter err = new StringWriter();
      int status = run(server("--store", redis.uri(), "--node-id", "node-1", "--cluster-dtls-port", port, "--data-dir",
          dir.resolve("data").toString()), err);
      assertThat(status).isEqualTo(1);
      assertThat(err.toString().strip().lines()).singleElement().asString()
          .contains("udp port " + port + " on 127.0.0.1 is in use").contains("--cluster-dtls-port").doesNotContain("NullPointer");
      assertThat(log.list).noneMatch(event -> event.getThrowableProxy() != null);
    } finally {
      root.detachAppender(log);
    }
  }
}
