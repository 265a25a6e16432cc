package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;

class RegistrationServiceTest {
  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-24T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final RegistrationService service = new RegistrationService(new InMemoryRegistrationStore(), clock, Duration.ofHours(1));
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final InetSocketAddress from = new InetSocketAddress("127.0.0.1", 40001);

  RegistrationServiceTest() {
    service.addListener(new RegistrationListener() {
      @Override
      public void registered(Registration registration, Optional<Registration> replaced) {
        events.add("registered " + registration.endpoint() + replaced.map(r -> " replacing " + r.id()).orElse("")
            + " on " + Thread.currentThread().getName());
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
        events.add("expired " + registration.endpoint());
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

  private String nextEvent() throws InterruptedException {
    String event = events.poll(5, TimeUnit.SECONDS);
    assertThat(event).as("an event within 5 s").isNotNull();
    return event;
  }

  @Test
  void registerUpdateDeregisterEmitEventsInOrderOffTheCallersThread() throws Exception {
    Registration registration = service.register(request("ep=dev1&lt=60"), "dev1", from);
    assertThat(registration.id()).hasSize(11);
    service.update(RegistrationUpdate.renew(registration.id(), from, clock.instant()));
    service.update(RegistrationRequestParser.parseUpdate(registration.id(), from, clock.instant(),
        registration.lwm2mVersion(), List.of("lt=120"), new byte[0]));
    service.deregister(registration.id());
    assertThat(nextEvent()).isEqualTo("registered dev1 on lwm2m-registration-events");
    assertThat(nextEvent()).isEqualTo("updated dev1 lt=60");
    assertThat(nextEvent()).isEqualTo("updated dev1 lt=120");
    assertThat(nextEvent()).isEqualTo("deregistered dev1");
  }

  @Test
  void aSecondRegisterReplacesTheFirstAndItsIdStopsWorking() throws Exception {
    Registration first = service.register(request("ep=dev1"), "dev1", from);
    Registration second = service.register(request("ep=dev1"), "dev1", from);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(nextEvent()).startsWith("registered dev1 on");
    assertThat(nextEvent()).startsWith("registered dev1 replacing " + first.id());
    assertThatThrownBy(() -> service.update(RegistrationUpdate.renew(first.id(), from, clock.instant())))
        .isInstanceOf(NotFoundException.class).hasMessageContaining("register again");
  }

  @Test
  void unknownRegistrationsAre404AndAMissingEndpointIs400() {
    assertThatThrownBy(() -> service.deregister("nope")).isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> service.register(request("lt=60&lwm2m=1.1"), "", from)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void registrationsExpireWhenTheirLifetimeRunsOut() throws Exception {
    service.register(request("ep=short&lt=60"), "short", from);
    Registration kept = service.register(request("ep=kept&lt=60"), "kept", new InetSocketAddress("127.0.0.1", 40002));
    clock.advance(Duration.ofSeconds(50));
    service.update(RegistrationUpdate.renew(kept.id(), kept.address(), clock.instant()));
    clock.advance(Duration.ofSeconds(15));
    assertThat(service.expireDue()).extracting(Registration::endpoint).containsExactly("short");
    assertThat(service.store().byEndpoint("kept")).isPresent();
    nextEvent();
    nextEvent();
    nextEvent();
    assertThat(nextEvent()).isEqualTo("expired short");
  }

  @Test
  void aFailingListenerDoesNotStopTheOthers() throws Exception {
    RegistrationService failing = new RegistrationService(new InMemoryRegistrationStore(), clock, Duration.ofHours(1));
    try {
      failing.addListener(new RegistrationListener() {
        @Override
        public void registered(Registration registration, Optional<Registration> replaced) {
          throw new IllegalStateException("listener bug");
        }
      });
      BlockingQueue<String> seen = new LinkedBlockingQueue<>();
      failing.addListener(new RegistrationListener() {
        @Override
        public void registered(Registration registration, Optional<Registration> replaced) {
          seen.add(registration.endpoint());
        }
      });
      failing.register(request("ep=dev9"), "dev9", from);
      assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("dev9");
    } finally {
      failing.close();
    }
  }
}
