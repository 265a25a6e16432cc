package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;

/**
 * Behind a UDP load balancer a device reaches a new server node from the balancer's new session
 * address: the observation that node took up must hear it by token alone, which only relaxed
 * matching allows; by default a notification must come from the address the observation was made with.
 */
class RelaxedResponseMatchingTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  /** Where the observation was made: the balancer's session to the node that has gone. */
  private static final InetSocketAddress OLD_ADDRESS = new InetSocketAddress("127.0.0.1", 9);
  private static final CoapHandler NONE = request -> CompletableFuture.failedFuture(new NotFoundException("none"));
  private static final int WAIT_MILLIS = 5_000;

  private static byte[] notification(InetSocketAddress server, byte[] token, int observe, String value) {
    Response response = new Response(CoAP.ResponseCode.CONTENT);
    response.setType(CoAP.Type.CON);
    response.setMID(4711);
    response.setToken(token);
    response.getOptions().setObserve(observe).setContentFormat(0);
    response.setPayload(value);
    response.setDestinationContext(new AddressEndpointContext(server));
    return new UdpDataSerializer().serializeResponse(response).getBytes();
  }

  private static CoapRequest observation(byte[] token) {
    return CoapRequest.to(OLD_ADDRESS, CoapMethod.GET, List.of("3", "0")).withObserve(0, token);
  }

  @Test
  void aRestoredObservationHearsANotificationFromANewAddressWhenMatchingIsRelaxed() throws Exception {
    List<CoapResponse> heard = new CopyOnWriteArrayList<>();
    try (CoapEndpoint server = CoapEndpoint.start(LOOPBACK, NONE, CoapSettings.DEFAULTS.withRelaxedResponseMatching());
        RawCoapPeer device = new RawCoapPeer(server.address())) {
      byte[] token = server.newObserveToken();
      server.restoreObservation(observation(token), heard::add);

      device.sendBytes(notification(server.address(), token, 7, "22.5"));

      Optional<Message> answer = device.receive(WAIT_MILLIS);
      assertThat(answer).get().extracting(Message::getType).isEqualTo(CoAP.Type.ACK);
      await().atMost(Duration.ofSeconds(5)).until(() -> heard.size() == 1);
      assertThat(new String(heard.get(0).payload(), StandardCharsets.UTF_8)).isEqualTo("22.5");
    }
  }

  @Test
  void byDefaultANotificationFromAnotherAddressIsRefused() throws Exception {
    List<CoapResponse> heard = new CopyOnWriteArrayList<>();
    try (CoapEndpoint server = CoapEndpoint.start(LOOPBACK, NONE, CoapSettings.DEFAULTS);
        RawCoapPeer device = new RawCoapPeer(server.address())) {
      byte[] token = server.newObserveToken();
      server.restoreObservation(observation(token), heard::add);

      device.sendBytes(notification(server.address(), token, 7, "22.5"));

      Optional<Message> answer = device.receive(WAIT_MILLIS);
      assertThat(answer).get().extracting(Message::getType).isEqualTo(CoAP.Type.RST);
      assertThat(heard).isEmpty();
    }
  }
}
