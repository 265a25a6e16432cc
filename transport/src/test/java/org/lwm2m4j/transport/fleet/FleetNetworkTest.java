package org.lwm2m4j.transport.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.ObserveRelation;

/** Fleet endpoints talk CoAP with a real Californium endpoint on 127.0.0.1, each from its own address. */
class FleetNetworkTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  static CoapResponse text(String value) {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(), value.getBytes(StandardCharsets.UTF_8));
  }

  static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  static CoapHandler notFoundHandler() {
    return notFound();
  }

  private static CoapHandler notFound() {
    return request -> CompletableFuture.failedFuture(new NotFoundException(request.pathText()));
  }

  @Test
  void aFleetDeviceRequestReachesACaliforniumServerFromTheDevicesOwnAddress() throws Exception {
    AtomicReference<InetSocketAddress> seen = new AtomicReference<>();
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, request -> {
          seen.set(request.peer());
          return CompletableFuture.completedFuture(text("hello " + request.pathText() + "?" + request.query()));
        }, CoapSettings.DEFAULTS)) {
      CoapEndpoint device = fleet.device(7, notFound());
      assertThat(device.address()).isEqualTo(fleet.address(7));
      assertThat(device.isInMemory()).isFalse();

      CoapRequest register = CoapRequest.to(server.address(), CoapMethod.POST, List.of("rd"))
          .withQuery(List.of("ep=dev7", "lt=300")).withPayload(40, "</3/0>".getBytes(StandardCharsets.UTF_8));
      CoapResponse response = device.send(register, TIMEOUT).get(10, TimeUnit.SECONDS);

      assertThat(text(response)).isEqualTo("hello /rd?[ep=dev7, lt=300]");
      assertThat(seen.get()).isEqualTo(fleet.address(7));
      // at least: on a loaded machine the request may be retransmitted and answered twice
      assertThat(fleet.network.receivedCount()).isPositive();
      assertThat(fleet.network.sentCount()).isPositive();
      assertThat(fleet.network.droppedCount()).isZero();
    }
  }

  @Test
  void aCaliforniumServerReadsFleetDevicesEachAtItsOwnAddress() throws Exception {
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, notFound(), CoapSettings.DEFAULTS)) {
      for (int i = 0; i < 3; i++) {
        int number = i;
        fleet.device(i, request -> CompletableFuture.completedFuture(text("device " + number + " " + request.pathText())));
      }
      for (int i = 0; i < 3; i++) {
        CoapResponse read = server.send(CoapRequest.to(fleet.address(i), CoapMethod.GET, List.of("3", "0", "0")), TIMEOUT)
            .get(10, TimeUnit.SECONDS);
        assertThat(text(read)).isEqualTo("device " + i + " /3/0/0");
      }
      CompletableFuture<CoapResponse> missing = server.send(CoapRequest.to(fleet.address(9), CoapMethod.GET, List.of("3")), TIMEOUT);
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.network.droppedCount() >= 1);
      missing.cancel(true);
    }
  }

  /** Serves /3/0/13 as observable and hands out each relation. */
  private static final class ObservableDevice implements CoapHandler {
    final BlockingQueue<ObserveRelation> relations = new LinkedBlockingQueue<>();
    final Set<ObserveRelation> cancelled = ConcurrentHashMap.newKeySet();

    @Override
    public CompletableFuture<CoapResponse> handle(CoapRequest request) {
      return CompletableFuture.completedFuture(text("t0"));
    }

    @Override
    public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
      relation.onCancel(() -> cancelled.add(relation));
      relations.add(relation);
      return handle(request);
    }
  }

  @Test
  void aCaliforniumServerObservesAFleetDeviceThroughConAndNonNotificationsUntilItForgets() throws Exception {
    ObservableDevice handler = new ObservableDevice();
    BlockingQueue<CoapResponse> notifications = new LinkedBlockingQueue<>();
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, notFound(), CoapSettings.DEFAULTS)) {
      fleet.device(3, handler);
      byte[] token = server.newObserveToken();
      CoapRequest observe = CoapRequest.to(fleet.address(3), CoapMethod.GET, List.of("3", "0", "13")).withObserve(0, token);
      CoapResponse first = server.observe(observe, TIMEOUT, notifications::add).get(10, TimeUnit.SECONDS);
      assertThat(text(first)).isEqualTo("t0");
      assertThat(first.observe()).isPresent();
      ObserveRelation relation = handler.relations.poll(10, TimeUnit.SECONDS);
      assertThat(relation).isNotNull();
      assertThat(relation.peer()).isEqualTo(server.address());

      relation.notify(text("t1"), false);
      assertThat(text(notifications.poll(10, TimeUnit.SECONDS))).isEqualTo("t1");
      relation.notify(text("t2"), true);
      assertThat(text(notifications.poll(10, TimeUnit.SECONDS))).isEqualTo("t2");
      relation.notify(text("t3"), true);
      assertThat(text(notifications.poll(10, TimeUnit.SECONDS))).as("the CON one was acknowledged").isEqualTo("t3");

      server.forgetObservation(token);
      relation.notify(text("t4"), true);
      await().atMost(Duration.ofSeconds(10)).until(() -> handler.cancelled.contains(relation));
      assertThat(relation.isActive()).isFalse();
      assertThat(notifications).isEmpty();
    }
  }

  @Test
  void aNonNotificationAnsweredWithResetEndsTheRelation() throws Exception {
    ObservableDevice handler = new ObservableDevice();
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, notFound(), CoapSettings.DEFAULTS)) {
      fleet.device(4, handler);
      byte[] token = server.newObserveToken();
      CoapRequest observe = CoapRequest.to(fleet.address(4), CoapMethod.GET, List.of("3", "0", "13")).withObserve(0, token);
      server.observe(observe, TIMEOUT, notification -> { }).get(10, TimeUnit.SECONDS);
      ObserveRelation relation = handler.relations.poll(10, TimeUnit.SECONDS);

      server.forgetObservation(token);
      relation.notify(text("t1"), false);
      await().atMost(Duration.ofSeconds(10)).until(() -> handler.cancelled.contains(relation));
    }
  }

  @Test
  void aGetWithObserveOneFromTheCaliforniumSideEndsTheRelation() throws Exception {
    ObservableDevice handler = new ObservableDevice();
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, notFound(), CoapSettings.DEFAULTS)) {
      fleet.device(8, handler);
      byte[] token = server.newObserveToken();
      CoapRequest observe = CoapRequest.to(fleet.address(8), CoapMethod.GET, List.of("3", "0", "13")).withObserve(0, token);
      server.observe(observe, TIMEOUT, notification -> { }).get(10, TimeUnit.SECONDS);
      ObserveRelation relation = handler.relations.poll(10, TimeUnit.SECONDS);

      server.forgetObservation(token);
      CoapResponse last = server.send(observe.withObserve(1, token), TIMEOUT).get(10, TimeUnit.SECONDS);

      assertThat(text(last)).isEqualTo("t0");
      await().atMost(Duration.ofSeconds(10)).until(() -> handler.cancelled.contains(relation));
    }
  }

  @Test
  void aRequestLongerThanTheSocketsDatagramsFailsAtOnceInsteadOfTimingOut() throws Exception {
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, notFound(), CoapSettings.DEFAULTS)) {
      CoapEndpoint device = fleet.device(9, notFound());
      byte[] body = new byte[FleetSocketSettings.defaults().maxDatagramBytes() + 1];
      CompletableFuture<CoapResponse> write = device.send(
          CoapRequest.to(server.address(), CoapMethod.PUT, List.of("big")).withPayload(42, body), TIMEOUT);

      assertThatThrownBy(() -> write.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IOException.class).hasMessageContaining("refused");
      assertThat(fleet.network.sentCount()).isZero();
    }
  }

  @Test
  void aPingToACaliforniumServerIsAnsweredWithReset() throws Exception {
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, notFound(), CoapSettings.DEFAULTS)) {
      CoapEndpoint device = fleet.device(5, notFound());
      device.ping(server.address(), TIMEOUT).get(10, TimeUnit.SECONDS);
      server.ping(fleet.address(5), TIMEOUT).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void bindRefusesAddressesOffLoopbackOtherPortsAndTakenOnes() throws Exception {
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS)) {
      fleet.device(1, notFound());
      assertThatThrownBy(() -> fleet.device(1, notFound())).isInstanceOf(BindException.class);
      assertThatThrownBy(() -> fleet.network.bind(new InetSocketAddress("10.0.0.1", 0), notFound()))
          .isInstanceOf(BindException.class).hasMessageContaining("127.0.0.0/8");
      int otherPort = fleet.network.port() == 5683 ? 5684 : 5683;
      assertThatThrownBy(() -> fleet.network.bind(new InetSocketAddress(LoopbackFleet.deviceAddress(2), otherPort), notFound()))
          .isInstanceOf(BindException.class).hasMessageContaining(String.valueOf(fleet.network.port()));
      CoapEndpoint explicit = fleet.network.bind(fleet.address(2), notFound());
      assertThat(explicit.address()).isEqualTo(fleet.address(2));
      explicit.close();
      assertThat(fleet.network.bind(fleet.address(2), notFound()).address()).as("free again after close").isEqualTo(fleet.address(2));
    }
  }

  @Test
  void closeEndsRunAndFailsPendingExchanges() throws Exception {
    RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS);
    CompletableFuture<CoapResponse> pending;
    try (java.net.DatagramSocket silent = new java.net.DatagramSocket(LOOPBACK)) {
      CoapEndpoint device = fleet.device(6, notFound());
      pending = device.send(CoapRequest.to((InetSocketAddress) silent.getLocalSocketAddress(), CoapMethod.GET, List.of("x")), TIMEOUT);
      fleet.close();
      assertThat(fleet.receiver.isAlive()).isFalse();
      assertThat(fleet.failure.get()).isNull();
      assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IOException.class);
      assertThatThrownBy(() -> fleet.device(7, notFound())).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }
  }
}
