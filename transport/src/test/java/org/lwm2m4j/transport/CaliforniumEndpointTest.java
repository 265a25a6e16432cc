package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;

class CaliforniumEndpointTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  private static CoapResponse send(CoapEndpoint endpoint, Request request, String pathAndQuery) throws Exception {
    request.setURI("coap://127.0.0.1:" + endpoint.address().getPort() + pathAndQuery);
    CoapClient client = new CoapClient();
    try {
      return client.advanced(request);
    } finally {
      client.shutdown();
    }
  }

  @Test
  void handsRequestsToTheHandlerInOurTermsAndSendsItsAnswer() throws Exception {
    CoapRequest[] seen = new CoapRequest[1];
    CoapHandler handler = request -> {
      seen[0] = request;
      return CompletableFuture.completedFuture(new org.lwm2m4j.transport.CoapResponse(ResponseCode.CREATED,
          OptionalInt.empty(), List.of("rd", "abc"), new byte[0]));
    };
    try (CoapEndpoint endpoint = CoapEndpoint.start(LOOPBACK, handler, CoapSettings.DEFAULTS)) {
      Request post = Request.newPost();
      post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
      post.setPayload("</1/0>");
      CoapResponse response = send(endpoint, post, "/rd?ep=dev1&lt=60");
      assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
      assertThat(response.getOptions().getLocationPath()).containsExactly("rd", "abc");
      assertThat(seen[0].method()).isEqualTo(CoapMethod.POST);
      assertThat(seen[0].path()).containsExactly("rd");
      assertThat(seen[0].query()).containsExactly("ep=dev1", "lt=60");
      assertThat(seen[0].contentFormat()).hasValue(40);
      assertThat(new String(seen[0].payload(), StandardCharsets.UTF_8)).isEqualTo("</1/0>");
      assertThat(seen[0].peer().getAddress().isLoopbackAddress()).isTrue();
    }
  }

  @Test
  void typedFailuresBecomeTheirCodeWithADiagnosticAndOthersBecome500() throws Exception {
    CoapHandler handler = request -> {
      if (request.path().contains("boom")) {
        throw new IllegalStateException("bug");
      }
      return CompletableFuture.failedFuture(new NotFoundException("no such thing"));
    };
    try (CoapEndpoint endpoint = CoapEndpoint.start(LOOPBACK, handler, CoapSettings.DEFAULTS)) {
      Request get = Request.newGet();
      CoapResponse notFound = send(endpoint, get, "/x");
      assertThat(notFound.getCode()).isEqualTo(CoAP.ResponseCode.NOT_FOUND);
      assertThat(notFound.getResponseText()).isEqualTo("no such thing");
      Request boom = Request.newGet();
      assertThat(send(endpoint, boom, "/boom").getCode()).isEqualTo(CoAP.ResponseCode.INTERNAL_SERVER_ERROR);
    }
  }

  @Test
  void sendsRequestsToAPeerFromTheSameSocketAndReturnsItsAnswer() throws Exception {
    CoapHandler device = request -> CompletableFuture.completedFuture(new org.lwm2m4j.transport.CoapResponse(
        ResponseCode.CONTENT, OptionalInt.of(0), List.of(), (request.pathText() + " from " + request.peer().getPort())
            .getBytes(StandardCharsets.UTF_8)));
    CoapHandler none = request -> CompletableFuture.failedFuture(new NotFoundException("none"));
    try (CoapEndpoint client = CoapEndpoint.start(LOOPBACK, device, CoapSettings.DEFAULTS);
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK, none, CoapSettings.DEFAULTS)) {
      org.lwm2m4j.transport.CoapResponse answer = server.send(
          CoapRequest.to(client.address(), CoapMethod.GET, List.of("3", "0", "9")), java.time.Duration.ofSeconds(5))
          .get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(answer.code()).isEqualTo(ResponseCode.CONTENT);
      assertThat(answer.contentFormat()).hasValue(0);
      assertThat(new String(answer.payload(), StandardCharsets.UTF_8)).isEqualTo("/3/0/9 from " + server.address().getPort());
    }
  }

  @Test
  void aSilentPeerTimesOut() throws Exception {
    try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
        CoapEndpoint server = CoapEndpoint.start(LOOPBACK,
            request -> CompletableFuture.failedFuture(new NotFoundException("none")), CoapSettings.DEFAULTS)) {
      InetSocketAddress peer = new InetSocketAddress("127.0.0.1", silent.getLocalPort());
      CompletableFuture<org.lwm2m4j.transport.CoapResponse> answer =
          server.send(CoapRequest.to(peer, CoapMethod.GET, List.of("3", "0")), java.time.Duration.ofMillis(300));
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> answer.get(10, java.util.concurrent.TimeUnit.SECONDS))
          .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }
  }
}
