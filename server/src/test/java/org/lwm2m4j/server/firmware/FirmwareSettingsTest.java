package org.lwm2m4j.server.firmware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The largest image an upload may bring: 64 MiB unless configured, and always positive. */
class FirmwareSettingsTest {
  @Test
  void imagesMayTake64MibByDefault() {
    assertThat(FirmwareSettings.DEFAULTS.maxImageBytes()).isEqualTo(64L * 1024 * 1024);
  }

  @Test
  void theImageLimitIsChangedAloneAndMustBePositive() {
    FirmwareSettings settings = FirmwareSettings.DEFAULTS.withPackageHost("fw.example").withMaxImageBytes(1000);
    assertThat(settings.maxImageBytes()).isEqualTo(1000);
    assertThat(settings.packageHost()).hasValue("fw.example");
    assertThat(settings.downloadTimeout()).isEqualTo(FirmwareSettings.DEFAULTS.downloadTimeout());
    assertThatThrownBy(() -> FirmwareSettings.DEFAULTS.withMaxImageBytes(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("image");
  }
}
