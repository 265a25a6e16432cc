package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.memory.CoapMessage;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.lwm2m4j.transport.memory.VirtualPeer;

class CaliforniumEndpointInMemoryTest {
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40001);

  private final InMemoryNetwork network = new InMemoryNetwork();

  private static CoapHandler echoingPath() {
    return request -> CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0),
        List.of(), request.pathText().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void answersARequestInjectedAsBytesFromAVirtualPeer() throws Exception {
    try (CoapEndpoint endpoint = CoapEndpoint.start(network, SERVER, echoingPath(), CoapSettings.DEFAULTS);
         VirtualPeer peer = VirtualPeer.bind(network, PEER)) {
      peer.send(SERVER, CoapMessage.of(CoapMessage.CON, CoapMessage.GET, 0x77).withToken(new byte[] {5}).withPath("3/0/9"));
      CoapMessage answer = peer.awaitAnswerTo(0x77);
      assertThat(answer.type()).isEqualTo(CoapMessage.ACK);
      assertThat(answer.code()).isEqualTo(CoapMessage.CONTENT);
      assertThat(answer.token()).containsExactly(5);
      assertThat(answer.payloadText()).isEqualTo("/3/0/9");
      assertThat(endpoint.address()).isEqualTo(SERVER);
    }
  }

  @Test
  void answersAMalformedConfirmableRequestWithAnErrorInItsAcknowledgement() throws Exception {
    try (CoapEndpoint endpoint = CoapEndpoint.start(network, SERVER, echoingPath(), CoapSettings.DEFAULTS);
         VirtualPeer peer = VirtualPeer.bind(network, PEER)) {
      // option delta nibble 15 without a payload marker: a message format error
      peer.sendRaw(SERVER, new byte[] {0x40, 0x01, 0x00, 0x42, (byte) 0xF0});
      CoapMessage answer = peer.awaitAnswerTo(0x42);
      assertThat(answer.type()).isEqualTo(CoapMessage.ACK);
      assertThat(answer.codeText()).startsWith("4.");
    }
  }

  @Test
  void sendsRequestsToAVirtualPeerAndCompletesWithItsAnswer() throws Exception {
    try (CoapEndpoint endpoint = CoapEndpoint.start(network, SERVER, echoingPath(), CoapSettings.DEFAULTS);
         VirtualPeer peer = VirtualPeer.bind(network, PEER)) {
      CompletableFuture<CoapResponse> read = endpoint.send(CoapRequest.to(PEER, CoapMethod.GET, List.of("3", "0")), Duration.ofSeconds(30));
      CoapMessage request = peer.await(CoapMessage::isRequest);
      assertThat(request.type()).isEqualTo(CoapMessage.CON);
      assertThat(request.options(CoapMessage.URI_PATH)).extracting(CoapMessage.Option::text).containsExactly("3", "0");
      peer.send(SERVER, CoapMessage.of(CoapMessage.ACK, CoapMessage.CONTENT, request.messageId()).withToken(request.token())
          .with(CoapMessage.CONTENT_FORMAT, 0).withPayload("hello"));
      assertThat(read.get().code()).isEqualTo(ResponseCode.CONTENT);
      assertThat(new String(read.get().payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }
  }

  @Test
  void twoEndpointsOnOneNetworkTalkToEachOther() throws Exception {
    try (CoapEndpoint server = CoapEndpoint.start(network, SERVER, echoingPath(), CoapSettings.DEFAULTS);
         CoapEndpoint client = CoapEndpoint.start(network, new InetSocketAddress("0.0.0.0", 0), echoingPath(),
             CoapSettings.DEFAULTS)) {
      CoapResponse response = client.send(CoapRequest.to(SERVER, CoapMethod.GET, List.of("rd")), Duration.ofSeconds(30)).get();
      assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo("/rd");
      assertThat(client.address().getPort()).isNotZero();
    }
  }

  @Test
  void anAddressTakenOnTheNetworkCannotBeStartedOnAgain() throws Exception {
    try (CoapEndpoint endpoint = CoapEndpoint.start(network, SERVER, echoingPath(), CoapSettings.DEFAULTS)) {
      assertThatThrownBy(() -> CoapEndpoint.start(network, SERVER, echoingPath(), CoapSettings.DEFAULTS))
          .isInstanceOf(IOException.class).hasMessageContaining("127.0.0.1:5683");
    }
    assertThat(network.isBound(SERVER)).isFalse();
  }
}
