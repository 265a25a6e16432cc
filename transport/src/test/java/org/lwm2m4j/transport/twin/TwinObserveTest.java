package org.lwm2m4j.transport.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lwm2m4j.transport.twin.TwinRequestTest.DEVICE;
import static org.lwm2m4j.transport.twin.TwinRequestTest.SERVER;
import static org.lwm2m4j.transport.twin.TwinRequestTest.TIMEOUT;
import static org.lwm2m4j.transport.twin.TwinRequestTest.answering;
import static org.lwm2m4j.transport.twin.TwinRequestTest.content;
import static org.lwm2m4j.transport.twin.TwinRequestTest.text;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;

/** RFC 7641 on the twin: numbering, order, passive and active cancel, CON notification timeout, error notifications. */
class TwinObserveTest {
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final List<ObserveRelation> relations = new ArrayList<>();
  private final List<CoapRequest> plainRequests = new ArrayList<>();
  private final List<CoapResponse> notifications = new ArrayList<>();
  private final AtomicInteger cancelled = new AtomicInteger();
  private CoapEndpoint device;
  private CoapEndpoint server;

  @BeforeEach
  void bind() throws IOException {
    device = network.bind(DEVICE, new CoapHandler() {
      @Override
      public CompletableFuture<CoapResponse> handle(CoapRequest request) {
        plainRequests.add(request);
        return CompletableFuture.completedFuture(content("plain"));
      }

      @Override
      public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
        if (request.path().get(0).equals("missing")) {
          relation.onCancel(cancelled::incrementAndGet);
          throw new NotFoundException("no such object");
        }
        relations.add(relation);
        relation.onCancel(cancelled::incrementAndGet);
        return CompletableFuture.completedFuture(content("first"));
      }
    });
    server = network.bind(SERVER, answering("unused"));
  }

  private CoapRequest observeRequest(byte[] token) {
    return CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3", "0", "9")).withObserve(0, token);
  }

  private ObserveRelation observe(byte[] token) {
    CompletableFuture<CoapResponse> first = server.observe(observeRequest(token), TIMEOUT, notifications::add);
    scheduler.runPending();
    assertThat(text(first.join())).isEqualTo("first");
    assertThat(first.join().observe()).isPresent();
    return relations.get(relations.size() - 1);
  }

  private List<String> notified() {
    return notifications.stream().map(TwinRequestTest::text).toList();
  }

  @Test
  void notificationsReachTheObserverInOrderWithRisingObserveNumbers() {
    byte[] token = server.newObserveToken();
    ObserveRelation relation = observe(token);
    assertThat(relation.token()).isEqualTo(token);
    assertThat(relation.peer()).isEqualTo(SERVER);

    relation.notify(content("one"), false);
    relation.notify(content("two"), true);
    scheduler.runPending();
    relation.notify(content("three"), false);
    scheduler.runPending();

    assertThat(notified()).containsExactly("one", "two", "three");
    assertThat(notifications).extracting(response -> response.observe().getAsInt()).isSorted().doesNotHaveDuplicates();
    assertThat(relation.isActive()).isTrue();
    assertThat(network.exchanges()).filteredOn(exchange -> exchange.kind() == TwinExchange.Kind.ACK).hasSize(1);
  }

  @Test
  void aNotificationOvertakenByANewerOneIsDropped() {
    ObserveRelation relation = observe(server.newObserveToken());

    network.delay(Duration.ofSeconds(10));
    relation.notify(content("old"), false);
    network.delay(Duration.ZERO);
    relation.notify(content("new"), false);
    scheduler.advance(Duration.ofSeconds(20));

    assertThat(notified()).containsExactly("new");
  }

  @Test
  void aForgottenObservationAnswersTheNextNotificationWithResetAndTheRelationEnds() {
    byte[] token = server.newObserveToken();
    ObserveRelation relation = observe(token);

    server.forgetObservation(token);
    relation.notify(content("unwanted"), false);
    scheduler.runPending();

    assertThat(notifications).isEmpty();
    assertThat(relation.isActive()).isFalse();
    assertThat(cancelled).hasValue(1);
    assertThat(network.exchanges()).last().extracting(TwinExchange::kind).isEqualTo(TwinExchange.Kind.RESET);
    relation.notify(content("ignored"), false);
    scheduler.runPending();
    assertThat(network.exchanges()).last().extracting(TwinExchange::kind).isEqualTo(TwinExchange.Kind.RESET);
  }

  @Test
  void aConfirmableNotificationThatIsNeverAcknowledgedEndsTheRelation() {
    ObserveRelation relation = observe(server.newObserveToken());

    network.cut(SERVER, true);
    relation.notify(content("into the void"), true);
    scheduler.advance(Duration.ofSeconds(60));
    assertThat(relation.isActive()).isTrue();
    scheduler.advance(Duration.ofSeconds(40));

    assertThat(relation.isActive()).isFalse();
    assertThat(cancelled).hasValue(1);
    assertThat(network.exchanges()).filteredOn(exchange -> exchange.kind() == TwinExchange.Kind.NOTIFICATION)
        .extracting(TwinExchange::attempt).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void aConfirmableNotificationToAnObserverThatIsGoneEndsTheRelationAtOnce() {
    ObserveRelation relation = observe(server.newObserveToken());

    server.close();
    relation.notify(content("nobody there"), false);
    scheduler.runPending();
    assertThat(relation.isActive()).isTrue(); // a NON notification learns nothing
    relation.notify(content("nobody there"), true);
    scheduler.runPending();

    assertThat(relation.isActive()).isFalse();
    assertThat(network.exchanges()).filteredOn(exchange -> exchange.kind() == TwinExchange.Kind.NOTIFICATION)
        .extracting(TwinExchange::fate).containsOnly(TwinExchange.Fate.UNREACHABLE);
    assertThat(scheduler.elapsed()).isZero();
  }

  @Test
  void notificationsWhileAConfirmableOneIsInFlightAreCoalescedToTheNewest() {
    ObserveRelation relation = observe(server.newObserveToken());

    network.delay(Duration.ofMillis(500));
    relation.notify(content("first change"), true);
    relation.notify(content("second change"), false);
    relation.notify(content("third change"), false);
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(notified()).containsExactly("first change", "third change");
  }

  @Test
  void anErrorNotificationReachesTheObserverAndEndsTheObservationOnBothSides() {
    ObserveRelation relation = observe(server.newObserveToken());

    relation.notify(CoapResponse.of(ResponseCode.NOT_FOUND), false);
    scheduler.runPending();

    assertThat(notifications).extracting(CoapResponse::code).containsExactly(ResponseCode.NOT_FOUND);
    assertThat(relation.isActive()).isFalse();
    assertThat(cancelled).hasValue(1);
  }

  @Test
  void aGetWithObserveOneCancelsTheRelationAndIsServedAsARead() {
    byte[] token = server.newObserveToken();
    ObserveRelation relation = observe(token);

    CompletableFuture<CoapResponse> cancel = server.send(
        CoapRequest.to(DEVICE, CoapMethod.GET, List.of("3", "0", "9")).withObserve(1, token), TIMEOUT);
    scheduler.runPending();

    assertThat(text(cancel.join())).isEqualTo("plain");
    assertThat(relation.isActive()).isFalse();
    assertThat(cancelled).hasValue(1);
    assertThat(plainRequests).singleElement().satisfies(request -> assertThat(request.observe()).hasValue(1));
  }

  @Test
  void anErrorFirstResponseNeverMakesAnActiveRelation() {
    CompletableFuture<CoapResponse> first = server.observe(
        CoapRequest.to(DEVICE, CoapMethod.GET, List.of("missing")).withObserve(0, server.newObserveToken()), TIMEOUT, notifications::add);
    scheduler.runPending();

    assertThat(first.join().code()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(first.join().observe()).isEmpty();
    assertThat(cancelled).hasValue(1);
  }

  @Test
  void theServingSideMayCancelWithoutTellingTheObserver() {
    ObserveRelation relation = observe(server.newObserveToken());
    int sent = network.exchanges().size();

    relation.cancel();
    relation.notify(content("after cancel"), false);
    scheduler.runPending();

    assertThat(relation.isActive()).isFalse();
    assertThat(cancelled).hasValue(1);
    assertThat(network.exchanges()).hasSize(sent);
  }

  @Test
  void aRestoredObservationTakesNotificationsAfterARestart() throws IOException {
    byte[] token = server.newObserveToken();
    ObserveRelation relation = observe(token);

    server.close();
    CoapEndpoint restarted = network.bind(SERVER, answering("unused"));
    List<CoapResponse> afterRestart = new ArrayList<>();
    restarted.restoreObservation(observeRequest(token), afterRestart::add);
    relation.notify(content("still here"), true);
    scheduler.runPending();

    assertThat(afterRestart).extracting(TwinRequestTest::text).containsExactly("still here");
    assertThat(relation.isActive()).isTrue();
  }

  @Test
  void closingTheServingEndpointEndsItsRelations() {
    ObserveRelation relation = observe(server.newObserveToken());

    device.close();

    assertThat(relation.isActive()).isFalse();
    assertThat(cancelled).hasValue(1);
  }
}
