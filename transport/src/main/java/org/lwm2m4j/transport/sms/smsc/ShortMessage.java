package org.lwm2m4j.transport.sms.smsc;

import java.time.Instant;
import java.util.Optional;
import org.jsmpp.bean.OptionalParameter;

/**
 * One SMS on its way through the {@link Smsc}: what an ESME submitted, or a delivery receipt the
 * SMSC made for one. The SMSC never changes the bytes; they are not copied again after
 * construction and nobody writes to them.
 */
final class ShortMessage {
  private static final OptionalParameter[] NONE = new OptionalParameter[0];

  final String messageId;
  final String from;
  final String to;
  final byte[] userData;
  final byte dataCoding;
  final byte esmClass;
  final byte registeredDelivery;
  final Instant submitted;
  /** A receipt: no faults, no receipt of its own, not in the record. */
  final boolean receipt;
  final OptionalParameter[] parameters;
  final Optional<SmsRecord.Part> part;

  private ShortMessage(String messageId, String from, String to, byte[] userData, byte dataCoding, byte esmClass, byte registeredDelivery,
      Instant submitted, boolean receipt, OptionalParameter[] parameters) {
    this.messageId = messageId;
    this.from = from;
    this.to = to;
    this.userData = userData;
    this.dataCoding = dataCoding;
    this.esmClass = esmClass;
    this.registeredDelivery = registeredDelivery;
    this.submitted = submitted;
    this.receipt = receipt;
    this.parameters = parameters;
    this.part = receipt || (esmClass & Smsc.ESM_CLASS_UDHI) == 0 ? Optional.empty() : UserDataHeader.part(userData);
  }

  /** What an ESME submitted, under the id the SMSC gave it. */
  static ShortMessage submitted(String messageId, String from, String to, byte[] userData, byte dataCoding, byte esmClass,
      byte registeredDelivery, Instant at) {
    return new ShortMessage(messageId, from, to, userData.clone(), dataCoding, esmClass, registeredDelivery, at, false, NONE);
  }

  /** A delivery receipt for {@code original}, from its destination back to its source. */
  static ShortMessage receipt(ShortMessage original, byte[] text, OptionalParameter[] parameters, Instant at) {
    return new ShortMessage(original.messageId, original.to, original.from, text, (byte) 0, Smsc.ESM_CLASS_DELIVERY_RECEIPT, (byte) 0, at,
        true, parameters);
  }

  /**
   * The {@code esm_class} of its {@code deliver_sm}: a receipt's own, else only the GSM feature bits
   * submitted (UDHI, reply path), as the messaging mode and type bits of a submit mean nothing here.
   */
  byte deliverEsmClass() {
    return receipt ? esmClass : (byte) (esmClass & Smsc.ESM_CLASS_GSM_FEATURES);
  }

  /** The record of what became of this SMS at {@code time}. */
  SmsRecord record(Instant time, SmsRecord.Fate fate) {
    return new SmsRecord(time, messageId, from, to, userData, dataCoding & 0xFF, esmClass & 0xFF, part, fate);
  }
}
