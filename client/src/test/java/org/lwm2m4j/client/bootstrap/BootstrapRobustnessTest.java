package org.lwm2m4j.client.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.transport.memory.CoapMessage;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.lwm2m4j.transport.memory.VirtualPeer;

/** What a Bootstrap-Server cannot do to a client: break it with a bad Server URI, or get 5.00 while it stops. */
class BootstrapRobustnessTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40000);
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  private static final InetSocketAddress BOOTSTRAP_SERVER = new InetSocketAddress("127.0.0.1", 5783);

  private static Optional<CoapMessage> registerAndAcknowledge(CoapMessage message) {
    if (message.type() != CoapMessage.CON || !message.isRequest()) {
      return Optional.empty();
    }
    return Optional.of(CoapMessage.of(CoapMessage.ACK, CoapMessage.CREATED, message.messageId()).withToken(message.token())
        .with(CoapMessage.LOCATION_PATH, "rd").with(CoapMessage.LOCATION_PATH, "c1"));
  }

  @Test
  void aBootstrapServerUriWithoutHostLeavesTheClientServingItsServer() throws Exception {
    InMemoryNetwork network = new InMemoryNetwork();
    try (VirtualPeer server = VirtualPeer.bind(network, SERVER, BootstrapRobustnessTest::registerAndAcknowledge);
         VirtualPeer bootstrapServer = VirtualPeer.bind(network, BOOTSTRAP_SERVER)) {
      LwM2mClient client = LwM2mClient.builder("dev1").network(network).localAddress(CLIENT)
          .server(URI.create("coap://127.0.0.1:5683"), 1, 300)
          .bootstrapServer(URI.create("coap://127.0.0.1:5783"), new ClientCredentials.NoSec()).start();
      try {
        server.await(CoapMessage::isRequest);
        // the Bootstrap-Server account is Security instance 1 (after the one server's)
        bootstrapServer.send(CLIENT, CoapMessage.of(CoapMessage.CON, CoapMessage.PUT, 1).withToken(new byte[] {1})
            .withPath("0/1/0").with(CoapMessage.CONTENT_FORMAT, 0).withPayload("coap:no-host"));
        assertThat(bootstrapServer.awaitAnswerTo(1).code()).isEqualTo(CoapMessage.CHANGED);

        server.send(CLIENT, CoapMessage.of(CoapMessage.CON, CoapMessage.GET, 2).withToken(new byte[] {2}).withPath("3/0/2")
            .with(CoapMessage.ACCEPT, 0));
        assertThat(server.awaitAnswerTo(2).codeText()).isEqualTo("2.05");
      } finally {
        client.halt();
      }
    }
  }

  @Test
  void aBootstrapCommandWhileTheClientStopsIsRefusedAsUnavailable() throws Exception {
    // found by ClientInboundFuzzTest: the command reached a closed bootstrap scheduler and was answered 5.00
    InMemoryNetwork network = new InMemoryNetwork();
    try (VirtualPeer server = VirtualPeer.bind(network, SERVER, BootstrapRobustnessTest::registerAndAcknowledge);
         VirtualPeer bootstrapServer = VirtualPeer.bind(network, BOOTSTRAP_SERVER)) {
      LwM2mClient client = LwM2mClient.builder("dev1").network(network).localAddress(CLIENT)
          .server(URI.create("coap://127.0.0.1:5683"), 1, 300)
          .bootstrapServer(URI.create("coap://127.0.0.1:5783"), new ClientCredentials.NoSec()).start();
      try {
        server.await(CoapMessage::isRequest);
        client.bootstrap().close(); // what close() and halt() do first, while the endpoint still serves
        bootstrapServer.send(CLIENT, CoapMessage.of(CoapMessage.CON, CoapMessage.DELETE, 1).withToken(new byte[] {1}).withPath("1"));
        assertThat(bootstrapServer.awaitAnswerTo(1).codeText()).isEqualTo("5.03");
      } finally {
        client.halt();
      }
    }
  }
}
