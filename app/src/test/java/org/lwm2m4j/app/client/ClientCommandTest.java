package org.lwm2m4j.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.core.model.Version;
import picocli.CommandLine;

/**
 * {@code lwm2m client --lwm2m-version}: which LwM2M version it registers with (the client library's
 * tests check what a client of each version announces). Parsed here without starting a client, which
 * would bind the wildcard address.
 */
class ClientCommandTest {
  private static ClientCommand parse(String... args) {
    ClientCommand command = new ClientCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void registersWithLwM2m11UnlessToldOtherwise() {
    assertThat(parse("--endpoint", "dev1").lwm2mVersion()).isEqualTo(Version.V1_1);
    assertThat(parse("--endpoint", "dev1", "--lwm2m-version", "1.0").lwm2mVersion()).isEqualTo(Version.V1_0);
    assertThat(parse("--endpoint", "dev1", "--lwm2m-version", "1.2").lwm2mVersion()).isEqualTo(Version.V1_2);

    StringWriter help = new StringWriter();
    new CommandLine(new ClientCommand()).usage(new PrintWriter(help));
    assertThat(help.toString()).contains("--lwm2m-version=V");
  }

  @Test
  void anLwM2mVersionOtherThan10To12IsAUsageError() {
    StringWriter err = new StringWriter();

    int status = Main.run(new String[] {"client", "--server", "coap://127.0.0.1:5683", "--endpoint", "dev1",
        "--lwm2m-version", "1.3"}, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));

    assertThat(status).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(err.toString()).contains("--lwm2m-version must be 1.0, 1.1 or 1.2, got '1.3'");
  }
}
