package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SmppSettingsTest {
  private final SmppSettings defaults = SmppSettings.of("127.0.0.1", 2775, "lwm2m", "secret", "+33600000001");

  @Test
  void defaultsAreThoseOfTheDesign() {
    assertThat(defaults.ownNumber()).isEqualTo("33600000001");
    assertThat(defaults.window()).isEqualTo(10);
    assertThat(defaults.concatenationTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.deliveryReceipts()).isTrue();
    assertThat(defaults.systemType()).isEmpty();
  }

  @Test
  void passwordIsNotPrinted() {
    assertThat(defaults.toString()).doesNotContain("secret").contains("33600000001");
  }

  @Test
  void badValuesAreRefusedNamingTheSetting() {
    assertThatThrownBy(() -> SmppSettings.of(" ", 2775, "id", "pw", "336")).hasMessageContaining("host");
    assertThatThrownBy(() -> SmppSettings.of("h", 0, "id", "pw", "336")).hasMessageContaining("port must be 1..65535");
    assertThatThrownBy(() -> SmppSettings.of("h", 2775, "", "pw", "336")).hasMessageContaining("system-id");
    assertThatThrownBy(() -> SmppSettings.of("h", 2775, "a-system-id-too-long", "pw", "336"))
        .hasMessageContaining("system-id must be 1 to 15 characters");
    assertThatThrownBy(() -> SmppSettings.of("h", 2775, "id", "password9", "336")).hasMessageContaining("password");
    assertThatThrownBy(() -> SmppSettings.of("h", 2775, "id", "pw", "33a")).hasMessageContaining("not an MSISDN");
    assertThatThrownBy(() -> defaults.withWindow(0, 10, Duration.ofSeconds(1))).hasMessageContaining("window");
    assertThatThrownBy(() -> defaults.withRebind(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .hasMessageContaining("longest rebind wait");
    assertThatThrownBy(() -> defaults.withConcatenationTimeout(Duration.ZERO))
        .hasMessageContaining("concatenation timeout must be positive");
  }

  @Test
  void coapOverSmsWaitsLongerForAcks() {
    assertThat(SmsNetwork.COAP_SETTINGS.ackTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(SmsNetwork.COAP_SETTINGS.maxRetransmit()).isEqualTo(2);
  }
}
