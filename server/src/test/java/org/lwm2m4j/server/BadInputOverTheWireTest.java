package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input sent over real UDP: each gets the spec's answer (or, for what is not CoAP at all, no
 * answer) and the server goes on serving well-behaved clients.
 */
class BadInputOverTheWireTest {
  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private LwM2mServer server;
  private CoapClient coap;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    coap = new CoapClient();
    coap.setTimeout(5000L);
  }

  @AfterEach
  void stop() {
    coap.shutdown();
    server.close();
  }

  private String uri(String pathAndQuery) {
    return "coap://127.0.0.1:" + server.coapAddress().getPort() + pathAndQuery;
  }

  private CoapResponse send(Request request, String pathAndQuery) throws Exception {
    request.setURI(uri(pathAndQuery));
    CoapResponse response = coap.advanced(request);
    assertThat(response).as("an answer to " + request.getCode() + " " + pathAndQuery).isNotNull();
    return response;
  }

  private CoapResponse register(String query, String links) throws Exception {
    Request post = Request.newPost();
    post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
    post.setPayload(links);
    return send(post, "/rd?" + query);
  }

  /** A well-behaved client can still register: the server survived whatever came before. */
  private void assertStillServing() throws Exception {
    String endpoint = "good-" + ThreadLocalRandom.current().nextInt(1_000_000);
    assertThat(register("ep=" + endpoint + "&lt=60&lwm2m=1.1", "</1/0>,</3/0>").getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
    assertThat(server.registrations().store().byEndpoint(endpoint)).isPresent();
  }

  @Test
  void datagramsThatAreNotCoapGetNoAnswer() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(300);
      byte[][] garbage = {new byte[0], {0x00}, {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF},
          "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), new byte[1500]};
      for (byte[] datagram : garbage) {
        socket.send(new DatagramPacket(datagram, datagram.length, server.coapAddress()));
      }
      byte[] buffer = new byte[2048];
      try {
        socket.receive(new DatagramPacket(buffer, buffer.length));
        // A reset for what parsed as a CoAP header is acceptable; anything else is not.
        assertThat((buffer[0] >> 4) & 0x3).as("only RST may come back").isEqualTo(3);
      } catch (SocketTimeoutException expected) {
        // silence is the usual answer
      }
    }
    assertStillServing();
  }

  @Test
  void malformedOptionsAreRefused() throws Exception {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(3000);
      // CON POST, MID 0x1234, no token, then an option with the reserved delta nibble 15 and no payload marker.
      byte[] reservedDelta = {0x40, 0x02, 0x12, 0x34, (byte) 0xF1, 0x41};
      socket.send(new DatagramPacket(reservedDelta, reservedDelta.length, server.coapAddress()));
      byte[] buffer = new byte[2048];
      DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
      socket.receive(answer);
      int type = (buffer[0] >> 4) & 0x3;
      int code = buffer[1] & 0xFF;
      assertThat(type == 3 || code == 0x82 || code == 0x80).as("RST, 4.02 or 4.00 for a malformed option, got type "
          + type + " code " + code).isTrue();
    }
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      socket.setSoTimeout(3000);
      // CON POST /rd with an unknown critical option (65001, odd): RFC 7252 §5.4.1 says 4.02 Bad Option.
      byte[] unknownCritical = {0x40, 0x02, 0x12, 0x35, (byte) 0xB2, 'r', 'd', (byte) 0xE1, (byte) 0xFC, (byte) 0xD1, 0x01};
      socket.send(new DatagramPacket(unknownCritical, unknownCritical.length, server.coapAddress()));
      byte[] buffer = new byte[2048];
      socket.receive(new DatagramPacket(buffer, buffer.length));
      assertThat(buffer[1] & 0xFF).as("4.02 Bad Option").isEqualTo(0x82);
    }
    assertStillServing();
  }

  @Test
  void badQueryParametersGet400And412() throws Exception {
    assertThat(register("lt=60", "</1/0>").getCode()).as("no ep").isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(register("ep=a&lt=abc", "</1/0>").getCode()).as("lt not a number").isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(register("ep=a&lt=-5", "</1/0>").getCode()).as("negative lt").isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(register("ep=a&lwm2m=one", "</1/0>").getCode()).as("version syntax").isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(register("ep=a&lwm2m=9.9", "</1/0>").getCode()).as("unsupported version")
        .isEqualTo(CoAP.ResponseCode.PRECONDITION_FAILED);
    assertThat(register("ep=a&b=XYZ", "</1/0>").getCode()).as("binding").isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(server.registrations().store().size()).isZero();
    assertStillServing();
  }

  @Test
  void payloadsThatDoNotDecodeGet400Or415() throws Exception {
    assertThat(register("ep=a&lt=60", "<<<not link format").getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    Request json = Request.newPost();
    json.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_JSON);
    json.setPayload("{}");
    assertThat(send(json, "/rd?ep=a&lt=60").getCode()).isEqualTo(CoAP.ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
    assertThat(register("ep=sender&lt=60&lwm2m=1.1", "</1/0>,</3/0>").getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
    Request send = Request.newPost();
    send.getOptions().setContentFormat(110);
    send.setPayload("[{\"n\":");
    assertThat(send(send, "/dp").getCode()).as("a Send payload that does not decode").isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    Request text = Request.newPost();
    text.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
    text.setPayload("42");
    assertThat(send(text, "/dp").getCode()).as("Send in text/plain").isEqualTo(CoAP.ResponseCode.UNSUPPORTED_CONTENT_FORMAT);
    CoapClient stranger = new CoapClient();
    org.eclipse.californium.core.network.CoapEndpoint own = new org.eclipse.californium.core.network.CoapEndpoint.Builder()
        .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
    stranger.setEndpoint(own);
    try {
      Request unregistered = Request.newPost();
      unregistered.getOptions().setContentFormat(110);
      unregistered.setPayload("[{\"n\":\"/3/0/0\",\"vs\":\"x\"}]");
      unregistered.setURI(uri("/dp"));
      assertThat(stranger.advanced(unregistered).getCode()).as("Send from an unregistered address")
          .isEqualTo(CoAP.ResponseCode.FORBIDDEN);
    } finally {
      stranger.shutdown();
      own.destroy();
    }
    assertStillServing();
  }

  @Test
  void unknownRegistrationIdsAndPathsGet404And405() throws Exception {
    Request update = Request.newPost();
    assertThat(send(update, "/rd/nosuchid").getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
    assertThat(send(Request.newDelete(), "/rd/nosuchid").getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
    assertThat(send(Request.newGet(), "/rd").getCode()).isEqualTo(CoAP.ResponseCode.METHOD_NOT_ALLOWED);
    assertThat(send(Request.newGet(), "/somewhere/else").getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
    assertThat(send(Request.newPut(), "/rd/a/b/c").getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
    assertStillServing();
  }
}
