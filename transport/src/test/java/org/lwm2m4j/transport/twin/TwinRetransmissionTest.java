package org.lwm2m4j.transport.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lwm2m4j.transport.twin.TwinRequestTest.DEVICE;
import static org.lwm2m4j.transport.twin.TwinRequestTest.SERVER;
import static org.lwm2m4j.transport.twin.TwinRequestTest.TIMEOUT;
import static org.lwm2m4j.transport.twin.TwinRequestTest.answering;
import static org.lwm2m4j.transport.twin.TwinRequestTest.content;
import static org.lwm2m4j.transport.twin.TwinRequestTest.failureOf;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;

/** RFC 7252 reliability on the twin: retransmission on virtual time, loss, duplication and deduplication. */
class TwinRetransmissionTest {
  private final VirtualScheduler scheduler = new VirtualScheduler();

  private static List<TwinExchange> requests(TwinNetwork network) {
    return network.exchanges().stream().filter(exchange -> exchange.kind() == TwinExchange.Kind.REQUEST).toList();
  }

  @Test
  void aRequestToACutPeerIsSentFiveTimesWithDoublingTimeoutsAndTimesOutAfterThirtyOneInitialTimeouts() throws IOException {
    TwinNetwork network = new TwinNetwork(scheduler);
    CoapEndpoint server = network.bind(SERVER, answering("unused"));
    network.bind(DEVICE, answering("x"));
    network.cut(DEVICE, true);
    List<Duration> failedAt = new ArrayList<>();

    CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), TIMEOUT);
    read.whenComplete((response, failure) -> failedAt.add(scheduler.elapsed()));
    scheduler.advance(Duration.ofSeconds(200));

    assertThat(failureOf(read)).isInstanceOf(TimeoutException.class).hasMessageContaining("did not answer GET /3");
    List<TwinExchange> attempts = requests(network);
    // ACK_TIMEOUT 2 s, MAX_RETRANSMIT 4: the first send and 4 retransmissions, all lost to the cut
    assertThat(attempts).extracting(TwinExchange::attempt).containsExactly(1, 2, 3, 4, 5);
    assertThat(attempts).extracting(TwinExchange::fate).containsOnly(TwinExchange.Fate.CUT);
    assertThat(attempts).extracting(TwinExchange::messageId).containsOnly(attempts.get(0).messageId());
    Duration initial = Duration.between(attempts.get(0).at(), attempts.get(1).at());
    // the initial timeout is ACK_TIMEOUT times a random factor in [1, 1.5)
    assertThat(initial).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(3));
    for (int i = 1; i < attempts.size(); i++) {
      Duration gap = Duration.between(attempts.get(i - 1).at(), attempts.get(i).at());
      assertThat(gap).isEqualTo(initial.multipliedBy(1L << (i - 1))); // T, 2T, 4T, 8T
    }
    // one more doubled timeout after the last attempt: 31 T in all, between 62 s and 93 s
    assertThat(failedAt).containsExactly(initial.multipliedBy(31));
  }

  @Test
  void theSettingsDecideTheTimeoutsAndTheNumberOfAttempts() throws IOException {
    TwinNetwork network = new TwinNetwork(scheduler, new CoapSettings(Duration.ofSeconds(1), 2), 7);
    CoapEndpoint server = network.bind(SERVER, answering("unused"));
    network.cut(DEVICE, true);
    List<Duration> failedAt = new ArrayList<>();

    server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), TIMEOUT)
        .whenComplete((response, failure) -> failedAt.add(scheduler.elapsed()));
    scheduler.advance(Duration.ofSeconds(60));

    List<TwinExchange> attempts = requests(network);
    assertThat(attempts).hasSize(3);
    Duration initial = Duration.between(attempts.get(0).at(), attempts.get(1).at());
    assertThat(initial).isBetween(Duration.ofSeconds(1), Duration.ofMillis(1500));
    assertThat(failedAt).containsExactly(initial.multipliedBy(7));
  }

  @Test
  void aPeerPluggedBackInBeforeTheLastAttemptStillAnswers() throws IOException {
    TwinNetwork network = new TwinNetwork(scheduler);
    CoapEndpoint server = network.bind(SERVER, answering("unused"));
    network.bind(DEVICE, answering("back"));
    network.cut(DEVICE, true);

    CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3")), TIMEOUT);
    scheduler.advance(Duration.ofSeconds(10));
    network.cut(DEVICE, false);
    scheduler.advance(Duration.ofSeconds(80));

    assertThat(read).isCompleted();
    assertThat(requests(network)).extracting(TwinExchange::fate).last().isEqualTo(TwinExchange.Fate.DELIVERED);
  }

  @Test
  void withLossRetransmissionStillGetsEveryRequestThroughAndEachReachesTheHandlerOnce() throws IOException {
    TwinNetwork network = new TwinNetwork(scheduler, CoapSettings.DEFAULTS, 42).loss(0.3);
    AtomicInteger served = new AtomicInteger();
    network.bind(DEVICE, request -> {
      served.incrementAndGet();
      return CompletableFuture.completedFuture(content(request.pathText()));
    });
    CoapEndpoint server = network.bind(SERVER, answering("unused"));

    List<CompletableFuture<CoapResponse>> reads = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      reads.add(server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3", "0", String.valueOf(i))), TIMEOUT));
    }
    scheduler.advance(Duration.ofSeconds(100));

    // with p = 0.3 per datagram, an exchange fails only if all 5 round trips fail (0.51^5, about 3.5 %)
    long answered = reads.stream().filter(read -> read.isDone() && !read.isCompletedExceptionally()).count();
    assertThat(answered).isGreaterThanOrEqualTo(17);
    assertThat(network.exchanges()).anyMatch(exchange -> exchange.fate() == TwinExchange.Fate.LOST);
    assertThat(requests(network)).anyMatch(exchange -> exchange.attempt() > 1);
    // a lost response makes the server retransmit: the device answers from its cache, the handler runs once per request
    long requestsThatArrived = requests(network).stream().filter(TwinExchange::arrived)
        .map(TwinExchange::messageId).distinct().count();
    assertThat(served).hasValue((int) requestsThatArrived);
    assertThat(network.exchanges()).anyMatch(exchange -> exchange.kind() == TwinExchange.Kind.RESPONSE && exchange.attempt() > 1);
  }

  @Test
  void aDuplicatedRequestReachesTheHandlerOnceAndBothCopiesAreAnswered() throws IOException {
    TwinNetwork network = new TwinNetwork(scheduler).duplication(1.0);
    AtomicInteger served = new AtomicInteger();
    network.bind(DEVICE, request -> {
      served.incrementAndGet();
      return CompletableFuture.completedFuture(content("once"));
    });
    CoapEndpoint server = network.bind(SERVER, answering("unused"));

    CompletableFuture<CoapResponse> write = server.send(CoapRequest.to(DEVICE, CoapMethod.POST, List.of("3", "0", "4")), TIMEOUT);
    scheduler.runPending();

    assertThat(write).isCompleted();
    assertThat(served).hasValue(1);
    List<TwinExchange> responses = network.exchanges().stream().filter(exchange -> exchange.kind() == TwinExchange.Kind.RESPONSE).toList();
    assertThat(responses).extracting(TwinExchange::attempt).containsExactly(1, 2);
    scheduler.advance(Duration.ofMinutes(10));
    assertThat(served).hasValue(1);
  }

  @Test
  void aRetransmissionWhileTheHandlerIsStillWorkingIsIgnored() throws IOException {
    TwinNetwork network = new TwinNetwork(scheduler);
    AtomicInteger served = new AtomicInteger();
    network.bind(DEVICE, request -> {
      served.incrementAndGet();
      return scheduler.after(Duration.ofSeconds(10)).thenApply(done -> content("slow"));
    });
    CoapEndpoint server = network.bind(SERVER, answering("unused"));

    CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("5")), TIMEOUT);
    scheduler.advance(Duration.ofSeconds(11));

    assertThat(read).isCompleted();
    assertThat(served).hasValue(1);
    assertThat(requests(network)).hasSizeGreaterThan(1);
  }
}
