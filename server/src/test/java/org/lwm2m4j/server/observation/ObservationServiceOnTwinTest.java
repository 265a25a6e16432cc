package org.lwm2m4j.server.observation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.downlink.DownlinkChain;
import org.lwm2m4j.server.downlink.DownlinkEndpoints;
import org.lwm2m4j.server.downlink.DownlinkHarness;
import org.lwm2m4j.server.downlink.TwinDevice;
import org.lwm2m4j.server.queue.RequestQueuedException;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapResponse;

/**
 * Observations on the twin and virtual time: attributes by LwM2M version, notifications to the
 * listeners, active and passive cancel, re-arming stored observations after a restart, and an
 * Observe with attributes for a sleeping device.
 */
class ObservationServiceOnTwinTest {
  private static final LwM2mPath BATTERY = LwM2mPath.of(3, 0, 9);
  private static final List<String> PMIN_PMAX = List.of("pmin=5", "pmax=60");
  private static final Duration SECOND = Duration.ofSeconds(1);

  private final InMemoryObservationStore store = new InMemoryObservationStore();
  private final DownlinkHarness harness = harness(store);
  private final List<Notification> notifications = new CopyOnWriteArrayList<>();

  private static DownlinkHarness harness(ObservationStore store) {
    try {
      return new DownlinkHarness(store);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private ObserveResult observe(Registration registration, List<String> attributes) {
    CompletableFuture<ObserveResult> observe = harness.observations.observe(registration, BATTERY, attributes, RequestOptions.DEFAULTS);
    harness.advance(SECOND);
    return observe.join();
  }

  @Test
  void aClientOn12GetsTheAttributesInTheObserveQuery() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    ObserveResult result = observe(harness.register(device, "dev", false, Version.V1_2), PMIN_PMAX);
    assertThat(device.requests()).containsExactly("GET /3/0/9?pmin=5&pmax=60 obs=0");
    assertThat(result.content()).containsEntry(BATTERY, SingleResource.of(9, Value.ofInteger(90)));
    assertThat(harness.metrics).containsExactly("observe success");
  }

  @Test
  void aClientBefore12GetsWriteAttributesFirstAndARefusalSendsNoObserve() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration registration = harness.register(device, "dev", false, Version.V1_1);
    observe(registration, PMIN_PMAX);
    assertThat(device.requests()).containsExactly("PUT /3/0/9?pmin=5&pmax=60", "GET /3/0/9 obs=0");

    TwinDevice refusing = harness.device().set("/3/0/9", 90);
    refusing.script(request -> request.query().isEmpty() ? Optional.empty()
        : Optional.of(CoapResponse.error(new InvalidRequestException("no pmax here"))));
    CompletableFuture<ObserveResult> refused = harness.observations.observe(harness.register(refusing, "refusing", false),
        BATTERY, PMIN_PMAX, RequestOptions.DEFAULTS);
    harness.advance(SECOND);
    assertThat(refused).isCompletedExceptionally();
    assertThat(cause(refused)).isInstanceOf(ObservationAttributesRefusedException.class).hasMessageContaining("no pmax here");
    assertThat(refusing.requests()).containsExactly("PUT /3/0/9?pmin=5&pmax=60");
  }

  @Test
  void notificationsReachTheListenersInOrder() throws Exception {
    harness.observations.addListener(notifications::add);
    TwinDevice device = harness.device().set("/3/0/9", 90);
    ObserveResult result = observe(harness.register(device, "dev", false), List.of());
    device.set("/3/0/9", 80);
    harness.advance(SECOND);
    device.set("/3/0/9", 70);
    // listeners hear the notifications on the scheduler, in order
    harness.advance(SECOND);
    assertThat(notifications).extracting(notification -> notification.content().get(BATTERY))
        .containsExactly(SingleResource.of(9, Value.ofInteger(80)), SingleResource.of(9, Value.ofInteger(70)));
    assertThat(notifications.get(0).observation()).isEqualTo(result.observation());
  }

  @Test
  void anActiveCancelTellsTheClientAndIsCounted() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration registration = harness.register(device, "dev", false);
    Token token = observe(registration, List.of()).observation().token();
    CompletableFuture<Optional<Observation>> cancel = harness.observations.cancel(token, true, RequestOptions.DEFAULTS);
    harness.advance(SECOND);
    assertThat(cancel.join()).isPresent();
    assertThat(device.requests()).containsExactly("GET /3/0/9 obs=0", "GET /3/0/9 obs=1");
    assertThat(device.observers("/3/0/9")).isZero();
    assertThat(harness.observations.observationsOf(registration.id())).isEmpty();
    assertThat(harness.metrics).containsExactly("observe success", "cancel-observation success");
  }

  @Test
  void aPassiveCancelSendsNothingAndTheNextNotificationEndsTheRelation() throws Exception {
    harness.observations.addListener(notifications::add);
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Token token = observe(harness.register(device, "dev", false), List.of()).observation().token();
    assertThat(harness.observations.cancel(token, false, RequestOptions.DEFAULTS).join()).isPresent();
    assertThat(device.observers("/3/0/9")).isEqualTo(1);
    device.set("/3/0/9", 80);
    harness.advance(SECOND);
    assertThat(device.requests()).containsExactly("GET /3/0/9 obs=0");
    assertThat(device.observers("/3/0/9")).as("answered with RST").isZero();
    assertThat(notifications).isEmpty();
  }

  @Test
  void storedObservationsAreReArmedAfterARestartWithoutSendingAnything() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration registration = harness.register(device, "dev", false);
    Observation observation = observe(registration, List.of()).observation();

    // the server restarts on the same address with the same stores
    harness.server.close();
    CoapEndpoint restarted = harness.network.bind(DownlinkHarness.SERVER, request -> CompletableFuture.completedFuture(null));
    try (ObservationService again = new ObservationService(DownlinkChain.direct(DownlinkEndpoints.single(restarted),
        harness.scheduler), harness.codec, harness.registrations, store, harness.scheduler.clock(), DownlinkHarness.TIMEOUT,
        harness.scheduler)) {
      again.addListener(notifications::add);
      assertThat(again.restoreStored()).isEqualTo(1);
      device.set("/3/0/9", 75);
      harness.advance(SECOND);
      assertThat(notifications.get(0).observation()).isEqualTo(observation);
      assertThat(notifications.get(0).content()).containsEntry(BATTERY, SingleResource.of(9, Value.ofInteger(75)));
      assertThat(device.requests()).as("nothing sent at the restart").containsExactly("GET /3/0/9 obs=0");
      assertThat(device.observers("/3/0/9")).isEqualTo(1);
    } finally {
      restarted.close();
    }
  }

  @Test
  void anObserveWithAttributesForASleepingClientBefore12IsSentAfterItsQueuedWriteAttributes() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration sleeper = harness.register(device, "sleeper", true, Version.V1_1);
    CompletableFuture<ObserveResult> observe = harness.observations.observe(sleeper, BATTERY, PMIN_PMAX, RequestOptions.DEFAULTS);
    harness.advance(SECOND);
    assertThat(cause(observe)).isInstanceOf(RequestQueuedException.class);
    assertThat(device.requests()).isEmpty();

    harness.wake(sleeper);
    harness.advance(SECOND);
    assertThat(device.requests()).containsExactly("PUT /3/0/9?pmin=5&pmax=60", "GET /3/0/9 obs=0");
    assertThat(harness.observations.observationsOf(sleeper.id())).hasSize(1);
    assertThat(harness.metrics).containsExactly("write-attributes success", "observe success");
  }

  @Test
  void anEndedRegistrationDropsItsObservations() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration registration = harness.register(device, "dev", false);
    observe(registration, List.of());
    harness.observations.deregistered(registration);
    assertThat(harness.observations.observationsOf(registration.id())).isEmpty();
    device.set("/3/0/9", 80);
    harness.advance(SECOND);
    assertThat(device.observers("/3/0/9")).as("its next notification was answered with RST").isZero();
  }

  @Test
  void aClientThatRegistersAgainIsObservedAgainOnItsNewRegistration() throws Exception {
    harness.observations.addListener(notifications::add);
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration first = harness.register(device, "dev", false);
    Token old = observe(first, List.of()).observation().token();

    // a new DTLS session (its node died, it rebooted) means a new Register: a new registration replaces the first
    Registration again = Registration.builder("reg-dev-2", "dev", device.address()).objectLinks("</3/0>,</5/0>").build();
    harness.registrations.add(again);
    harness.observations.registered(again, Optional.of(first));
    harness.advance(SECOND);

    assertThat(harness.observations.observationsOf(first.id())).isEmpty();
    List<Observation> renewed = harness.observations.observationsOf(again.id());
    assertThat(renewed).singleElement().satisfies(observation -> {
      assertThat(observation.paths()).containsExactly(BATTERY);
      assertThat(observation.token()).isNotEqualTo(old);
    });
    assertThat(device.requests()).containsExactly("GET /3/0/9 obs=0", "GET /3/0/9 obs=0");
    device.set("/3/0/9", 60);
    harness.advance(SECOND);
    assertThat(notifications).extracting(Notification::observation).containsOnly(renewed.get(0));
    assertThat(notifications).extracting(notification -> notification.content().get(BATTERY))
        .contains(SingleResource.of(9, Value.ofInteger(60)));
  }

  @Test
  void anObserveCompositeIsMadeAgainWithItsPathsAndFormat() throws Exception {
    TwinDevice device = harness.device();
    byte[] senml = "[{\"bn\":\"/3/0/\",\"n\":\"9\",\"v\":90},{\"n\":\"1\",\"vs\":\"model\"}]"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    device.script(request -> request.method() == org.lwm2m4j.transport.CoapMethod.FETCH
        ? Optional.of(new CoapResponse(org.lwm2m4j.core.error.ResponseCode.CONTENT,
            java.util.OptionalInt.of(ContentFormat.SENML_JSON.code()), List.of(), senml))
        : Optional.empty());
    Registration first = harness.register(device, "dev", false);
    CompletableFuture<ObserveResult> composite = harness.observations.observeComposite(first,
        List.of(BATTERY, LwM2mPath.of(3, 0, 1)), RequestOptions.DEFAULTS.withFormat(ContentFormat.SENML_JSON));
    harness.advance(SECOND);
    Observation before = composite.join().observation();

    Registration again = Registration.builder("reg-dev-2", "dev", device.address()).objectLinks("</3/0>,</5/0>").build();
    harness.registrations.add(again);
    harness.observations.registered(again, Optional.of(first));
    harness.advance(SECOND);

    assertThat(harness.observations.observationsOf(again.id())).singleElement().satisfies(observation -> {
      assertThat(observation.composite()).isTrue();
      assertThat(observation.paths()).isEqualTo(before.paths());
      assertThat(observation.contentFormat()).isEqualTo(before.contentFormat());
    });
    assertThat(device.requests()).hasSize(2).allMatch(request -> request.startsWith("FETCH / obs=0"));
  }

  @Test
  void withDropAClientThatRegistersAgainLosesItsObservations() throws Exception {
    try (DownlinkHarness dropping = new DownlinkHarness(new InMemoryObservationStore(), ObservationService.ReRegistration.DROP)) {
      TwinDevice device = dropping.device().set("/3/0/9", 90);
      Registration first = dropping.register(device, "dev", false);
      CompletableFuture<ObserveResult> observe = dropping.observations.observe(first, BATTERY, List.of(), RequestOptions.DEFAULTS);
      dropping.advance(SECOND);
      observe.join();

      Registration again = Registration.builder("reg-dev-2", "dev", device.address()).objectLinks("</3/0>,</5/0>").build();
      dropping.registrations.add(again);
      dropping.observations.registered(again, Optional.of(first));
      dropping.advance(SECOND);

      assertThat(dropping.observations.observationsOf(again.id())).isEmpty();
      assertThat(device.requests()).containsExactly("GET /3/0/9 obs=0");
    }
  }

  private static Throwable cause(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("not failed");
  }
}
