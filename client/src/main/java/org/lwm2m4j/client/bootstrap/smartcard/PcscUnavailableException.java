package org.lwm2m4j.client.bootstrap.smartcard;

/**
 * The PC/SC service cannot be reached (pcscd not running, restarted under us, or libpcsclite
 * missing), so whether a card is present cannot be told. {@link SmartcardBootstrapReader#read}
 * treats this as "no smartcard"; {@link SmartcardBootstrapReader#currentHash} reports it, because
 * a device that was provisioned from a card must not take a PC/SC outage for a card removal.
 *
 * <p>pcsc-lite clients do not survive a pcscd restart: the JVM keeps its PC/SC context, so after
 * one this persists until the client process restarts.
 */
public class PcscUnavailableException extends SmartcardException {
  private static final long serialVersionUID = 1L;

  public PcscUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
