package org.lwm2m4j.client.dm;

/** What a server may ask of the client by SMS. */
public enum SmsScope {
  /** Everything: the server's traffic goes by SMS (binding {@code S}, {@code SQ}, or Preferred Transport S). */
  ALL_OPERATIONS,
  /**
   * Only the SMS trigger, an Execute of the Registration Update Trigger {@code /1/x/8}: the server
   * is reached over IP and uses SMS to wake the client ({@code US}, {@code UQS}).
   */
  TRIGGER_ONLY
}
