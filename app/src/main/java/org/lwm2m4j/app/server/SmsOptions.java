package org.lwm2m4j.app.server;

import java.time.Duration;
import java.util.Optional;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.cli.SmscConnectionOptions;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.sms.SmppSettings;
import org.lwm2m4j.transport.sms.SmsNetwork;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The SMS options of {@code lwm2m server}: the SMSC to bind to over SMPP, the credentials, the
 * server's own MSISDN, and the CoAP and wake-up timing on SMS. Without {@code --smpp} the server has
 * no SMS side and the other options are refused, so that a forgotten {@code --smpp} does not pass
 * unnoticed.
 */
public final class SmsOptions {
  @Mixin
  SmscConnectionOptions smsc = new SmscConnectionOptions();

  @Option(names = "--sms-number", paramLabel = "MSISDN",
      description = "the server's own MSISDN, which clients send SMS to (needed with --smpp), e.g. 33600000001")
  String number;

  @Option(names = "--sms-ack-timeout", paramLabel = "SECONDS",
      description = "CoAP ACK timeout on SMS, in seconds (default 30; 2 retransmissions)")
  Integer ackTimeoutSeconds;

  @Option(names = "--sms-wakeup-retry", paramLabel = "SECONDS",
      description = "send another wake-up SMS to a sleeping client that stayed silent this long while requests wait for it (default 60)")
  Integer wakeUpRetrySeconds;

  /** The SMPP settings the options give, or empty without {@code --smpp}. */
  public Optional<SmppSettings> smpp() {
    if (!smsc.given()) {
      for (String given : new String[] {number != null ? "--sms-number" : null, ackTimeoutSeconds != null ? "--sms-ack-timeout" : null,
          wakeUpRetrySeconds != null ? "--sms-wakeup-retry" : null}) {
        if (given != null) {
          throw new BadInputException(given + " needs --smpp HOST:PORT, the SMSC to send and receive SMS through");
        }
      }
      return Optional.empty();
    }
    if (number == null) {
      throw new BadInputException("--smpp needs --sms-number MSISDN, the server's own number, e.g. --sms-number 33600000001");
    }
    return Optional.of(smsc.settings(number, "--sms-number"));
  }

  /** CoAP retransmission on SMS: {@link SmsNetwork#COAP_SETTINGS}, with {@code --sms-ack-timeout} if given. */
  public CoapSettings coapSettings() {
    if (ackTimeoutSeconds == null) {
      return SmsNetwork.COAP_SETTINGS;
    }
    if (ackTimeoutSeconds < 1) {
      throw new BadInputException("--sms-ack-timeout takes a positive number of seconds, not " + ackTimeoutSeconds);
    }
    CoapSettings sms = SmsNetwork.COAP_SETTINGS;
    return new CoapSettings(Duration.ofSeconds(ackTimeoutSeconds), sms.maxRetransmit(), sms.maxBodySize(), sms.inbound());
  }

  /** How long a sleeping client may stay silent after a wake-up SMS before the next (default 60 s). */
  public Duration wakeUpRetry() {
    if (wakeUpRetrySeconds == null) {
      return Duration.ofSeconds(60);
    }
    if (wakeUpRetrySeconds < 1) {
      throw new BadInputException("--sms-wakeup-retry takes a positive number of seconds, not " + wakeUpRetrySeconds);
    }
    return Duration.ofSeconds(wakeUpRetrySeconds);
  }
}
