package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;

/** Observe between two of our endpoints: one observes, the other serves notifications. */
class CoapObserveTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static CoapResponse text(String value) {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(), value.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  /** Serves {@code /3/0/9} as an observable value and hands out each relation it accepts. */
  private static final class Device implements CoapHandler {
    final BlockingQueue<ObserveRelation> relations = new ArrayBlockingQueue<>(10);
    final CountDownLatch cancelled = new CountDownLatch(1);

    @Override
    public CompletableFuture<CoapResponse> handle(CoapRequest request) {
      if (!request.pathText().equals("/3/0/9")) {
        return CompletableFuture.failedFuture(new NotFoundException(request.pathText()));
      }
      return CompletableFuture.completedFuture(text("90"));
    }

    @Override
    public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
      relation.onCancel(cancelled::countDown);
      relations.add(relation);
      return handle(request);
    }
  }

  @Test
  void notificationsReachTheObserverUntilItForgetsTheObservation() throws Exception {
    Device device = new Device();
    BlockingQueue<CoapResponse> notifications = new ArrayBlockingQueue<>(10);
    try (CoapEndpoint client = CoapEndpoint.start(LOOPBACK, device, CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, request -> CompletableFuture.failedFuture(
            new NotFoundException("none")), CoapSettings.DEFAULTS)) {
      byte[] token = server.newObserveToken();
      CoapRequest read = CoapRequest.to(client.address(), CoapMethod.GET, List.of("3", "0", "9")).withObserve(0, token);
      CoapResponse first = server.observe(read, TIMEOUT, notifications::add).get(5, TimeUnit.SECONDS);
      assertThat(text(first)).isEqualTo("90");

      ObserveRelation relation = device.relations.poll(5, TimeUnit.SECONDS);
      assertThat(relation).isNotNull();
      assertThat(relation.token()).containsExactly(token);
      assertThat(relation.isActive()).isTrue();
      relation.notify(text("89"), false);
      assertThat(text(notifications.poll(5, TimeUnit.SECONDS))).isEqualTo("89");
      relation.notify(text("88"), true);
      assertThat(text(notifications.poll(5, TimeUnit.SECONDS))).isEqualTo("88");

      server.forgetObservation(token);
      relation.notify(text("87"), true);
      assertThat(device.cancelled.await(5, TimeUnit.SECONDS)).as("RST ends the relation").isTrue();
      assertThat(relation.isActive()).isFalse();
      assertThat(notifications).isEmpty();
    }
  }

  @Test
  void aGetWithObserveOneCancelsTheRelationActively() throws Exception {
    Device device = new Device();
    try (CoapEndpoint client = CoapEndpoint.start(LOOPBACK, device, CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, request -> CompletableFuture.failedFuture(
            new NotFoundException("none")), CoapSettings.DEFAULTS)) {
      byte[] token = server.newObserveToken();
      CoapRequest read = CoapRequest.to(client.address(), CoapMethod.GET, List.of("3", "0", "9")).withObserve(0, token);
      server.observe(read, TIMEOUT, notification -> { }).get(5, TimeUnit.SECONDS);
      ObserveRelation relation = device.relations.poll(5, TimeUnit.SECONDS);

      server.forgetObservation(token);
      CoapResponse last = server.send(read.withObserve(1, token), TIMEOUT).get(5, TimeUnit.SECONDS);
      assertThat(last.code()).isEqualTo(ResponseCode.CONTENT);
      assertThat(device.cancelled.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(relation.isActive()).isFalse();
    }
  }

  @Test
  void anObserveAnsweredWithAnErrorLeavesNoRelation() throws Exception {
    Device device = new Device();
    BlockingQueue<CoapResponse> notifications = new ArrayBlockingQueue<>(10);
    try (CoapEndpoint client = CoapEndpoint.start(LOOPBACK, device, CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, request -> CompletableFuture.failedFuture(
            new NotFoundException("none")), CoapSettings.DEFAULTS)) {
      CoapRequest read = CoapRequest.to(client.address(), CoapMethod.GET, List.of("3", "0", "99")).withObserve(0, server.newObserveToken());
      CoapResponse first = server.observe(read, TIMEOUT, notifications::add).get(5, TimeUnit.SECONDS);
      assertThat(first.code()).isEqualTo(ResponseCode.NOT_FOUND);
      ObserveRelation relation = device.relations.poll(5, TimeUnit.SECONDS);
      assertThat(device.cancelled.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(relation.isActive()).isFalse();
    }
  }

  @Test
  void largePayloadsTravelBlockWise() throws Exception {
    String big = "x".repeat(5000);
    CoapHandler device = request -> CompletableFuture.completedFuture(text(big + new String(request.payload(), StandardCharsets.UTF_8)));
    try (CoapEndpoint client = CoapEndpoint.start(LOOPBACK, device, CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, request -> CompletableFuture.failedFuture(
            new NotFoundException("none")), CoapSettings.DEFAULTS)) {
      CoapRequest write = CoapRequest.to(client.address(), CoapMethod.PUT, List.of("5", "0", "0"))
          .withPayload(42, "y".repeat(3000).getBytes(StandardCharsets.UTF_8));
      CoapResponse response = server.send(write, TIMEOUT).get(10, TimeUnit.SECONDS);
      assertThat(text(response)).hasSize(8000).startsWith(big).endsWith("y");
    }
  }

  @Test
  void aNotificationOlderThanOneAlreadyReceivedIsDropped() throws Exception {
    BlockingQueue<CoapResponse> notifications = new ArrayBlockingQueue<>(10);
    try (ScriptedDevice device = ScriptedDevice.start(request -> ScriptedDevice.text("90").withObserve(3));
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, request -> CompletableFuture.failedFuture(
            new NotFoundException("none")), CoapSettings.DEFAULTS)) {
      CoapRequest read = CoapRequest.to(device.address(), CoapMethod.GET, List.of("3", "0", "9"))
          .withObserve(0, server.newObserveToken());
      assertThat(server.observe(read, TIMEOUT, notifications::add).get(5, TimeUnit.SECONDS).observe()).hasValue(3);
      CoapRequest observe = device.received().get(0);

      // The transport may take datagrams up on several threads: each fresh one is awaited before
      // the next is sent, and each stale one is stale whichever order it is handled in.
      device.notify(observe, ScriptedDevice.text("stale: older than the response").withObserve(2));
      device.notify(observe, ScriptedDevice.text("89").withObserve(5));
      assertThat(text(notifications.poll(5, TimeUnit.SECONDS))).isEqualTo("89");
      device.notify(observe, ScriptedDevice.text("stale: older than 5").withObserve(4));
      device.notify(observe, ScriptedDevice.text("88").withObserve(6));
      assertThat(text(notifications.poll(5, TimeUnit.SECONDS))).isEqualTo("88");
      assertThat(notifications).isEmpty();
    }
  }

  @Test
  void forgettingATokenTheEndpointNeverMadeIsANoOp() throws Exception {
    try (CoapEndpoint server = CoapEndpoint.start(LOOPBACK, request -> CompletableFuture.failedFuture(
        new IllegalStateException("no requests here")), CoapSettings.DEFAULTS)) {
      // made by another endpoint (an SMS one): Californium reads the low bits 00 as a client-local token
      server.forgetObservation(new byte[] {0x12, 0x34, 0x56, 0x78});
      server.forgetObservation(new byte[] {0x04});
    }
  }
}
