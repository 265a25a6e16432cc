package org.lwm2m4j.transport.sms.smsc;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What became of one SMS an ESME submitted to the {@link Smsc}: one record per outcome, so an SMS
 * that waited for its destination to bind has a {@link Fate#STORED} record and then a {@link
 * Fate#DELIVERED} or {@link Fate#EXPIRED} one with the same {@code messageId}. Delivery receipts
 * the SMSC makes are not recorded. Immutable; {@link #userData()} returns a copy.
 *
 * @param time when it happened
 * @param messageId the id the SMSC answered the {@code submit_sm} with
 * @param from the source address, as submitted
 * @param to the destination address, as submitted
 * @param userData the {@code short_message} bytes, UDH included
 * @param dataCoding the {@code data_coding} byte
 * @param esmClass the {@code esm_class} byte ({@code 0x40}: the user data starts with a UDH)
 * @param part which part of a concatenated SMS this is, from its UDH, or empty for a whole one
 * @param fate what happened
 */
public record SmsRecord(
    Instant time, String messageId, String from, String to, byte[] userData, int dataCoding, int esmClass, Optional<Part> part,
    Fate fate) {

  /** What the SMSC did with an SMS. */
  public enum Fate {
    /** Delivered once to the ESME bound for the destination, which accepted it. */
    DELIVERED,
    /** Delivered twice on purpose (the duplicate probability). */
    DUPLICATED,
    /** Dropped on purpose (the loss probability). */
    LOST,
    /** Kept until an ESME binds for the destination, for at most the store time. */
    STORED,
    /** Kept for the whole store time without an ESME binding for the destination: dropped. */
    EXPIRED,
    /** The destination is not an MSISDN, or nobody has bound it and SMS are not stored: dropped. */
    UNKNOWN_DESTINATION,
    /** The destination ESME answered the {@code deliver_sm} with an error: dropped. */
    REJECTED;

    /** The fate as the log line says it: {@code unknown destination}. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  /**
   * One part of a concatenated SMS (3GPP TS 23.040 §9.2.3.24.1 and .8).
   *
   * @param reference the concatenated message's reference number
   * @param number this part's number, from 1
   * @param total how many parts the message has
   */
  public record Part(int reference, int number, int total) {}

  /** Copies {@code userData}. */
  public SmsRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    userData = userData.clone();
    Objects.requireNonNull(part, "part");
    Objects.requireNonNull(fate, "fate");
  }

  /** The {@code short_message} bytes, UDH included: a copy. */
  @Override
  public byte[] userData() {
    return userData.clone();
  }

  /** The SMSC's one log line for this record: ids, addresses, length, part and fate. */
  public String describe() {
    return "SMS " + messageId + " " + from + " -> " + to + ", " + userData.length + (userData.length == 1 ? " byte" : " bytes")
        + part.map(p -> ", part " + p.number() + "/" + p.total() + " (ref " + p.reference() + ")").orElse("") + ": " + fate.text();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SmsRecord that && time.equals(that.time) && messageId.equals(that.messageId) && from.equals(that.from)
        && to.equals(that.to) && Arrays.equals(userData, that.userData) && dataCoding == that.dataCoding && esmClass == that.esmClass
        && part.equals(that.part) && fate == that.fate;
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, messageId, from, to, Arrays.hashCode(userData), dataCoding, esmClass, part, fate);
  }

  @Override
  public String toString() {
    return describe() + " at " + time + ", data_coding " + dataCoding + ", esm_class " + esmClass + ", " + HexFormat.of().formatHex(
        userData, 0, Math.min(userData.length, 16)) + (userData.length > 16 ? "…" : "");
  }
}
