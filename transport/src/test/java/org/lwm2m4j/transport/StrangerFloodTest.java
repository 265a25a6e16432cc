package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;

/**
 * Floods of datagrams from many source ports: the state an endpoint keeps for them (messages
 * remembered for deduplication, block-wise bodies) stays within its {@link InboundLimits}.
 */
class StrangerFloodTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final int PEERS = 40;
  private static final int ROUNDS = 250;
  private static final int REMEMBERED_PER_PEER = 8;
  private static final int REMEMBERED_TOTAL = 300;

  private final AtomicInteger handled = new AtomicInteger();
  private final CoapHandler handler = request -> {
    handled.incrementAndGet();
    return CompletableFuture.failedFuture(new NotFoundException("no client " + request.pathText()));
  };
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  private CoapEndpoint start(CoapSettings settings) throws Exception {
    CoapEndpoint endpoint = CoapEndpoint.start(LOOPBACK, handler, settings);
    open.add(endpoint);
    return endpoint;
  }

  private List<RawCoapPeer> peers(CoapEndpoint endpoint, int count) throws Exception {
    List<RawCoapPeer> peers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RawCoapPeer peer = new RawCoapPeer(endpoint.address());
      open.add(peer);
      peers.add(peer);
    }
    return peers;
  }

  @Test
  void aFloodOfGarbageAndRequestsFromManyPortsLeavesTheRememberedMessagesWithinTheCap() throws Exception {
    CoapEndpoint endpoint = start(CoapSettings.DEFAULTS.withInbound(
        InboundLimits.DEFAULTS.withRememberedMessages(REMEMBERED_PER_PEER, REMEMBERED_TOTAL)));
    List<RawCoapPeer> peers = peers(endpoint, PEERS);
    Random random = new Random(42);
    int most = 0;
    for (int round = 0; round < ROUNDS; round++) {
      List<Request> sent = new ArrayList<>();
      for (RawCoapPeer peer : peers) {
        byte[] garbage = new byte[1 + random.nextInt(300)];
        random.nextBytes(garbage);
        // Version 0: never a CoAP message, so it cannot take a message id a request uses.
        garbage[0] &= 0x3F;
        peer.sendBytes(garbage);
        Request register = peer.newRequest(CoAP.Code.POST, "rd");
        register.getOptions().addUriQuery("ep=stranger" + round);
        register.setPayload(new byte[200]);
        peer.send(register);
        sent.add(register);
      }
      for (int i = 0; i < PEERS; i++) {
        Optional<Response> answer = peers.get(i).awaitResponse(sent.get(i), 5000);
        assertThat(answer).as("answer in round %d", round).isPresent();
      }
      most = Math.max(most, CaliforniumEndpoint.peerStateOf(endpoint).rememberedMessages());
    }
    assertThat(handled.get()).isEqualTo(PEERS * ROUNDS);
    assertThat(most).as("exchanges remembered whole").isLessThanOrEqualTo(REMEMBERED_TOTAL);
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).rememberedAnswers()).as("answers, the oldest forgotten past the cap")
        .isEqualTo(InboundLimits.ANSWERS_PER_REMEMBERED_MESSAGE * REMEMBERED_TOTAL);
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodiesInProgress()).isZero();
  }

  @Test
  void aRetransmissionIsAnsweredAgainButHandledOnce() throws Exception {
    CoapEndpoint endpoint = start(CoapSettings.DEFAULTS.withInbound(
        InboundLimits.DEFAULTS.withRememberedMessages(REMEMBERED_PER_PEER, REMEMBERED_TOTAL)));
    RawCoapPeer peer = peers(endpoint, 1).get(0);
    Request register = peer.newRequest(CoAP.Code.POST, "rd");
    Response first = peer.exchange(register, 5000).orElseThrow();
    Response again = peer.exchange(register, 5000).orElseThrow();
    assertThat(again.getCode()).isEqualTo(first.getCode());
    assertThat(again.getPayloadString()).isEqualTo(first.getPayloadString());
    assertThat(handled.get()).isEqualTo(1);
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).rememberedMessages()).as("the exchange is let go once answered").isZero();
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).rememberedAnswers()).as("its answer's bytes are kept").isEqualTo(1);
  }

  @Test
  void aFloodOfFirstBlocksFromManyPortsHoldsAtMostTheTotalCap() throws Exception {
    long total = 10L * (2048 + InboundLimits.TRANSFER_OVERHEAD);
    CoapEndpoint endpoint = start(CoapSettings.DEFAULTS.withMaxBodySize(2048)
        .withInbound(InboundLimits.DEFAULTS.withBodyBytes(2048 + InboundLimits.TRANSFER_OVERHEAD, total)));
    int continued = 0;
    int refused = 0;
    for (RawCoapPeer peer : peers(endpoint, 100)) {
      Request first = peer.newRequest(CoAP.Code.PUT, "5/0/0");
      first.getOptions().setBlock1(6, true, 0);
      first.setPayload(new byte[1024]);
      Response answer = peer.exchange(first, 5000).orElseThrow();
      if (answer.getCode() == CoAP.ResponseCode.CONTINUE) {
        continued++;
      } else {
        assertThat(answer.getCode()).isEqualTo(CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE);
        refused++;
      }
      assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodyBytesHeld()).isLessThanOrEqualTo(total);
    }
    long each = 1024 + InboundLimits.TRANSFER_OVERHEAD;
    assertThat(continued).isEqualTo((int) (total / each));
    assertThat(refused).isEqualTo(100 - continued);
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodyBytesHeld()).isEqualTo(continued * each);
  }
}
