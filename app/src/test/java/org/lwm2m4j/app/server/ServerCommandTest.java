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

  @Test
  void withoutSmppTheServerHasNoSmsSide() {
    assertThat(parsed().sms.smpp()).isEmpty();
  }

  @Test
  void smppOptionsGiveTheSettingsOfTheSmsLink() {
    ServerCommand command = parsed("--smpp", "127.0.0.1:2775", "--sms-number", "+33600000001", "--smpp-system-id", "srv",
        "--smpp-password", "pw", "--sms-ack-timeout", "10", "--sms-wakeup-retry", "120");
    org.lwm2m4j.transport.sms.SmppSettings smpp = command.sms.smpp().orElseThrow();
    assertThat(smpp.host()).isEqualTo("127.0.0.1");
    assertThat(smpp.port()).isEqualTo(2775);
    assertThat(smpp.ownNumber()).isEqualTo("33600000001");
    assertThat(smpp.systemId()).isEqualTo("srv");
    assertThat(smpp.password()).isEqualTo("pw");
    assertThat(command.sms.coapSettings().ackTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(command.sms.coapSettings().maxRetransmit()).isEqualTo(2);
    assertThat(command.sms.wakeUpRetry()).isEqualTo(java.time.Duration.ofSeconds(120));
    assertThat(parsed("--smpp", "[::1]:2775", "--sms-number", "1").sms.smpp().orElseThrow().host()).isEqualTo("::1");
    assertThat(parsed("--smpp", "h:1", "--sms-number", "1").sms.coapSettings().ackTimeout()).isEqualTo(java.time.Duration.ofSeconds(30));
  }

  @Test
  void smsOptionsThatCannotWorkAreTheUsersToFix() {
    assertThatThrownBy(() -> parsed("--smpp", "127.0.0.1:2775").sms.smpp()).isInstanceOf(BadInputException.class)
        .hasMessage("--smpp needs --sms-number MSISDN, the server's own number, e.g. --sms-number 33600000001");
    assertThatThrownBy(() -> parsed("--sms-number", "33600000001").sms.smpp()).isInstanceOf(BadInputException.class)
        .hasMessageStartingWith("--sms-number needs --smpp HOST:PORT");
    assertThatThrownBy(() -> parsed("--smpp", "2775", "--sms-number", "1").sms.smpp()).isInstanceOf(BadInputException.class)
        .hasMessageContaining("HOST:PORT");
    assertThatThrownBy(() -> parsed("--smpp", "h:x", "--sms-number", "1").sms.smpp()).isInstanceOf(BadInputException.class)
        .hasMessage("--smpp: the port is 1..65535, got 'x'");
    assertThatThrownBy(() -> parsed("--smpp", "h:1", "--sms-number", "12ab").sms.smpp()).isInstanceOf(BadInputException.class)
        .hasMessageContaining("(--sms-number) is not an MSISDN");
    assertThatThrownBy(() -> parsed("--smpp", "h:1", "--sms-number", "1", "--smpp-password", "muchtoolong").sms.smpp())
        .isInstanceOf(BadInputException.class).hasMessageContaining("--smpp-password");
    assertThatThrownBy(() -> parsed("--smpp", "h:1", "--sms-number", "1", "--sms-ack-timeout", "0").sms.coapSettings())
        .isInstanceOf(BadInputException.class).hasMessageContaining("--sms-ack-timeout");
  }

  @Test
  void smppWithoutAnSmsNumberIsOneLineAndExit2() {
    java.io.StringWriter err = new java.io.StringWriter();
    int status = org.lwm2m4j.app.Main.run(new String[] {"server", "--store", "memory", "--smpp", "127.0.0.1:2775"},
        new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true));
    assertThat(status).isEqualTo(2);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .startsWith("server: --smpp needs --sms-number MSISDN");
  }
}
