package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoapSettingsTest {

  @Test
  void maxTransmitWaitIsRfc7252sWithTheDefaults() {
    // RFC 7252 §4.8.2: 2 s × (2^5 − 1) × 1.5
    assertThat(CoapSettings.DEFAULTS.maxTransmitWait()).isEqualTo(Duration.ofSeconds(93));
  }

  @Test
  void maxTransmitWaitFollowsTheAckTimeoutAndRetransmissions() {
    // CoAP over SMS: 30 s × (2^3 − 1) × 1.5
    assertThat(new CoapSettings(Duration.ofSeconds(30), 2).maxTransmitWait()).isEqualTo(Duration.ofSeconds(315));
    assertThat(new CoapSettings(Duration.ofMillis(500), 1).maxTransmitWait()).isEqualTo(Duration.ofMillis(2250));
  }

  @Test
  void responsesAreMatchedByAddressUnlessRelaxedAndRelaxedSurvivesOtherChanges() {
    assertThat(CoapSettings.DEFAULTS.relaxedResponseMatching()).isFalse();
    CoapSettings relaxed = CoapSettings.DEFAULTS.withRelaxedResponseMatching().withMaxBodySize(4096)
        .withInbound(InboundLimits.DEFAULTS);
    assertThat(relaxed.relaxedResponseMatching()).isTrue();
    assertThat(relaxed.maxBodySize()).isEqualTo(4096);
  }
}
