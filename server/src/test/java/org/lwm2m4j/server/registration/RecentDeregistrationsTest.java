package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RecentDeregistrationsTest {
  private final RecentDeregistrations recent = new RecentDeregistrations(Duration.ofSeconds(247), 3);

  @Test
  void anIdIsRememberedForTheLifetimeOnly() {
    recent.add("a", 1_000);
    assertThat(recent.contains("a", 1_000 + 246_999)).isTrue();
    assertThat(recent.contains("a", 1_000 + 247_000)).isFalse();
    assertThat(recent.contains("b", 1_000)).isFalse();
  }

  @Test
  void beyondItsCapacityTheOldestIsForgottenFirst() {
    for (String id : new String[] {"a", "b", "c", "d"}) {
      recent.add(id, 0);
    }
    assertThat(recent.contains("a", 0)).isFalse();
    assertThat(recent.contains("b", 0)).isTrue();
    assertThat(recent.contains("d", 0)).isTrue();
    assertThat(recent.size()).isEqualTo(3);
  }
}
