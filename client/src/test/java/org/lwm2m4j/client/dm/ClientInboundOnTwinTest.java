package org.lwm2m4j.client.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lwm2m4j.client.dm.InboundFixture.BOOTSTRAP;
import static org.lwm2m4j.client.dm.InboundFixture.SERVER_1;
import static org.lwm2m4j.client.dm.InboundFixture.SERVER_2;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.bootstrap.BootstrapRequestHandler;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * The client's inbound chain behind a real (twin) transport, on virtual time: servers and the
 * Bootstrap-Server send CoAP requests to the client's endpoint and observe it; notifications go
 * out on the tracker's timers as the scheduler advances.
 */
class ClientInboundOnTwinTest {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final InetSocketAddress CLIENT = new InetSocketAddress("127.0.0.1", 5683);
  private static final LwM2mPath SERVER_URI = LwM2mPath.of(0, 1, 0);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final InboundFixture client = new InboundFixture(scheduler);
  private final CoapHandler nothingInbound = request -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.NOT_FOUND));
  private int bootstrapCommands;
  private CoapEndpoint clientEndpoint;
  private CoapEndpoint server1;
  private CoapEndpoint server2;
  private CoapEndpoint bootstrapServer;

  @BeforeEach
  void setUp() throws IOException {
    client.dmServers.set(1);
    BootstrapRequestHandler bootstrap = new BootstrapRequestHandler(client.tree, new BootstrapRequestHandler.Session() {
      @Override
      public void commandReceived() {
        bootstrapCommands++;
      }

      @Override
      public void finished() {}
    });
    CoapHandler chain = ClientInbound.chain(BOOTSTRAP::equals, bootstrap, client.servers, client.access, client.tree, client.dm());
    clientEndpoint = network.bind(CLIENT, chain);
    server1 = network.bind(SERVER_1, nothingInbound);
    server2 = network.bind(SERVER_2, nothingInbound);
    bootstrapServer = network.bind(BOOTSTRAP, nothingInbound);
  }

  @AfterEach
  void tearDown() {
    client.observations.close();
    for (CoapEndpoint endpoint : List.of(clientEndpoint, server1, server2, bootstrapServer)) {
      endpoint.close();
    }
  }

  private CoapResponse exchange(CoapEndpoint from, CoapRequest request) {
    CompletableFuture<CoapResponse> response = from.send(request, TIMEOUT);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(response).isCompleted();
    return response.join();
  }

  private static CoapRequest to(CoapMethod method, String... path) {
    return CoapRequest.to(CLIENT, method, List.of(path));
  }

  @Test
  void aServerReadsAValue() {
    CoapResponse response = exchange(server1, to(CoapMethod.GET, "3303", "0", "5700"));

    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo("21.5");
  }

  @Test
  void aStrangerIsUnauthorized() throws IOException {
    CoapEndpoint stranger = network.bind(new InetSocketAddress("127.0.0.1", 45683), nothingInbound);
    try {
      assertThat(exchange(stranger, to(CoapMethod.GET, "3", "0")).code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    } finally {
      stranger.close();
    }
  }

  @Test
  void theBootstrapServerWritesTheSecurityObjectThroughTheBootstrapViewAndADmServerMayNot() {
    byte[] uri = "coap://127.0.0.1:16000".getBytes(StandardCharsets.UTF_8);
    CoapRequest write = to(CoapMethod.PUT, "0", "1", "0").withPayload(ContentFormat.TEXT.code(), uri);

    assertThat(exchange(server1, write).code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(exchange(bootstrapServer, write).code()).isEqualTo(ResponseCode.CHANGED);

    assertThat(bootstrapCommands).isEqualTo(1);
    assertThat(client.tree.single(SERVER_URI)).contains(SingleResource.of(0, Value.of("coap://127.0.0.1:16000")));
  }

  @Test
  void anObservationWithPmaxNotifiesOnVirtualTime() {
    List<CoapResponse> notifications = new CopyOnWriteArrayList<>();
    CoapRequest observe = to(CoapMethod.GET, "3303", "0", "5700").withQuery(List.of("pmax=60"))
        .withObserve(0, server1.newObserveToken());

    CompletableFuture<CoapResponse> first = server1.observe(observe, TIMEOUT, notifications::add);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(first).isCompleted();
    assertThat(first.join().code()).isEqualTo(ResponseCode.CONTENT);

    scheduler.advance(Duration.ofSeconds(58));
    assertThat(notifications).as("nothing before pmax").isEmpty();
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(notifications).hasSize(1);
    scheduler.advance(Duration.ofMinutes(60));
    assertThat(notifications).as("one each minute").hasSize(61);
  }
}
