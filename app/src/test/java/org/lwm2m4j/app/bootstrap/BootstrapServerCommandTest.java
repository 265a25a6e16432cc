package org.lwm2m4j.app.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The options of {@code lwm2m bootstrap-server} as picocli reads them (running it would block until Ctrl-C). */
class BootstrapServerCommandTest {
  @Test
  void theApiTokenIsAnOptionalOptionShownInTheHelp() {
    BootstrapServerCommand command = new BootstrapServerCommand();
    new CommandLine(command).parseArgs("--api-token", "s3cret");
    assertThat(command.apiToken).isEqualTo("s3cret");

    BootstrapServerCommand without = new BootstrapServerCommand();
    new CommandLine(without).parseArgs();
    assertThat(without.apiToken).isNull();

    StringWriter help = new StringWriter();
    new CommandLine(new BootstrapServerCommand()).usage(new PrintWriter(help));
    assertThat(help.toString()).contains("--api-token=TOKEN");
  }
}
