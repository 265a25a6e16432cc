package org.lwm2m4j.app.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.core.model.Version;
import picocli.CommandLine;

/** {@code lwm2m client --binding … --smpp …}: the SMS options, checked before anything starts. */
class SmsOptionsTest {
  private record CliResult(int status, String err) {}

  private static CliResult run(String... args) {
    List<String> all = new ArrayList<>(List.of("client", "--endpoint", "dev1", "--local-address", "127.0.0.1"));
    all.addAll(Arrays.asList(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliResult(status, err.toString());
  }

  private static void assertRefused(CliResult result, String message) {
    assertThat(result.status()).isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(result.err().strip()).doesNotContain("\n").contains(message);
  }

  private static SmsOptions parsed(String... args) {
    SmsOptions options = new SmsOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  @Test
  void anSmsBindingWithoutTheSmscOrTheServersNumberIsOneLineAndExit2() {
    assertRefused(run("--binding", "S"),
        "--binding S reaches the server by SMS: add --smpp HOST:PORT, --sms-number OWN, --server-sms-number MSISDN");
    assertRefused(run("--binding", "S", "--smpp", "127.0.0.1:2775", "--sms-number", "33600000001"),
        "--binding S reaches the server by SMS: add --server-sms-number MSISDN");
  }

  @Test
  void smsOptionsWithoutSInTheBindingAreRefused() {
    assertRefused(run("--server", "coap://127.0.0.1:5683", "--smpp", "127.0.0.1:2775", "--sms-number", "33600000001"),
        "--smpp, --sms-number need a --binding with S (S, SQ, US or UQS), got --binding U");
  }

  @Test
  void badBindingsNumbersAndAddressesAreRefused() {
    String[] sms = {"--smpp", "127.0.0.1:2775", "--sms-number", "33600000001", "--server-sms-number", "33600000999"};
    assertRefused(run("--server", "coap://127.0.0.1:5683", "--binding", "UT"), "--binding takes U, UQ, S, SQ, US, UQS");
    assertRefused(run(concat(new String[] {"--binding", "S", "--smpp", "smsc"}, Arrays.copyOfRange(sms, 2, 6))),
        "--smpp takes HOST:PORT, e.g. 127.0.0.1:2775; got 'smsc'");
    assertRefused(run("--binding", "S", "--smpp", "127.0.0.1:2775", "--sms-number", "+33-6", "--server-sms-number", "1"),
        "--sms-number: '+33-6' is not an MSISDN");
    assertRefused(run(concat(new String[] {"--binding", "UQS"}, sms)), "--binding UQS registers over UDP: add --server URI");
    assertRefused(run(concat(new String[] {"--binding", "S", "--psk", "id:00"}, sms)),
        "SMS carries NoSec only (SMS Security Mode 3); drop --psk, --rpk and --x509");
  }

  @Test
  void theBindingIsWrittenThe10WayOrAsTransportLettersWithQueueModeApart() {
    assertThat(parsed("--binding", "UQS").bindingFor(Version.V1_0)).isEqualTo("UQS");
    assertThat(parsed("--binding", "SQ").bindingFor(Version.V1_0)).isEqualTo("SQ");
    assertThat(parsed("--binding", "SU").bindingFor(Version.V1_0)).isEqualTo("US");
    SmsOptions uqs = parsed("--binding", "UQS");
    assertThat(uqs.bindingFor(Version.V1_1)).isEqualTo("US");
    assertThat(uqs.queue()).isTrue();
    assertThat(uqs.withSms()).isTrue();
    assertThat(uqs.smsOnly()).isFalse();
    assertThat(parsed("--binding", "SQ").smsOnly()).isTrue();
    assertThat(parsed().bindingFor(Version.V1_1)).isEqualTo("U");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
