package org.lwm2m4j.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.server.firmware.FirmwareSettings;
import picocli.CommandLine;

/** What {@code lwm2m server} makes of its firmware options, without starting a server. */
class ServerCommandTest {
  private static ServerCommand parsed(String... args) {
    ServerCommand command = new ServerCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void firmwareImagesMayTake64MibUnlessToldOtherwise() {
    assertThat(parsed().firmwareSettings().maxImageBytes()).isEqualTo(FirmwareSettings.DEFAULT_MAX_IMAGE_BYTES);
    assertThat(parsed("--firmware-max-size", "16MiB").firmwareSettings().maxImageBytes()).isEqualTo(16L * 1024 * 1024);
    assertThat(parsed("--firmware-max-size", "1000").firmwareSettings().maxImageBytes()).isEqualTo(1000);
    assertThat(parsed("--firmware-host", "fw.example").firmwareSettings().packageHost()).hasValue("fw.example");
  }

  @Test
  void aSizeThatIsNoSizeIsTheUsersToFix() {
    assertThatThrownBy(() -> parsed("--firmware-max-size", "lots").firmwareSettings()).isInstanceOf(BadInputException.class)
        .hasMessageContaining("--firmware-max-size");
  }
}
