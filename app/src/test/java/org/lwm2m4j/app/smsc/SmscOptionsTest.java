package org.lwm2m4j.app.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.transport.sms.smsc.SmscSettings;
import picocli.CommandLine;

/** {@code lwm2m smsc}'s options: every mistake is one line naming the option, exit status 2, before anything listens. */
class SmscOptionsTest {
  /** One run of {@code lwm2m smsc args…} that ends by itself (only a mistake or --help does). */
  private record Run(int status, String out, String err) {
    static Run of(String... args) {
      String[] all = new String[args.length + 1];
      all[0] = "smsc";
      System.arraycopy(args, 0, all, 1, args.length);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
      return new Run(status, out.toString(), err.toString());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--port 70000                     | --port must be 0 (a free one) to 65535",
      "--port -1                        | --port must be 0 (a free one) to 65535",
      "--loss 1.5                       | --loss takes a probability from 0 to 1",
      "--loss -0.1                      | --loss takes a probability from 0 to 1",
      "--duplicate 2                    | --duplicate takes a probability from 0 to 1",
      "--delay -5                       | --delay must be 0 or a number of milliseconds",
      "--store-time -1                  | --store-time must be 0 or a number of seconds",
      "--system-id waytoolongforsmpp34  | --system-id takes 1 to 15 characters",
      "--password ninechars             | --password takes 1 to 8 characters",
      "--loss often                     | '--loss'",
      "--delay soon                     | '--delay'",
      "--colour blue                    | --colour",
  })
  void aBadOptionIsOneLineAndExitStatus2(String args, String message) {
    Run run = Run.of(args.strip().split("\\s+"));

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(2);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void theHelpNamesEveryOption() {
    Run run = Run.of("--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("--port", "--host", "--loss", "--duplicate", "--delay", "--store-time", "--system-id", "--password", "--seed",
        "--log-level");
  }

  @Test
  void defaultsAreTheSmppPortOnLoopbackWithNoFaults() {
    SmscCommand command = new SmscCommand();
    new CommandLine(command).parseArgs();

    assertThat(command.settings()).isEqualTo(SmscSettings.DEFAULTS);
  }

  @Test
  void theOptionsMakeTheSettings() {
    SmscCommand command = new SmscCommand();
    new CommandLine(command).parseArgs("--port", "0", "--host", "::1", "--loss", "0.1", "--duplicate", "0.05", "--delay", "250",
        "--store-time", "5", "--system-id", "lwm2m", "--password", "pw", "--seed", "7");

    assertThat(command.settings()).isEqualTo(SmscSettings.DEFAULTS.withPort(0).withHost("::1").withLoss(0.1).withDuplicates(0.05)
        .withDelay(Duration.ofMillis(250)).withStoreFor(Duration.ofSeconds(5)).withCredentials("lwm2m", "pw").withSeed(7));
  }

  @Test
  void theListeningLineSaysWhereAndHow() {
    assertThat(SmscCommand.describe(SmscSettings.DEFAULTS, 2775)).startsWith("SMSC listening on 127.0.0.1:2775 (SMPP 3.4), loss 0 %, duplicates 0 %")
        .contains("delay 0 ms", "kept 60 s", "any credentials", "Ctrl-C stops");
    assertThat(SmscCommand.describe(SmscSettings.DEFAULTS.withLoss(0.1).withCredentials("id", "pw"), 40000))
        .contains(":40000", "loss 10 %", "system_id id, password");
  }
}
