package org.lwm2m4j.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A command that cannot start says why in one line, with no stack trace anywhere, and exits 1. */
class StartupErrorsTest {
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
}
