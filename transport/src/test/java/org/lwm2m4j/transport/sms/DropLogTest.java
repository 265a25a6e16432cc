package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.Test;

class DropLogTest {
  private final DropLog log = new DropLog();

  @Test
  void firstDropPerCauseAndSenderIsAWarningTheNextOnesDebug() {
    try (SmsLogCapture capture = new SmsLogCapture(SmsNetwork.class)) {
      log.dropped(SmsDrop.NOT_COAP, "336", "its 4 bytes are not a CoAP message");
      log.dropped(SmsDrop.NOT_COAP, "336", "its 4 bytes are not a CoAP message");
      log.dropped(SmsDrop.NOT_COAP, "337", "its 2 bytes are not a CoAP message");
      log.dropped(SmsDrop.BAD_CONCATENATION, "336", "part 3 of 2 does not exist");
      log.dropped(SmsDrop.QUEUE_FULL, "338", "the SMS send queue is full");

      assertThat(capture.at(Level.WARN)).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
          "dropped an SMS (not coap) from sms:336: its 4 bytes are not a CoAP message (further ones of this kind are logged at DEBUG)",
          "dropped an SMS (not coap) from sms:337: its 2 bytes are not a CoAP message (further ones of this kind are logged at DEBUG)",
          "dropped an SMS (bad concatenation) from sms:336: part 3 of 2 does not exist (further ones of this kind are logged at DEBUG)",
          "dropped an SMS (queue full) to sms:338: the SMS send queue is full (further ones of this kind are logged at DEBUG)");
      assertThat(capture.at(Level.DEBUG)).hasSize(1);
    }
  }

  @Test
  void pastTheRememberedPairsEveryDropIsDebug() {
    for (int i = 0; i < DropLog.MAX_REMEMBERED; i++) {
      log.dropped(SmsDrop.NOT_COAP, String.valueOf(i), "not CoAP");
    }
    try (SmsLogCapture capture = new SmsLogCapture(SmsNetwork.class)) {
      log.dropped(SmsDrop.NOT_COAP, "new", "not CoAP");

      assertThat(capture.at(Level.WARN)).isEmpty();
      assertThat(capture.at(Level.DEBUG)).hasSize(1);
    }
  }
}
