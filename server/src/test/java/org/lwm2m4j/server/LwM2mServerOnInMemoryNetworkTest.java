package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.memory.CoapMessage;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.lwm2m4j.transport.memory.VirtualPeer;

/** The whole server on an in-memory network, spoken to with raw CoAP datagrams from a virtual device. */
class LwM2mServerOnInMemoryNetworkTest {
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  private static final InetSocketAddress DEVICE = new InetSocketAddress("127.0.0.1", 40001);

  private final InMemoryNetwork network = new InMemoryNetwork();
  private LwM2mServer server;
  private VirtualPeer device;

  @BeforeEach
  void start() throws Exception {
    server = LwM2mServer.builder().network(network).coapAddress(SERVER).start();
    device = VirtualPeer.bind(network, DEVICE);
  }

  @AfterEach
  void stop() {
    device.close();
    server.close();
  }

  private CoapMessage register(String endpoint) {
    device.send(SERVER, CoapMessage.of(CoapMessage.CON, CoapMessage.POST, 1).withToken(new byte[] {1}).withPath("rd")
        .withQuery("ep=" + endpoint + "&lt=300&lwm2m=1.1&b=U").with(CoapMessage.CONTENT_FORMAT, 40)
        .withPayload("</>;rt=\"oma.lwm2m\",</1/0>,</3/0>"));
    return device.awaitAnswerTo(1);
  }

  @Test
  void aRegisterInADatagramIsAnsweredWithItsLocationAndStored() {
    CoapMessage created = register("dev1");
    assertThat(created.code()).isEqualTo(CoapMessage.CREATED);
    Registration registration = server.registrations().store().byEndpoint("dev1").orElseThrow();
    assertThat(created.locationPath()).containsExactly("rd", registration.id());
    assertThat(registration.address()).isEqualTo(DEVICE);
    assertThat(server.coapAddress()).isEqualTo(SERVER);
  }

  @Test
  void theDeviceApiReachesTheVirtualDeviceThroughTheNetwork() throws Exception {
    register("dev1");
    Registration registration = server.registrations().store().byEndpoint("dev1").orElseThrow();
    CompletableFuture<LwM2mNode> read = server.devices().read(registration, LwM2mPath.parse("/3/0/0"), RequestOptions.DEFAULTS);
    CoapMessage request = device.await(CoapMessage::isRequest);
    assertThat(request.options(CoapMessage.URI_PATH)).extracting(CoapMessage.Option::text).containsExactly("3", "0", "0");
    device.send(SERVER, CoapMessage.of(CoapMessage.ACK, CoapMessage.CONTENT, request.messageId()).withToken(request.token())
        .with(CoapMessage.CONTENT_FORMAT, 0).withPayload("ACME"));
    assertThat(read.get().toString()).contains("ACME");
  }

  @Test
  void aSendInADatagramReachesTheListeners() {
    register("dev1");
    List<List<TimestampedNode>> sent = new CopyOnWriteArrayList<>();
    server.addSendListener((registration, values) -> sent.add(values));
    device.send(SERVER, CoapMessage.of(CoapMessage.CON, CoapMessage.POST, 2).withToken(new byte[] {2}).withPath("dp")
        .with(CoapMessage.CONTENT_FORMAT, 110).withPayload("[{\"n\":\"/3/0/9\",\"v\":80}]"));
    assertThat(device.awaitAnswerTo(2).code()).isEqualTo(CoapMessage.CHANGED);
    org.awaitility.Awaitility.await().atMost(VirtualPeer.PATIENCE).until(() -> sent.size() == 1);
  }

  @Test
  void dtlsCannotBeAskedForOnAnInMemoryNetwork() {
    assertThatThrownBy(() -> LwM2mServer.builder().network(network).coapAddress(new InetSocketAddress("127.0.0.1", 5690))
        .coapsAddress(new InetSocketAddress("127.0.0.1", 5691)).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("in-memory");
  }
}
