package org.lwm2m4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.memory.CoapMessage;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.lwm2m4j.transport.memory.VirtualPeer;

/** The client on an in-memory network: against a virtual server speaking raw CoAP, and against our server. */
class LwM2mClientOnInMemoryNetworkTest {
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 40001);

  private final InMemoryNetwork network = new InMemoryNetwork();

  @Test
  void registersWithAVirtualServerAndAnswersItsRequests() throws Exception {
    LwM2mClient client = LwM2mClient.builder("dev1").network(network).localAddress(CLIENT)
        .server(URI.create("coap://127.0.0.1:5683"), 1, 300).start();
    try (VirtualPeer server = VirtualPeer.bind(network, SERVER)) {
      CoapMessage register = server.await(CoapMessage::isRequest);
      assertThat(register.options(CoapMessage.URI_QUERY)).extracting(CoapMessage.Option::text).contains("ep=dev1");
      server.send(CLIENT, CoapMessage.of(CoapMessage.ACK, CoapMessage.CREATED, register.messageId()).withToken(register.token())
          .with(CoapMessage.LOCATION_PATH, "rd").with(CoapMessage.LOCATION_PATH, "r1"));
      Awaitility.await().atMost(VirtualPeer.PATIENCE).until(() -> client.registrations().registrations().containsKey(1));

      server.send(CLIENT, CoapMessage.of(CoapMessage.CON, CoapMessage.GET, 0x500).withToken(new byte[] {7}).withPath("3/0/2")
          .with(CoapMessage.ACCEPT, 0));
      CoapMessage answer = server.awaitAnswerTo(0x500);
      assertThat(answer.code()).isEqualTo(CoapMessage.CONTENT);
      assertThat(answer.payloadText()).isEqualTo("dev1"); // the serial number of the default Device object
    } finally {
      client.halt(); // the virtual server would not answer a De-register
    }
  }

  @Test
  void registersWithOurServerOnTheSameNetwork() throws Exception {
    try (LwM2mServer server = LwM2mServer.builder().network(network).coapAddress(SERVER).start();
         LwM2mClient client = LwM2mClient.builder("dev1").network(network)
             .server(URI.create("coap://127.0.0.1:5683"), 1, 300).start()) {
      Registration registration = Awaitility.await().atMost(VirtualPeer.PATIENCE)
          .until(() -> server.registrations().store().byEndpoint("dev1"), java.util.Optional::isPresent).orElseThrow();
      LwM2mNode serial = server.devices().read(registration, LwM2mPath.parse("/3/0/2"), RequestOptions.DEFAULTS).get();
      assertThat(serial.toString()).contains("dev1");
    }
  }
}
