package org.lwm2m4j.transport.sms.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The simulator's settings: defaults, and every field out of range refused naming itself. */
class SmscSettingsTest {
  @Test
  void defaultsListenOnTheLoopbackSmppPortAndStoreAMinute() {
    SmscSettings settings = SmscSettings.DEFAULTS;

    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(2775);
    assertThat(settings.lossProbability()).isZero();
    assertThat(settings.duplicateProbability()).isZero();
    assertThat(settings.delay()).isZero();
    assertThat(settings.systemId()).isEmpty();
    assertThat(settings.password()).isEmpty();
    assertThat(settings.storeFor()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.seed()).isEmpty();
  }

  @Test
  void theWithersChangeOneFieldEach() {
    SmscSettings settings = SmscSettings.DEFAULTS.withHost("::1").withPort(0).withLoss(0.1).withDuplicates(0.2)
        .withDelay(Duration.ofMillis(5)).withCredentials("id", "pw").withStoreFor(Duration.ofSeconds(1)).withSeed(7);

    assertThat(settings).isEqualTo(new SmscSettings("::1", 0, 0.1, 0.2, Duration.ofMillis(5), java.util.Optional.of("id"),
        java.util.Optional.of("pw"), Duration.ofSeconds(1), java.util.OptionalLong.of(7)));
  }

  @Test
  void outOfRangeValuesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> SmscSettings.DEFAULTS.withLoss(1.5)).hasMessageContaining("loss probability");
    assertThatThrownBy(() -> SmscSettings.DEFAULTS.withDuplicates(Double.NaN)).hasMessageContaining("duplicate probability");
    assertThatThrownBy(() -> SmscSettings.DEFAULTS.withPort(70000)).hasMessageContaining("port");
    assertThatThrownBy(() -> SmscSettings.DEFAULTS.withDelay(Duration.ofMillis(-1))).hasMessageContaining("delay");
    assertThatThrownBy(() -> SmscSettings.DEFAULTS.withStoreFor(Duration.ofMillis(-1))).hasMessageContaining("store time");
    assertThatThrownBy(() -> SmscSettings.DEFAULTS.withHost(" ")).hasMessageContaining("host");
  }
}
