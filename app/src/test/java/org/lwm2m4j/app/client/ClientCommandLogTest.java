package org.lwm2m4j.app.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.slf4j.LoggerFactory;

/**
 * What {@code lwm2m client} and a server on 127.0.0.1 say about their work: each device operation
 * once on each side, each client event once, whether it is printed or logged.
 */
class ClientCommandLogTest {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  ClientCommandLogTest() {
    log.start();
    root.addAppender(log);
  }

  @AfterEach
  void detach() {
    root.detachAppender(log);
  }

  private List<ILoggingEvent> events(String logger) {
    synchronized (log) {
      return log.list.stream().filter(event -> event.getLoggerName().equals(logger)).toList();
    }
  }

  /** Every line about {@code text}: the command's own (stderr) and the log's. */
  private List<String> said(ClientCommandRun client, String text) {
    List<String> logged;
    synchronized (log) {
      logged = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
    return Stream.concat(client.err().lines(), logged.stream()).filter(line -> line.contains(text)).toList();
  }

  private static ClientCommandRun startClient(LwM2mServer server, String endpoint) throws Exception {
    return ClientCommandRun.start("--server", "coap://127.0.0.1:" + server.coapAddress().getPort(), "--endpoint", endpoint,
        "--local-address", "127.0.0.1");
  }

  private static Registration awaitRegistration(LwM2mServer server, String endpoint) {
    return await(endpoint + " registering").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint(endpoint), Optional::isPresent).orElseThrow();
  }

  @Test
  void aReadIsOneInfoLineOnTheServerAndOneOnTheClient() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
        ClientCommandRun client = startClient(server, "reader")) {
      Registration registration = awaitRegistration(server, "reader");

      server.devices().read(registration, LwM2mPath.of(3, 0, 0), RequestOptions.DEFAULTS).get(15, TimeUnit.SECONDS);

      // both lines are written before the read completes on the server: no waiting for them
      assertThat(events("org.lwm2m4j.server.operations")).singleElement().satisfies(line -> {
        assertThat(line.getLevel().toString()).isEqualTo("INFO");
        assertThat(line.getFormattedMessage()).matches("reader READ /3/0/0 -> 2\\.05 Content \\d+ ms");
      });
      assertThat(events("org.lwm2m4j.client.operations")).singleElement().satisfies(line -> {
        assertThat(line.getLevel().toString()).isEqualTo("INFO");
        assertThat(line.getFormattedMessage())
            .matches("server 1 at 127\\.0\\.0\\.1:" + server.coapAddress().getPort() + " READ /3/0/0 -> 2\\.05 Content \\d+ ms");
      });
      assertThat(client.quit()).isZero();
    }
  }

  @Test
  void registeringAndDeregisteringAreEachSaidOnce() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start()) {
      ClientCommandRun client = startClient(server, "once");
      try (client) {
        awaitRegistration(server, "once");
        await("the client's registered line").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
            .until(() -> !said(client, "registered with server 1").isEmpty());
        assertThat(client.quit()).isZero();
      }

      assertThat(said(client, "registered with server 1")).hasSize(1);
      assertThat(said(client, "de-registered from server 1")).hasSize(1);
    }
  }
}
