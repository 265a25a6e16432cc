package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.schedule.VirtualScheduler;

/** The registration interface without a transport, on virtual time: events, expiry, grace. */
class RegistrationServiceTest {
  private static final Duration GRACE = Duration.ofSeconds(30);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final RegistrationService service =
      new RegistrationService(new InMemoryRegistrationStore(GRACE), scheduler, Duration.ofSeconds(1));
  private final List<String> events = new ArrayList<>();
  private final InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40001);

  RegistrationServiceTest() {
    service.addListener(new RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        events.add("registered " + registration.endpoint() + replaced.map(r -> " replacing " + r.id()).orElse(""));
      }

      @Override
      public void updated(UpdatedRegistration update) {
        events.add("updated " + update.current().endpoint() + " lt=" + update.current().lifetimeSeconds());
      }

      @Override
      public void deregistered(Registration registration) {
        events.add("deregistered " + registration.endpoint());
      }

      @Override
      public void expired(Registration registration) {
        events.add("expired " + registration.endpoint() + " at +" + scheduler.elapsed().toSeconds() + " s");
      }
    });
  }

  @AfterEach
  void close() {
    service.close();
  }

  private static RegisterRequest request(String query) {
    return RegistrationRequestParser.parseRegister(List.of(query.split("&")),
        "</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8));
  }

  private void renew(Registration registration) {
    service.update(RegistrationUpdate.renew(registration.id(), registration.address(), scheduler.now()));
  }

  @Test
  void registerUpdateDeregisterEmitEventsInOrderOffTheCallersCall() {
    Registration registration = service.register(request("ep=dev1&lt=60"), "dev1", from);
    assertThat(registration.id()).hasSize(11);
    renew(registration);
    service.update(RegistrationRequestParser.parseUpdate(registration.id(), from, scheduler.now(),
        registration.lwm2mVersion(), List.of("lt=120"), new byte[0]));
    service.deregister(registration.id());
    assertThat(events).as("listeners run on the scheduler, not in the caller's call").isEmpty();
    scheduler.runPending();
    assertThat(events).containsExactly("registered dev1", "updated dev1 lt=60", "updated dev1 lt=120", "deregistered dev1");
  }

  @Test
  void aSecondRegisterReplacesTheFirstAndItsIdStopsWorking() {
    Registration first = service.register(request("ep=dev1"), "dev1", from);
    Registration second = service.register(request("ep=dev1"), "dev1", from);
    assertThat(second.id()).isNotEqualTo(first.id());
    scheduler.runPending();
    assertThat(events).containsExactly("registered dev1", "registered dev1 replacing " + first.id());
    assertThatThrownBy(() -> renew(first)).isInstanceOf(NotFoundException.class).hasMessageContaining("register again");
  }

  @Test
  void unknownRegistrationsAre404AndAMissingEndpointIs400() {
    assertThatThrownBy(() -> service.deregister("nope")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.register(request("lt=60&lwm2m=1.1"), "", from)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aRepeatedDeregisterWithinTheExchangeLifetimeIsAnsweredAsTheFirstWithoutASecondEvent() {
    Registration registration = service.register(request("ep=dev1&lt=600"), "dev1", from);
    assertThat(service.deregisterOrRepeat(registration.id())).contains(registration);
    scheduler.advance(RegistrationService.EXCHANGE_LIFETIME.minusSeconds(1));
    assertThat(service.deregisterOrRepeat(registration.id())).as("a retransmission: 2.02 again").isEmpty();
    assertThat(events).containsExactly("registered dev1", "deregistered dev1");
  }

  @Test
  void aDeregisterAfterTheExchangeLifetimeOrOfAnIdNeverKnownIsNotFound() {
    Registration registration = service.register(request("ep=dev1&lt=600"), "dev1", from);
    service.deregisterOrRepeat(registration.id());
    scheduler.advance(RegistrationService.EXCHANGE_LIFETIME.plusSeconds(1));
    assertThatThrownBy(() -> service.deregisterOrRepeat(registration.id())).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.deregisterOrRepeat("never")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void registrationsExpireWhenTheirLifetimeAndTheGraceRunOut() {
    service.register(request("ep=short&lt=60"), "short", from);
    scheduler.advance(Duration.ofSeconds(60).plus(GRACE).minusSeconds(1));
    assertThat(service.store().byEndpoint("short")).as("still within the grace period").isPresent();
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(service.store().byEndpoint("short")).isEmpty();
    assertThat(events).containsExactly("registered short", "expired short at +90 s");
  }

  @Test
  void anUpdateExtendsTheLifetimeFromTheUpdate() {
    Registration kept = service.register(request("ep=kept&lt=60"), "kept", from);
    service.register(request("ep=lapsed&lt=60"), "lapsed", new InetSocketAddress("127.0.0.1", 40002));
    scheduler.advance(Duration.ofSeconds(50));
    renew(kept);
    scheduler.advance(Duration.ofSeconds(45));
    assertThat(service.store().byEndpoint("kept")).as("renewed at +50 s: due at +140 s").isPresent();
    assertThat(service.store().byEndpoint("lapsed")).isEmpty();
    scheduler.advance(Duration.ofSeconds(50));
    assertThat(service.store().byEndpoint("kept")).isEmpty();
    assertThat(events).containsExactly("registered kept", "registered lapsed", "updated kept lt=60",
        "expired lapsed at +90 s", "expired kept at +140 s");
  }

  @Test
  void expireDueIsCallableDirectly() {
    service.register(request("ep=short&lt=60"), "short", from);
    assertThat(service.expireDue()).isEmpty();
    assertThat(service.store().byEndpoint("short")).isPresent();
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() {
    service.addListener(new RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        throw new IllegalStateException("listener bug");
      }
    });
    List<String> seen = new ArrayList<>();
    service.addListener(new RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        seen.add(registration.endpoint());
      }
    });
    service.register(request("ep=dev9"), "dev9", from);
    scheduler.runPending();
    assertThat(seen).containsExactly("dev9");
  }

  @Test
  void closeStopsTheExpiryTimer() {
    service.register(request("ep=short&lt=60"), "short", from);
    service.close();
    scheduler.advance(Duration.ofHours(1));
    assertThat(service.store().byEndpoint("short")).as("nothing expires once closed").isPresent();
  }
}
