package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;

/** Block-wise request bodies (RFC 7959 Block1) over a real socket, sent by hand as a stranger would. */
class BlockwiseRequestBodyTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  private static final int OVERHEAD = InboundLimits.TRANSFER_OVERHEAD;
  /** Bodies up to 2 KiB; per peer one such body; in total three. */
  private static final CoapSettings SMALL = CoapSettings.DEFAULTS.withMaxBodySize(2048)
      .withInbound(InboundLimits.DEFAULTS.withBodyBytes(2048 + OVERHEAD, 3 * (2048 + OVERHEAD)));

  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final CoapHandler handler = request -> {
    bodies.add(request.payload());
    return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
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

  private RawCoapPeer peer(CoapEndpoint endpoint) throws Exception {
    RawCoapPeer peer = new RawCoapPeer(endpoint.address());
    open.add(peer);
    return peer;
  }

  /** Sends block {@code num} of {@code size} bytes to /5/0/0 and returns the answer. */
  private static Response block(RawCoapPeer peer, int num, int szx, boolean more, int payloadLength, Integer size1)
      throws Exception {
    Request request = peer.newRequest(CoAP.Code.PUT, "5/0/0");
    request.getOptions().setContentFormat(42);
    request.getOptions().setBlock1(szx, more, num);
    if (size1 != null) {
      request.getOptions().setSize1(size1);
    }
    request.setPayload(new byte[payloadLength]);
    return peer.exchange(request, 5000).orElseThrow(() -> new AssertionError("no answer to block " + num));
  }

  @Test
  void aFirstBlockWithoutSize1HoldsOnlyTheBytesReceivedNotTheLargestBody() throws Exception {
    CoapEndpoint endpoint = start(CoapSettings.DEFAULTS);
    Response answer = block(peer(endpoint), 0, 6, true, 1024, null);
    assertThat(answer.getCode()).isEqualTo(CoAP.ResponseCode.CONTINUE);
    // Asked to go on in the preferred 512-byte blocks: the 1024 bytes are blocks 0 and 1 of those.
    assertThat(answer.getOptions().getBlock1()).isEqualTo(new BlockOption(5, true, 0));
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodiesInProgress()).isEqualTo(1);
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodyBytesHeld()).isEqualTo(1024 + OVERHEAD);
  }

  @Test
  void peersStartingBodiesPastTheTotalCapGet413WithTheCapAsSize1() throws Exception {
    CoapEndpoint endpoint = start(SMALL);
    for (int i = 0; i < 3; i++) {
      assertThat(block(peer(endpoint), 0, 6, true, 1024, null).getCode()).isEqualTo(CoAP.ResponseCode.CONTINUE);
    }
    Response refused = block(peer(endpoint), 0, 6, true, 1024, null);
    assertThat(refused.getCode()).isEqualTo(CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    assertThat(refused.getOptions().getSize1()).isEqualTo(3 * (2048 + OVERHEAD));
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodyBytesHeld()).isEqualTo(3 * (1024 + OVERHEAD));
  }

  @Test
  void aFinishedBodyReachesTheHandlerWholeAndFreesItsShare() throws Exception {
    CoapEndpoint endpoint = start(SMALL);
    RawCoapPeer first = peer(endpoint);
    block(first, 0, 6, true, 1024, null);
    block(peer(endpoint), 0, 6, true, 1024, null);
    block(peer(endpoint), 0, 6, true, 1024, null);
    RawCoapPeer late = peer(endpoint);
    assertThat(block(late, 0, 6, true, 1024, null).getCode()).isEqualTo(CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE);

    Response done = block(first, 1, 6, false, 500, null);
    assertThat(done.getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
    assertThat(done.getOptions().getBlock1()).isEqualTo(new BlockOption(6, false, 1));
    assertThat(bodies).singleElement().satisfies(body -> assertThat(body).hasSize(1524));
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodiesInProgress()).isEqualTo(2);

    assertThat(block(late, 0, 6, true, 1024, null).getCode()).isEqualTo(CoAP.ResponseCode.CONTINUE);
  }

  @Test
  void anAbandonedBodyIsDroppedAfterTheIdleTimeout() throws Exception {
    CoapEndpoint endpoint = start(SMALL.withInbound(SMALL.inbound().withTransferIdleTimeout(Duration.ofMillis(300))));
    RawCoapPeer peer = peer(endpoint);
    assertThat(block(peer, 0, 6, true, 1024, null).getCode()).isEqualTo(CoAP.ResponseCode.CONTINUE);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> CaliforniumEndpoint.peerStateOf(endpoint).bodiesInProgress() == 0 && CaliforniumEndpoint.peerStateOf(endpoint).bodyBytesHeld() == 0);
    assertThat(block(peer, 1, 6, false, 10, null).getCode()).isEqualTo(CoAP.ResponseCode.REQUEST_ENTITY_INCOMPLETE);
    assertThat(bodies).isEmpty();
  }

  @Test
  void aBlockLargerThanItsDeclaredSizeGets400AndOneLogLineWithoutStackTrace() throws Exception {
    CoapEndpoint endpoint = start(CoapSettings.DEFAULTS);
    RawCoapPeer peer = peer(endpoint);
    try (LogCapture logs = new LogCapture()) {
      Response larger = block(peer, 0, 6, true, 1024, 16);
      Response zero = block(peer, 0, 2, false, 64, 0);
      assertThat(larger.getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
      assertThat(larger.getPayloadString()).contains("declared size of 16 bytes");
      assertThat(zero.getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
      assertThat(logs.events()).hasSize(2).allSatisfy(event -> {
        assertThat(event.getLevel()).isEqualTo(Level.INFO);
        assertThat(event.getFormattedMessage()).contains("PUT /5/0/0", "4.00", "declared size");
      });
      assertThat(logs.withStackTrace()).isEmpty();
    }
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodyBytesHeld()).isZero();
    assertThat(bodies).isEmpty();
  }

  /**
   * A block whose payload is larger than the block size its own Block1 option declares (16 bytes
   * here, 39 sent) cannot be built with Californium's serializer, so the datagram is written by hand.
   */
  @Test
  void aBlockLargerThanItsBlockSizeGets400AndNoErrorIsLogged() throws Exception {
    CoapEndpoint endpoint = start(CoapSettings.DEFAULTS);
    RawCoapPeer peer = peer(endpoint);
    java.io.ByteArrayOutputStream datagram = new java.io.ByteArrayOutputStream();
    datagram.writeBytes(new byte[] {
        0x41, 0x03, 0x12, 0x34, 0x7A, // CON PUT, message id 0x1234, token 7A
        (byte) 0xB1, 'x', // Uri-Path "x"
        (byte) 0xD1, 0x03, 0x08, // Block1: block 0, more, 16-byte blocks
        (byte) 0xFF});
    datagram.writeBytes(new byte[39]);
    try (LogCapture logs = new LogCapture()) {
      peer.sendBytes(datagram.toByteArray());
      org.eclipse.californium.core.coap.Message answer = peer.receive(5000)
          .orElseThrow(() -> new AssertionError("no answer to a block larger than its block size"));
      assertThat(answer).isInstanceOfSatisfying(Response.class, response -> {
        assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
        assertThat(response.getMID()).isEqualTo(0x1234);
      });
      assertThat(logs.events()).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
      assertThat(logs.withStackTrace()).isEmpty();
    }
    assertThat(bodies).isEmpty();
  }

  @Test
  void californiumsClientSendsALargeBodyBlockwiseAndIsToldWhenItIsTooLarge() throws Exception {
    CoapEndpoint endpoint = start(SMALL);
    CoapClient client = new CoapClient("coap://127.0.0.1:" + endpoint.address().getPort() + "/5/0/0");
    try {
      byte[] firmware = new byte[2000];
      new java.util.Random(7).nextBytes(firmware);
      assertThat(client.put(firmware, 42).getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
      assertThat(bodies).singleElement().isEqualTo(firmware);

      org.eclipse.californium.core.CoapResponse tooLarge = client.put(new byte[3000], 42);
      assertThat(tooLarge.getCode()).isEqualTo(CoAP.ResponseCode.REQUEST_ENTITY_TOO_LARGE);
      assertThat(tooLarge.getOptions().getSize1()).isEqualTo(2048);
    } finally {
      client.shutdown();
    }
    assertThat(CaliforniumEndpoint.peerStateOf(endpoint).bodyBytesHeld()).isZero();
  }

  /**
   * Firmware push: one endpoint writes a body of exactly the largest size to another, block-wise.
   * 64 KiB by default; {@code -Dlwm2m4j.test.largestBody=16777216} runs it at the firmware size
   * (16 MiB, about 20 s on loopback).
   */
  @Test
  void anEndpointPushesABodyOfTheLargestSizeToAnotherAndOneByteMoreIsRefused() throws Exception {
    int largest = Integer.getInteger("lwm2m4j.test.largestBody", 64 * 1024);
    CoapSettings settings = CoapSettings.DEFAULTS.withMaxBodySize(largest)
        .withInbound(InboundLimits.DEFAULTS.withBodyBytes(largest + OVERHEAD, 2L * (largest + OVERHEAD)));
    CoapEndpoint device = start(settings);
    CoapEndpoint server = start(CoapSettings.DEFAULTS);
    byte[] image = new byte[largest];
    new java.util.Random(1).nextBytes(image);
    CoapRequest write = CoapRequest.to(device.address(), CoapMethod.PUT, List.of("5", "0", "0"))
        .withPayload(42, image);
    assertThat(server.send(write, Duration.ofMinutes(5)).get(6, java.util.concurrent.TimeUnit.MINUTES).code())
        .isEqualTo(ResponseCode.CHANGED);
    assertThat(bodies).singleElement().isEqualTo(image);

    CoapRequest tooLarge = write.withPayload(42, new byte[largest + 1]);
    assertThat(server.send(tooLarge, Duration.ofSeconds(30)).get(1, java.util.concurrent.TimeUnit.MINUTES).code())
        .isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    assertThat(CaliforniumEndpoint.peerStateOf(device).bodyBytesHeld()).isZero();
  }
}
