package org.lwm2m4j.transport.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lwm2m4j.transport.twin.TwinRequestTest.DEVICE;
import static org.lwm2m4j.transport.twin.TwinRequestTest.SERVER;
import static org.lwm2m4j.transport.twin.TwinRequestTest.TIMEOUT;
import static org.lwm2m4j.transport.twin.TwinRequestTest.answering;
import static org.lwm2m4j.transport.twin.TwinRequestTest.content;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.ObserveRelation;

/** The same seed on virtual time gives the same traffic, datagram for datagram. */
class TwinDeterminismTest {

  /** Requests and notifications through loss, duplication and delay; returns what the network carried. */
  private static List<TwinExchange> run(long seed) throws IOException {
    VirtualScheduler scheduler = new VirtualScheduler();
    TwinNetwork network = new TwinNetwork(scheduler, CoapSettings.DEFAULTS, seed)
        .loss(0.2).duplication(0.2).delay(Duration.ofMillis(40));
    List<ObserveRelation> relations = new ArrayList<>();
    network.bind(DEVICE, new CoapHandler() {
      @Override
      public CompletableFuture<CoapResponse> handle(CoapRequest request) {
        return CompletableFuture.completedFuture(content(request.pathText()));
      }

      @Override
      public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
        relations.add(relation);
        return CompletableFuture.completedFuture(content("first"));
      }
    });
    CoapEndpoint server = network.bind(SERVER, answering("unused"));
    server.observe(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3", "0", "9")).withObserve(0, server.newObserveToken()),
        TIMEOUT, notification -> { });
    for (int i = 0; i < 10; i++) {
      server.send(CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3", "0", String.valueOf(i))), TIMEOUT);
      scheduler.advance(Duration.ofSeconds(3));
      relations.forEach(relation -> relation.notify(content("tick"), true));
    }
    scheduler.advance(Duration.ofMinutes(5));
    return network.exchanges();
  }

  @Test
  void theSameSeedGivesTheSameExchanges() throws IOException {
    List<TwinExchange> first = run(5);

    assertThat(first).hasSizeGreaterThan(30);
    assertThat(first).anyMatch(exchange -> exchange.fate() == TwinExchange.Fate.LOST);
    assertThat(first).anyMatch(exchange -> exchange.fate() == TwinExchange.Fate.DUPLICATED);
    assertThat(run(5)).isEqualTo(first);
  }

  @Test
  void anotherSeedGivesOtherExchanges() throws IOException {
    assertThat(run(6)).isNotEqualTo(run(5));
  }
}
