package org.lwm2m4j.app.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.cli.SmscConnectionOptions;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.sms.SmsAddress;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code client} command's binding and SMS options: {@code --binding} ({@code /1/x/7}) and,
 * for a binding with S, the SMSC to reach over SMPP, the client's own number and the server's
 * ({@code /0/x/9}, with SMS Security Mode NoSec in {@code /0/x/6}). Checked before anything
 * starts, each mistake one line.
 */
final class SmsOptions {
  private static final List<String> BINDINGS_1_0 = List.of("U", "UQ", "S", "SQ", "US", "UQS");

  @Option(names = "--binding", defaultValue = "U", paramLabel = "B",
      description = "U (UDP, the default), S (SMS only) or US (UDP, woken by SMS); Q for queue mode (UQ, SQ, UQS); S needs the SMS options")
  String binding;

  @Mixin
  SmscConnectionOptions smsc = new SmscConnectionOptions();

  @Option(names = "--sms-number", paramLabel = "MSISDN", description = "this client's own SMS number, e.g. 33600000001")
  String ownNumber;

  @Option(names = "--server-sms-number", paramLabel = "MSISDN", description = "the server's SMS number (/0/x/9), e.g. 33600000999")
  String serverNumber;

  /** Whether the binding has S: the client has an SMS side. */
  boolean withSms() {
    return letters().contains("S");
  }

  /** Whether the binding is SMS only ({@code S}, {@code SQ}): no UDP server is needed. */
  boolean smsOnly() {
    return letters().equals("S");
  }

  /** Whether the binding asks for queue mode ({@code Q}). */
  boolean queue() {
    return binding.contains("Q");
  }

  /** The Server object's binding for {@code version}: a 1.0 form, or from 1.1 on the transport letters only. */
  String bindingFor(Version version) {
    if (version.equals(Version.V1_0)) {
      return smsOnly() ? "S" + (queue() ? "Q" : "") : "U" + (queue() ? "Q" : "") + (withSms() ? "S" : "");
    }
    return letters();
  }

  /** The server's SMS number. */
  Optional<String> serverNumber() {
    return Optional.ofNullable(serverNumber).map(number -> msisdn(number, "--server-sms-number"));
  }

  /** The server URI for an SMS-only binding without {@code --server}. */
  URI smsServerUri() {
    return URI.create("sms://" + serverNumber().orElseThrow());
  }

  /**
   * Checks the options together.
   *
   * @param server whether {@code --server} was given
   * @param credentials whether DTLS credentials were given
   * @throws BadInputException naming what is wrong or missing
   */
  void check(boolean server, boolean credentials) {
    letters();
    if (!withSms()) {
      List<String> given = new ArrayList<>();
      if (smsc.given()) {
        given.add("--smpp");
      }
      if (ownNumber != null) {
        given.add("--sms-number");
      }
      if (serverNumber != null) {
        given.add("--server-sms-number");
      }
      if (!given.isEmpty()) {
        throw new BadInputException(String.join(", ", given) + " need a --binding with S (S, SQ, US or UQS), got --binding " + binding);
      }
      return;
    }
    List<String> missing = new ArrayList<>();
    if (!smsc.given()) {
      missing.add("--smpp HOST:PORT");
    }
    if (ownNumber == null) {
      missing.add("--sms-number OWN");
    }
    if (serverNumber == null) {
      missing.add("--server-sms-number MSISDN");
    }
    if (!missing.isEmpty()) {
      throw new BadInputException("--binding " + binding + " reaches the server by SMS: add " + String.join(", ", missing));
    }
    smsc.settings(ownNumber(), "--sms-number");
    serverNumber();
    if (smsOnly() && credentials) {
      throw new BadInputException("--binding " + binding + ": SMS carries NoSec only (SMS Security Mode 3); drop --psk, --rpk and --x509");
    }
    if (!smsOnly() && !server) {
      throw new BadInputException("--binding " + binding + " registers over UDP: add --server URI");
    }
  }

  /** Opens the SMS transport: binds to the SMSC as {@code --sms-number}. */
  SmppTransport open(Scheduler scheduler) {
    return SmppTransport.open(smsc.settings(ownNumber(), "--sms-number"), scheduler);
  }

  /** The client's own number. */
  String ownNumber() {
    return msisdn(ownNumber, "--sms-number");
  }

  /** The transport letters of {@code --binding}, checked: U and S, each once, without Q. */
  private String letters() {
    boolean oneZeroForm = BINDINGS_1_0.contains(binding);
    String letters = binding.replace("Q", "");
    boolean letterSet = !letters.isEmpty() && letters.chars().allMatch(c -> c == 'U' || c == 'S')
        && letters.chars().distinct().count() == letters.length() && binding.length() - letters.length() <= 1;
    if (!oneZeroForm && !letterSet) {
      throw new BadInputException("--binding takes U, UQ, S, SQ, US, UQS or a 1.1 letter set of U and S (with Q for queue mode); got '"
          + binding + "'");
    }
    return (letters.contains("U") ? "U" : "") + (letters.contains("S") ? "S" : "");
  }

  private static String msisdn(String number, String option) {
    try {
      return SmsAddress.normalize(number);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option + ": " + e.getMessage());
    }
  }
}
