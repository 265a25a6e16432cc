package org.lwm2m4j.transport.sms;

/**
 * Why an {@link SmsNetwork} dropped an SMS, as counted in {@link SmsCounters#dropped()}: inbound
 * SMS a peer got wrong or that the network could not use, and outbound ones that could not be
 * submitted.
 */
public enum SmsDrop {
  /** Inbound user data that is not a CoAP message any endpoint here takes. */
  NOT_COAP,
  /** An inbound SMS for a number no endpoint of this network serves. */
  UNKNOWN_NUMBER,
  /** An inbound part with a user data header that does not fit (bad length, total 0, number past total). */
  BAD_CONCATENATION,
  /** An inbound part received before (the SMSC delivered it twice). */
  DUPLICATE_PART,
  /** A concatenated SMS whose missing parts did not come in time; its parts are dropped. */
  TRUNCATED_CONCATENATION,
  /** An inbound part that would start a concatenation past the limits per sender or in total. */
  TOO_MANY_CONCATENATIONS,
  /** An outbound SMS refused because the send queue was full or the SMSC had been away too long. */
  QUEUE_FULL,
  /** An outbound SMS that waited in the queue longer than allowed. */
  QUEUE_TIMEOUT,
  /** An outbound SMS the SMSC refused or did not acknowledge. */
  SUBMIT_FAILED
}
