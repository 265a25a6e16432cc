package org.lwm2m4j.transport.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.dtls.PeerIdentity;
import org.lwm2m4j.transport.dtls.PskIdentity;

/** Requests and responses on the twin: delivery, failures mapped to codes, unreachable peers, identity, close. */
class TwinRequestTest {
  static final Duration TIMEOUT = Duration.ofMinutes(5);
  static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  static final InetSocketAddress DEVICE = new InetSocketAddress("127.0.0.1", 40001);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);

  static CoapHandler answering(String text) {
    return request -> CompletableFuture.completedFuture(content(text));
  }

  static CoapResponse content(String text) {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(), text.getBytes(StandardCharsets.UTF_8));
  }

  static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  static Throwable failureOf(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.get();
      throw new AssertionError("not failed");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aRequestReachesTheHandlerWithTheSendersAddressAndTheResponseComesBack() throws IOException {
    List<CoapRequest> seen = new ArrayList<>();
    CoapEndpoint device = network.bind(DEVICE, request -> {
      seen.add(request);
      return CompletableFuture.completedFuture(content("v=" + request.query()));
    });
    CoapEndpoint server = network.bind(SERVER, answering("unused"));

    CompletableFuture<CoapResponse> read = server.send(
        CoapRequest.to(device.address(), CoapMethod.GET, List.of("3", "0", "1")).withQuery(List.of("a=1")).withAccept(0), TIMEOUT);
    assertThat(read).isNotDone();
    scheduler.runPending();

    assertThat(read).isCompleted();
    assertThat(text(read.join())).isEqualTo("v=[a=1]");
    assertThat(seen).singleElement().satisfies(request -> {
      assertThat(request.peer()).isEqualTo(SERVER);
      assertThat(request.pathText()).isEqualTo("/3/0/1");
      assertThat(request.accept()).hasValue(0);
      assertThat(request.identity()).isEmpty();
      assertThat(request.token()).hasSize(8);
    });
    assertThat(network.exchanges()).extracting(TwinExchange::kind)
        .containsExactly(TwinExchange.Kind.REQUEST, TwinExchange.Kind.RESPONSE);
    assertThat(network.exchanges().get(0).isRequest(CoapMethod.GET, "/3/0/1")).isTrue();
    assertThat(network.exchanges().get(1).code()).hasValue(ResponseCode.CONTENT);
    assertThat(scheduler.elapsed()).isZero();
  }

  @Test
  void anLwM2mExceptionAnswersWithItsCodeAndAnythingElseWithInternalServerError() throws IOException {
    network.bind(DEVICE, request -> {
      if (request.path().get(0).equals("missing")) {
        throw new NotFoundException("no object missing");
      }
      return CompletableFuture.failedFuture(new IllegalStateException("bug"));
    });
    CoapEndpoint server = network.bind(SERVER, answering("unused"));

    CompletableFuture<CoapResponse> missing = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("missing")), TIMEOUT);
    CompletableFuture<CoapResponse> broken = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("broken")), TIMEOUT);
    scheduler.runPending();

    assertThat(missing.join().code()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(text(missing.join())).isEqualTo("no object missing");
    assertThat(broken.join().code()).isEqualTo(ResponseCode.INTERNAL_SERVER_ERROR);
  }

  @Test
  void aHandlerThatAnswersLaterAnswersAtThatTime() throws IOException {
    network.bind(DEVICE, request -> scheduler.after(Duration.ofSeconds(1)).thenApply(done -> content("late")));
    CoapEndpoint server = network.bind(SERVER, answering("unused"));

    CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), TIMEOUT);
    scheduler.advance(Duration.ofMillis(999));
    assertThat(read).isNotDone();
    scheduler.advance(Duration.ofMillis(1));
    assertThat(text(read.join())).isEqualTo("late");
  }

  @Test
  void aRequestToAnAddressNobodyBoundFailsWithAnIoException() throws IOException {
    CoapEndpoint server = network.bind(SERVER, answering("unused"));

    CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), TIMEOUT);
    scheduler.runPending();

    assertThat(failureOf(read)).isInstanceOf(IOException.class).hasMessageContaining("nothing is bound there");
    assertThat(network.exchanges()).singleElement().extracting(TwinExchange::fate).isEqualTo(TwinExchange.Fate.UNREACHABLE);
  }

  @Test
  void theCallersTimeoutEndsTheExchangeAndItsRetransmissions() throws IOException {
    CoapEndpoint server = network.bind(SERVER, answering("unused"));
    network.bind(DEVICE, answering("x"));
    network.cut(DEVICE, true);

    CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), Duration.ofSeconds(5));
    scheduler.advance(Duration.ofSeconds(5));

    assertThat(failureOf(read)).isInstanceOf(TimeoutException.class).hasMessageContaining("did not answer GET /3");
    int sent = network.exchanges().size();
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(network.exchanges()).hasSize(sent);
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void requestsCarryTheIdentityTheirEndpointPresents() throws IOException {
    List<Optional<PeerIdentity>> identities = new ArrayList<>();
    CoapEndpoint server = network.bind(SERVER, request -> {
      identities.add(request.identity());
      return CompletableFuture.completedFuture(CoapResponse.created(List.of("rd", "1")));
    });
    CoapEndpoint secure = network.presenting(new PskIdentity("device-1")).bind(new InetSocketAddress("127.0.0.1", 0), answering("x"));
    CoapEndpoint plain = network.bind(new InetSocketAddress("127.0.0.1", 0), answering("x"));

    CompletableFuture<CoapResponse> register = secure.send(CoapRequest.to(server.address(), CoapMethod.POST, List.of("rd")), TIMEOUT);
    plain.send(CoapRequest.to(server.address(), CoapMethod.POST, List.of("rd")), TIMEOUT);
    scheduler.runPending();

    assertThat(register.join().locationPath()).containsExactly("rd", "1");
    assertThat(identities).containsExactly(Optional.of(new PskIdentity("device-1")), Optional.empty());
  }

  @Test
  void closingAnEndpointFailsWhatWaitsForAnAnswerAndFreesTheAddress() throws IOException {
    CoapEndpoint server = network.bind(SERVER, answering("unused"));
    network.bind(DEVICE, request -> new CompletableFuture<>()); // never answers

    CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), TIMEOUT);
    CompletableFuture<Void> ping = server.ping(DEVICE, TIMEOUT);
    scheduler.advance(Duration.ofSeconds(1));
    server.close();

    assertThat(failureOf(read)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThat(ping).isCompleted(); // the device answered the ping with Reset before the close
    assertThat(failureOf(server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), TIMEOUT))).isInstanceOf(IOException.class);
    assertThat(network.isBound(SERVER)).isFalse();
    assertThat(network.bind(SERVER, answering("again")).address()).isEqualTo(SERVER);
  }

  @Test
  void aPingIsAnsweredByResetAndAPingToNobodyFails() throws IOException {
    CoapEndpoint server = network.bind(SERVER, answering("unused"));
    network.bind(DEVICE, answering("x"));

    CompletableFuture<Void> alive = server.ping(DEVICE, TIMEOUT);
    CompletableFuture<Void> nobody = server.ping(new InetSocketAddress("127.0.0.1", 40002), TIMEOUT);
    scheduler.runPending();

    assertThat(alive).isCompleted();
    assertThat(failureOf(nobody)).isInstanceOf(IOException.class);
    assertThat(network.exchanges()).extracting(TwinExchange::kind)
        .containsExactly(TwinExchange.Kind.PING, TwinExchange.Kind.PING, TwinExchange.Kind.RESET);
  }

  @Test
  void portZeroPicksAFreePortAndATakenAddressCannotBeBound() throws IOException {
    CoapEndpoint first = network.bind(new InetSocketAddress("127.0.0.1", 0), answering("x"));
    CoapEndpoint second = network.bind(new InetSocketAddress("127.0.0.1", 0), answering("x"));

    assertThat(first.address().getPort()).isEqualTo(TwinNetwork.FIRST_EPHEMERAL_PORT);
    assertThat(second.address().getPort()).isEqualTo(TwinNetwork.FIRST_EPHEMERAL_PORT + 1);
    assertThat(first.isInMemory()).isTrue();
    assertThatThrownBy(() -> network.bind(first.address(), answering("y")))
        .isInstanceOf(IOException.class).hasMessageContaining("bound already");
  }

  @Test
  void anEndpointOnTheWildcardAddressReceivesForAnyAddressWithItsPort() throws IOException {
    CoapEndpoint server = network.bind(new InetSocketAddress("0.0.0.0", 5683), answering("wildcard"));
    CoapEndpoint device = network.bind(new InetSocketAddress("0.0.0.0", 0), answering("device"));

    CompletableFuture<CoapResponse> toServer = device.send(CoapRequest.to(SERVER, CoapMethod.POST, List.of("rd")), TIMEOUT);
    CompletableFuture<CoapResponse> toDevice = server.send(
        CoapRequest.to(new InetSocketAddress("127.0.0.1", device.address().getPort()), CoapMethod.GET, List.of("3")), TIMEOUT);
    scheduler.runPending();

    assertThat(text(toServer.join())).isEqualTo("wildcard");
    assertThat(text(toDevice.join())).isEqualTo("device");
    server.close();
    CompletableFuture<CoapResponse> afterClose = device.send(CoapRequest.to(SERVER, CoapMethod.POST, List.of("rd")), TIMEOUT);
    scheduler.runPending();
    assertThat(failureOf(afterClose)).isInstanceOf(IOException.class);
  }

  @Test
  void theDelayHoldsEachDatagramOnTheWay() throws IOException {
    AtomicInteger served = new AtomicInteger();
    network.bind(DEVICE, request -> {
      served.incrementAndGet();
      return CompletableFuture.completedFuture(content("x"));
    });
    CoapEndpoint server = network.bind(SERVER, answering("unused"));
    network.delay(Duration.ofMillis(300));

    CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), TIMEOUT);
    scheduler.advance(Duration.ofMillis(299));
    assertThat(served).hasValue(0);
    scheduler.advance(Duration.ofMillis(1));
    assertThat(served).hasValue(1);
    assertThat(read).isNotDone();
    scheduler.advance(Duration.ofMillis(300));
    assertThat(read).isCompleted();
  }
}
