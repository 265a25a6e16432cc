package org.lwm2m4j.server.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationRequestParser;
import org.lwm2m4j.server.registration.RegistrationService;

class InMemoryObservationStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  private final InMemoryObservationStore store = new InMemoryObservationStore();

  private static Observation observe(String token, String registration, String path) {
    return Observation.single(Token.fromHex(token), registration, LwM2mPath.parse(path), OptionalInt.of(112), T0);
  }

  @Test
  void findsObservationsByTokenAndByRegistration() {
    store.add(observe("01", "r1", "/3/0/9"));
    store.add(observe("02", "r1", "/3303/0"));
    store.add(observe("03", "r2", "/3/0"));
    assertThat(store.byToken(Token.fromHex("02")).orElseThrow().paths()).containsExactly(LwM2mPath.of(3303, 0));
    assertThat(store.byRegistration("r1")).extracting(o -> o.token().toString()).containsExactlyInAnyOrder("01", "02");
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void cancelRemovesOneAndRemoveAllDropsARegistrationsObservations() {
    store.add(observe("01", "r1", "/3/0/9"));
    store.add(observe("02", "r1", "/3303/0"));
    store.add(observe("03", "r2", "/3/0"));
    assertThat(store.remove(Token.fromHex("01"))).isPresent();
    assertThat(store.remove(Token.fromHex("01"))).isEmpty();
    assertThat(store.removeAll("r1")).extracting(o -> o.token().toString()).containsExactly("02");
    assertThat(store.byRegistration("r1")).isEmpty();
    assertThat(store.byToken(Token.fromHex("03"))).isPresent();
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void aReusedTokenMovesToItsNewRegistration() {
    store.add(observe("0a", "r1", "/3/0/9"));
    assertThat(store.add(observe("0a", "r2", "/3/0/10"))).isPresent();
    assertThat(store.byRegistration("r1")).isEmpty();
    assertThat(store.byRegistration("r2")).hasSize(1);
  }

  @Test
  void tokensAndObservationsAreChecked() {
    assertThatThrownBy(() -> Token.of(new byte[9])).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Observation(Token.fromHex("01"), "r1", List.of(), true, OptionalInt.empty(), T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Observation(Token.fromHex("01"), "r1", List.of(LwM2mPath.of(3), LwM2mPath.of(1)), false,
        OptionalInt.empty(), T0)).isInstanceOf(IllegalArgumentException.class);
  }
}
