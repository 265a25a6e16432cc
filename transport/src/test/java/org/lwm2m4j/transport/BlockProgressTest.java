package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.memory.InMemoryNetwork;

/**
 * Block-wise bodies report their progress block by block: a request body by the blocks the peer
 * acknowledged, a response body by the blocks served, each growing to the whole body.
 */
class BlockProgressTest {
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  private static final int SIZE = 5_000;

  private final InMemoryNetwork network = new InMemoryNetwork();
  private final byte[] body = new byte[SIZE];

  private CoapHandler serving() {
    return request -> CompletableFuture.completedFuture(request.method() == CoapMethod.GET
        ? new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(42), List.of(), body)
        : new CoapResponse(ResponseCode.CHANGED, OptionalInt.empty(), List.of(), new byte[0]));
  }

  @Test
  void aRequestBodyReportsTheBytesThePeerAcknowledgedUpToTheWholeBody() throws Exception {
    List<BlockProgress> sent = new CopyOnWriteArrayList<>();
    try (CoapEndpoint server = CoapEndpoint.start(network, SERVER, serving(), CoapSettings.DEFAULTS);
         CoapEndpoint client = CoapEndpoint.start(network, new InetSocketAddress("127.0.0.1", 0), serving(), CoapSettings.DEFAULTS)) {
      client.addBlockProgressListener(sent::add);
      CoapRequest write = CoapRequest.to(SERVER, CoapMethod.PUT, List.of("5", "0", "0")).withPayload(42, body);
      assertThat(client.send(write, Duration.ofSeconds(30)).get().code()).isEqualTo(ResponseCode.CHANGED);
    }
    assertThat(sent).hasSizeGreaterThan(2).allSatisfy(progress -> {
      assertThat(progress.direction()).isEqualTo(BlockProgress.Direction.REQUEST_SENT);
      assertThat(progress.path()).containsExactly("5", "0", "0");
      assertThat(progress.peer()).isEqualTo(SERVER);
    });
    assertThat(sent).extracting(BlockProgress::bytes).isSorted().last().isEqualTo((long) SIZE);
    assertThat(sent.get(sent.size() - 1).last()).isTrue();
    assertThat(sent.get(0).bytes()).isLessThan(SIZE);
  }

  @Test
  void aResponseBodyReportsTheBytesServedUpToTheWholeBody() throws Exception {
    List<BlockProgress> served = new CopyOnWriteArrayList<>();
    try (CoapEndpoint server = CoapEndpoint.start(network, SERVER, serving(), CoapSettings.DEFAULTS);
         CoapEndpoint client = CoapEndpoint.start(network, new InetSocketAddress("127.0.0.1", 0), serving(), CoapSettings.DEFAULTS)) {
      server.addBlockProgressListener(served::add);
      CoapResponse download = client.send(CoapRequest.to(SERVER, CoapMethod.GET, List.of("fw", "abc")), Duration.ofSeconds(30)).get();
      assertThat(download.payload()).hasSize(SIZE);
      assertThat(served).hasSizeGreaterThan(2).allSatisfy(progress -> {
        assertThat(progress.direction()).isEqualTo(BlockProgress.Direction.RESPONSE_SERVED);
        assertThat(progress.path()).containsExactly("fw", "abc");
        assertThat(progress.peer()).isEqualTo(client.address());
      });
    }
    assertThat(served).extracting(BlockProgress::bytes).isSorted().last().isEqualTo((long) SIZE);
    assertThat(served.get(served.size() - 1).last()).isTrue();
  }
}
