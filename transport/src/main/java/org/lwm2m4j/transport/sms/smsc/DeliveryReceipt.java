package org.lwm2m4j.transport.sms.smsc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jsmpp.bean.OptionalParameter;

/**
 * The SMSC delivery receipts of SMPP 3.4 (Appendix B): a {@code deliver_sm} with {@code esm_class}
 * 0x04 from the destination back to the source, whose text is {@code id:… sub:001 dlvrd:001 submit
 * date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD err:000 text:}, with the {@code
 * receipted_message_id} and {@code message_state} TLVs beside it.
 */
enum DeliveryReceipt {
  DELIVERED("DELIVRD", 2, false),
  UNDELIVERABLE("UNDELIV", 5, true),
  EXPIRED("EXPIRED", 3, true);

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
  /** registered_delivery bits 0–1: 01 a receipt for any final outcome, 10 for a failure only. */
  private static final int ANY_OUTCOME = 1;
  private static final int FAILURE_ONLY = 2;

  private final String stat;
  private final byte messageState;
  private final boolean failure;

  DeliveryReceipt(String stat, int messageState, boolean failure) {
    this.stat = stat;
    this.messageState = (byte) messageState;
    this.failure = failure;
  }

  /** Whether {@code original}'s sender asked for this receipt. */
  boolean requestedBy(ShortMessage original) {
    int asked = original.registeredDelivery & 0x03;
    return asked == ANY_OUTCOME || (asked == FAILURE_ONLY && failure);
  }

  /** The receipt for {@code original}, done {@code at}. */
  ShortMessage about(ShortMessage original, Instant at) {
    String text = "id:" + original.messageId + " sub:001 dlvrd:" + (failure ? "000" : "001") + " submit date:" + DATE.format(original.submitted)
        + " done date:" + DATE.format(at) + " stat:" + stat + " err:" + (failure ? "001" : "000") + " text:";
    OptionalParameter[] parameters = {new OptionalParameter.Receipted_message_id(original.messageId),
        new OptionalParameter.Message_state(messageState)};
    return ShortMessage.receipt(original, text.getBytes(StandardCharsets.US_ASCII), parameters, at);
  }
}
