package org.lwm2m4j.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.ObserveRelation;

/**
 * An observation outlives the DTLS session it was made on: the device handshakes again (its
 * session was forgotten, as after a reboot of its DTLS stack or an expired session) and its next
 * notifications, sent on the new session by the same PSK identity, still reach the observer.
 */
class DtlsObserveAcrossHandshakesTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private static CoapResponse text(String value) {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(), value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void notificationsOnANewSessionOfTheSameIdentityStillReachTheObserver() throws Exception {
    BlockingQueue<ObserveRelation> relations = new ArrayBlockingQueue<>(4);
    CoapHandler device = new CoapHandler() {
      @Override
      public CompletableFuture<CoapResponse> handle(CoapRequest request) {
        return CompletableFuture.completedFuture(text("90"));
      }

      @Override
      public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
        relations.add(relation);
        return handle(request);
      }
    };
    AtomicInteger handshakes = new AtomicInteger();
    DtlsSettings serverDtls = DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY))
        .handshakeObserver((resumed, failure) -> handshakes.incrementAndGet()).build();
    BlockingQueue<CoapResponse> notifications = new ArrayBlockingQueue<>(10);
    try (CoapEndpoint server = CoapEndpoint.start(LOOPBACK, request -> CompletableFuture.completedFuture(text("ok")),
            CoapSettings.DEFAULTS, Optional.of(serverDtls));
        CoapEndpoint client = CoapEndpoint.start(LOOPBACK, device, CoapSettings.DEFAULTS,
            Optional.of(DtlsSettings.builder().psk("dev1", KEY).build()))) {
      // The device speaks first (as a LwM2M client registers), then the server observes it.
      assertThat(client.send(CoapRequest.to(server.address(), CoapMethod.POST, List.of("rd")), TIMEOUT).get(10, TimeUnit.SECONDS).code())
          .isEqualTo(ResponseCode.CONTENT);
      byte[] token = server.newObserveToken();
      CoapRequest read = CoapRequest.to(client.address(), CoapMethod.GET, List.of("3", "0", "9")).withObserve(0, token);
      assertThat(text(server.observe(read, TIMEOUT, notifications::add).get(10, TimeUnit.SECONDS))).isEqualTo("90");
      ObserveRelation relation = relations.poll(5, TimeUnit.SECONDS);
      assertThat(relation).isNotNull();
      relation.notify(text("89"), true);
      assertThat(text(notifications.poll(5, TimeUnit.SECONDS))).isEqualTo("89");

      client.forgetSessions();
      assertThat(client.send(CoapRequest.to(server.address(), CoapMethod.POST, List.of("rd")), TIMEOUT).get(10, TimeUnit.SECONDS).code())
          .isEqualTo(ResponseCode.CONTENT);
      assertThat(handshakes).as("a second full handshake").hasValue(2);

      relation.notify(text("88"), true);
      CoapResponse afterHandshake = notifications.poll(5, TimeUnit.SECONDS);
      assertThat(afterHandshake).as("notification on the new session").isNotNull();
      assertThat(text(afterHandshake)).isEqualTo("88");
    }
  }
}
