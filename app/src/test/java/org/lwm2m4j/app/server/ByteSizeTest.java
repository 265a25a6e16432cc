package org.lwm2m4j.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sizes on the command line: plain bytes, or a number with a binary (KiB) or decimal (kB) unit. */
class ByteSizeTest {
  @Test
  void plainNumbersAreBytes() {
    assertThat(ByteSize.parse("1048576").bytes()).isEqualTo(1_048_576);
    assertThat(ByteSize.parse("1").bytes()).isEqualTo(1);
  }

  @Test
  void binaryAndDecimalUnitsInAnyCase() {
    assertThat(ByteSize.parse("64MiB").bytes()).isEqualTo(64L * 1024 * 1024);
    assertThat(ByteSize.parse("16 mib").bytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(ByteSize.parse("2GiB").bytes()).isEqualTo(2L * 1024 * 1024 * 1024);
    assertThat(ByteSize.parse("512KiB").bytes()).isEqualTo(512L * 1024);
    assertThat(ByteSize.parse("10MB").bytes()).isEqualTo(10_000_000);
    assertThat(ByteSize.parse("3kB").bytes()).isEqualTo(3_000);
    assertThat(ByteSize.parse("1GB").bytes()).isEqualTo(1_000_000_000);
    assertThat(ByteSize.parse("100B").bytes()).isEqualTo(100);
  }

  @Test
  void anythingElseIsRefusedWithTheFormsThatWork() {
    for (String bad : new String[] {"", "MiB", "0", "-1", "12x", "1.5MiB", "64 M", "99999999999TiB", "9999999999GiB"}) {
      assertThatThrownBy(() -> ByteSize.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64MiB");
    }
  }
}
