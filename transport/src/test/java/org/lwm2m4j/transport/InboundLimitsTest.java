package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InboundLimitsTest {
  @Test
  void theDefaultsHoldOneFirmwarePackagePerPeer() {
    assertThat(InboundLimits.DEFAULTS.bodyBytesPerPeer())
        .isGreaterThanOrEqualTo(CoapSettings.DEFAULT_MAX_BODY_SIZE + InboundLimits.TRANSFER_OVERHEAD);
    assertThat(CoapSettings.DEFAULTS.inbound()).isEqualTo(InboundLimits.DEFAULTS);
  }

  @Test
  void capsMustBePositiveAndThePerPeerCapWithinTheTotal() {
    assertThatThrownBy(() -> InboundLimits.DEFAULTS.withBodyBytes(0, 10)).hasMessageContaining("bodyBytesPerPeer");
    assertThatThrownBy(() -> InboundLimits.DEFAULTS.withBodyBytes(20, 10)).hasMessageContaining("bodyBytesTotal");
    assertThatThrownBy(() -> InboundLimits.DEFAULTS.withRememberedMessages(0, 10)).hasMessageContaining("rememberedMessagesPerPeer");
    assertThatThrownBy(() -> InboundLimits.DEFAULTS.withRememberedMessages(20, 10)).hasMessageContaining("rememberedMessagesTotal");
    assertThatThrownBy(() -> InboundLimits.DEFAULTS.withTransferIdleTimeout(Duration.ZERO)).hasMessageContaining("transferIdleTimeout");
  }

  @Test
  void thePerPeerCapMustHoldOneBodyOfTheLargestSize() {
    InboundLimits small = InboundLimits.DEFAULTS.withBodyBytes(8192, 65536);
    assertThatThrownBy(() -> CoapSettings.DEFAULTS.withInbound(small))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBodySize");
    CoapSettings fitting = CoapSettings.DEFAULTS.withMaxBodySize(8192 - InboundLimits.TRANSFER_OVERHEAD).withInbound(small);
    assertThat(fitting.inbound()).isEqualTo(small);
  }
}
