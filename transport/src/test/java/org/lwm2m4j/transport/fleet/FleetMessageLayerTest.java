package org.lwm2m4j.transport.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;

/** The message layer of fleet endpoints seen from a peer with no CoAP stack: every datagram counts. */
class FleetMessageLayerTest {
  /** Short timeouts, so that the retransmission comes within a second. */
  private static final CoapSettings QUICK = new CoapSettings(Duration.ofMillis(200), 4);
  private static final int WAIT_MILLIS = 10_000;

  @Test
  void anUnansweredRequestIsRetransmittedWithTheSameMessageIdAndTheAnswerToTheCopyCompletesIt() throws Exception {
    try (RunningFleet fleet = new RunningFleet(QUICK); PlainPeer server = new PlainPeer()) {
      CoapEndpoint device = fleet.device(11, FleetNetworkTest.notFoundHandler());
      CompletableFuture<CoapResponse> read = device.send(CoapRequest.to(server.address(), CoapMethod.GET, List.of("1", "2")),
          Duration.ofSeconds(30));

      PlainPeer.Received first = server.receive(WAIT_MILLIS).orElseThrow();
      PlainPeer.Received again = server.receive(WAIT_MILLIS).orElseThrow();

      assertThat(first.from()).isEqualTo(fleet.address(11));
      assertThat(again.from()).isEqualTo(fleet.address(11));
      assertThat(first.message()).isInstanceOf(Request.class);
      assertThat(first.message().getType()).isEqualTo(CoAP.Type.CON);
      assertThat(again.bytes()).as("a retransmission is the same message").isEqualTo(first.bytes());
      assertThat(read).isNotDone();

      Response answer = new Response(CoAP.ResponseCode.CONTENT);
      answer.setType(CoAP.Type.ACK);
      answer.setMID(again.message().getMID());
      answer.setToken(again.message().getTokenBytes());
      answer.setPayload("ok");
      server.send(answer, again.from());
      assertThat(FleetNetworkTest.text(read.get(10, TimeUnit.SECONDS))).isEqualTo("ok");
    }
  }

  @Test
  void aDuplicateRequestIsAnsweredFromTheDeduplicationCacheWithoutASecondHandlerCall() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (RunningFleet fleet = new RunningFleet(QUICK); PlainPeer server = new PlainPeer()) {
      fleet.device(12, request -> CompletableFuture.completedFuture(FleetNetworkTest.text("call " + calls.incrementAndGet())));
      Request read = new Request(CoAP.Code.GET, CoAP.Type.CON);
      read.getOptions().setUriPath("3/0/0");
      read.setMID(0x1234);
      read.setToken(new byte[] {1, 2, 3});

      server.send(read, fleet.address(12));
      PlainPeer.Received answer = server.receive(WAIT_MILLIS).orElseThrow();
      server.send(read, fleet.address(12));
      PlainPeer.Received again = server.receive(WAIT_MILLIS).orElseThrow();

      assertThat(answer.message()).isInstanceOf(Response.class);
      assertThat(answer.message().getType()).isEqualTo(CoAP.Type.ACK);
      assertThat(answer.message().getMID()).isEqualTo(0x1234);
      assertThat(answer.message().getPayloadString()).isEqualTo("call 1");
      assertThat(again.bytes()).as("the cached answer").isEqualTo(answer.bytes());
      assertThat(calls).hasValue(1);
    }
  }

  @Test
  void aConRequestWithAnUnknownCriticalOptionIsAnsweredWithBadOptionAndCountedAsDropped() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    try (RunningFleet fleet = new RunningFleet(QUICK); PlainPeer server = new PlainPeer()) {
      fleet.device(13, request -> CompletableFuture.completedFuture(FleetNetworkTest.text("call " + calls.incrementAndGet())));
      // CON GET, MID 0x1234, token AB, then option 65001 (odd: critical, and unknown), empty
      byte[] badOption = {0x41, 0x01, 0x12, 0x34, (byte) 0xAB, (byte) 0xE0, (byte) 0xFC, (byte) 0xDC};

      server.sendBytes(badOption, fleet.address(13));
      PlainPeer.Received answer = server.receive(WAIT_MILLIS).orElseThrow();

      assertThat(answer.message().getType()).isEqualTo(CoAP.Type.ACK);
      assertThat(answer.message().getMID()).isEqualTo(0x1234);
      assertThat(((Response) answer.message()).getCode()).isEqualTo(CoAP.ResponseCode.BAD_OPTION);
      assertThat(answer.message().getTokenBytes()).containsExactly((byte) 0xAB);
      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.network.droppedCount() == 1);
      assertThat(calls).hasValue(0);
    }
  }

  @Test
  void garbageAndDatagramsForUnboundAddressesAreDroppedAndCounted() throws Exception {
    try (RunningFleet fleet = new RunningFleet(QUICK); PlainPeer server = new PlainPeer()) {
      fleet.device(14, FleetNetworkTest.notFoundHandler());
      server.sendBytes(new byte[] {1, 2}, fleet.address(14));
      server.sendBytes("not coap at all".getBytes(StandardCharsets.US_ASCII), fleet.address(14));
      Request read = new Request(CoAP.Code.GET, CoAP.Type.CON);
      read.setMID(7);
      read.setToken(new byte[] {7});
      server.send(read, fleet.address(15));

      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.network.droppedCount() == 3);
      assertThat(fleet.network.receivedCount()).isZero();
      assertThat(fleet.failure.get()).isNull();
    }
  }

  @Test
  void aMessageArrivingAfterTheSchedulerClosedIsDroppedAndTheReceiveLoopGoesOn() throws Exception {
    try (RunningFleet fleet = new RunningFleet(QUICK); PlainPeer server = new PlainPeer()) {
      fleet.device(16, FleetNetworkTest.notFoundHandler());
      fleet.scheduler.close();
      Request read = new Request(CoAP.Code.GET, CoAP.Type.CON);
      read.setMID(8);
      read.setToken(new byte[] {8});
      server.send(read, fleet.address(16));

      await().atMost(Duration.ofSeconds(10)).until(() -> fleet.network.droppedCount() == 1);
      assertThat(fleet.receiver.isAlive()).isTrue();
      assertThat(fleet.failure.get()).isNull();
    }
  }
}
