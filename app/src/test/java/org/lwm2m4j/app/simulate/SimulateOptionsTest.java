package org.lwm2m4j.app.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code lwm2m simulate}'s options: every mistake is one line naming the option, exit status 2, before any device starts. */
class SimulateOptionsTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--devices 0                                              | --devices must be at least 1",
      "--devices 10 --lifetime 0                                | --lifetime must be at least 1 second",
      "--devices 10 --rate 0                                    | --rate must be a positive number",
      "--devices 10 --notify-interval -1                        | --notify-interval must be 0 (off)",
      "--devices 10 --duration 0                                | --duration must be at least 1 second",
      "--devices 10 --storm-at 0                                | --storm-at must be at least 1 second",
      "--devices 10 --storm-at 5 --storm-within 0               | --storm-within must be at least 1 second",
      "--devices 10 --endpoint-pattern sim                      | --endpoint-pattern takes a name with one %d",
      "--devices 10 --endpoint-pattern sim-%d-%d                | --endpoint-pattern takes a name with one %d",
      "--devices 10 --endpoint-pattern sim-%s                   | --endpoint-pattern takes a name with one %d",
      "--devices 10 --psk-prefix dev                            | --psk-prefix and --psk-key go together",
      "--devices 10 --psk-prefix dev --psk-key zz --server coaps://127.0.0.1 | --psk-key must be hexadecimal",
      "--devices 10 --server coaps://127.0.0.1                  | coaps:// needs --psk-prefix and --psk-key",
      "--devices 10 --psk-prefix dev --psk-key 0102             | --psk-prefix and --psk-key need a coaps:// server",
      "--devices 10 --server http://127.0.0.1                   | write coap://HOST[:PORT]",
      "--devices 10 --objects 3,x                               | --objects takes object ids separated by commas",
      "--devices 10 --objects 1,3                               | Security (0) and Server (1) are always served",
      "--devices 10 --objects 3,99999                           | no bundled model for object 99999",
      "--devices 10 --objects 3,3                               | given twice",
      "--devices 10 --first-address 10.0.0.1                    | devices live on loopback",
      "--devices 10 --first-address 127.0.0.255                 | devices live on loopback",
      "--devices 10 --first-address localhost                   | --first-address takes an IPv4 address in 127.0.0.0/8",
      "--devices 1000 --first-address 127.255.255.200           | run past 127.255.255.254",
      "--devices ten                                            | '--devices'",
  })
  void aBadOptionIsOneLineAndExitStatus2(String args, String message) throws Exception {
    SimulateRun run = SimulateRun.finished(args.strip().split("\\s+"));

    assertThat(run.exitStatus(1)).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(2);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void devicesIsRequired() throws Exception {
    SimulateRun run = SimulateRun.finished();

    assertThat(run.exitStatus(1)).isEqualTo(2);
    assertThat(run.err()).contains("--devices");
  }

  @Test
  void theHelpNamesEveryOption() throws Exception {
    SimulateRun run = SimulateRun.finished("--help");

    assertThat(run.exitStatus(1)).isZero();
    assertThat(run.out()).contains("--devices", "--server", "--endpoint-pattern", "--lifetime", "--rate", "--psk-prefix", "--psk-key",
        "--queue", "--objects", "--notify-interval", "--duration", "--no-deregister", "--json", "--first-address", "--log-level", "--storm-at", "--storm-within");
  }

  @Test
  void defaultsMakeAPlainFleetOfTheFourObjects() {
    SimulateCommand command = new SimulateCommand();
    new picocli.CommandLine(command).parseArgs("--devices", "3");

    FleetPlan plan = command.plan();

    assertThat(plan.server()).hasToString("coap://127.0.0.1:5683");
    assertThat(plan.endpoint(7)).isEqualTo("sim-000007");
    assertThat(plan.lifetimeSeconds()).isEqualTo(300);
    assertThat(plan.objects()).containsExactly(3, 4, 6, 3303);
    assertThat(plan.psk()).isEmpty();
    assertThat(plan.duration()).isEmpty();
    assertThat(plan.storm()).isEmpty();
    assertThat(plan.deregister()).isTrue();
    assertThat(plan.addresses().of(0).getHostAddress()).isEqualTo("127.1.0.1");
  }

  @Test
  void pskDevicesAreNamedByPrefixAndNumber() {
    SimulateCommand command = new SimulateCommand();
    new picocli.CommandLine(command).parseArgs("--devices", "3", "--server", "coaps://127.0.0.1:5684", "--psk-prefix", "id-",
        "--psk-key", "000102030405060708090a0b0c0d0e0f");

    FleetPlan plan = command.plan();

    assertThat(plan.credentials(2)).isInstanceOfSatisfying(org.lwm2m4j.client.security.ClientCredentials.Psk.class,
        psk -> assertThat(psk.identity()).isEqualTo("id-2"));
  }
}
