package org.lwm2m4j.client.object.standard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HorizontalVelocityTest {
  @Test
  void encodesTypeBearingAndSpeedInKilometresPerHour() {
    // 10 m/s = 36 km/h = 0x0024, bearing 90° = 0x05A, velocity type 0.
    assertThat(new HorizontalVelocity(10, 90).encode()).containsExactly(0x00, 0x5A, 0x00, 0x24);
  }

  @Test
  void bearingAboveTwoFiftyFiveUsesTheNinthBitInTheFirstOctet() {
    // 300° = 0x12C: bit 1 of octet 1 carries the high bit; fractions of a degree are truncated.
    assertThat(new HorizontalVelocity(0, 300.7).encode()).containsExactly(0x01, 0x2C, 0x00, 0x00);
  }

  @Test
  void speedIsRoundedToTheNearestKilometrePerHourAndSaturates() {
    assertThat(new HorizontalVelocity(0.2, 0).encode()[3]).isEqualTo((byte) 1); // 0.72 km/h
    assertThat(new HorizontalVelocity(0.1, 0).encode()[3]).isEqualTo((byte) 0); // 0.36 km/h
    assertThat(new HorizontalVelocity(1e6, 0).encode()).containsExactly(0x00, 0x00, 0xFF, 0xFF);
  }

  @Test
  void decodeReadsBackWhatEncodeWrote() {
    HorizontalVelocity decoded = HorizontalVelocity.decode(new HorizontalVelocity(25, 359).encode());

    assertThat(decoded.bearingDegrees()).isEqualTo(359);
    assertThat(decoded.speedMetresPerSecond()).isCloseTo(25, within(0.2));
  }

  @Test
  void malformedInputIsRefused() {
    assertThatThrownBy(() -> new HorizontalVelocity(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HorizontalVelocity(1, 360)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HorizontalVelocity.decode(new byte[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HorizontalVelocity.decode(new byte[] {0x01, (byte) 0xFF, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
