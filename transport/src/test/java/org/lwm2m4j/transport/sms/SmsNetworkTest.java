package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;

/** What an SMS network does without an SMSC; the exchanges through one are in {@link SmsOverSmppTest}. */
class SmsNetworkTest {
  private static final String OWN = "33600000001";
  private static final CoapSettings FAST = new CoapSettings(Duration.ofSeconds(1), 2);

  @Test
  void openDoesNotFailWhenTheSmscIsAwayAndSendsFailOnceItHasBeenAwayTooLong() throws IOException {
    SmppSettings settings = SmppSettings.of("127.0.0.1", freePort(), "esme", "pw", OWN)
        .withRebind(Duration.ofMillis(50), Duration.ofMillis(200))
        .withWindow(10, 100, Duration.ofMillis(300));
    try (SystemScheduler scheduler = SystemScheduler.create("sms-test", 2);
        SmsNetwork network = SmsNetwork.open(settings, scheduler, FAST)) {
      CoapEndpoint endpoint = network.bind(SmsAddress.of(OWN), request -> new CompletableFuture<>());

      assertThat(network.isBound()).isFalse();
      assertThat(endpoint.address()).isEqualTo(SmsAddress.of(OWN));
      assertThat(endpoint.isInMemory()).isFalse();
      await().atMost(Duration.ofSeconds(10)).until(() -> {
        CompletableFuture<CoapResponse> read = endpoint.send(
            CoapRequest.to(SmsAddress.of("33600000002"), CoapMethod.GET, List.of("3", "0")), Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(10)).until(read::isDone);
        return read.handle((response, failure) -> failure instanceof IOException
            || failure instanceof CompletionException && failure.getCause() instanceof IOException).join();
      });
      assertThat(network.counters().dropped(SmsDrop.QUEUE_FULL)).isPositive();
      assertThat(network.counters().bound()).isFalse();
    }
  }

  @Test
  void smscAwayAtStartIsOneWarningNotOnePerAttempt() throws IOException {
    SmppSettings settings = SmppSettings.of("127.0.0.1", freePort(), "esme", "pw", OWN)
        .withRebind(Duration.ofMillis(20), Duration.ofMillis(40));
    try (SmsLogCapture capture = new SmsLogCapture(SmscLink.class);
        SystemScheduler scheduler = SystemScheduler.create("sms-test", 2);
        SmsNetwork network = SmsNetwork.open(settings, scheduler, FAST)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> capture.at(Level.DEBUG).size() >= 3);

      assertThat(capture.at(Level.WARN)).singleElement().satisfies(event -> {
        assertThat(event.getFormattedMessage()).contains("cannot bind to the SMSC at 127.0.0.1:" + settings.port());
        assertThat(event.getThrowableProxy()).isNull();
      });
      assertThat(network.isBound()).isFalse();
    }
  }

  @Test
  void onlyItsOwnNumberCanBeBound() throws IOException {
    SmppSettings settings = SmppSettings.of("127.0.0.1", freePort(), "esme", "pw", OWN);
    try (SystemScheduler scheduler = SystemScheduler.create("sms-test", 2);
        SmsNetwork network = SmsNetwork.open(settings, scheduler, FAST)) {
      assertThatThrownBy(() -> network.bind(SmsAddress.of("33600000009"), request -> new CompletableFuture<>()))
          .isInstanceOf(BindException.class).hasMessageContaining("serves sms:" + OWN);
      assertThatThrownBy(() -> network.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5683),
          request -> new CompletableFuture<>()))
          .isInstanceOf(BindException.class).hasMessageContaining("not an SMS address");
      network.bind(SmsAddress.of("+" + OWN), request -> new CompletableFuture<>());
      assertThatThrownBy(() -> network.bind(SmsAddress.of(OWN), request -> new CompletableFuture<>()))
          .isInstanceOf(BindException.class);
    }
  }

  /** A port nobody listens on: bound and released at once. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
