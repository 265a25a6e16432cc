package org.lwm2m4j.client.bootstrap.smartcard;

/**
 * The smartcard holds something we cannot use, or the PC/SC stack failed while we talked to it:
 * a malformed or truncated bootstrap file, a status word the layout does not allow, or a PC/SC
 * error after the card was found. The message says which reader, which step and what to check.
 * "No reader", "no card" and "no bootstrap applet" are not errors: they read as an empty result.
 */
public class SmartcardException extends Exception {
  private static final long serialVersionUID = 1L;

  public SmartcardException(String message) {
    super(message);
  }

  public SmartcardException(String message, Throwable cause) {
    super(message, cause);
  }
}
