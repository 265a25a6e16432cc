package org.lwm2m4j.server.registration;

/**
 * The transport a client is reached over, as its registration shows it: SMS when its last
 * Register or Update came by SMS (its address is an {@link org.lwm2m4j.transport.sms.SmsAddress}),
 * DTLS when it registered over DTLS, else plain CoAP over UDP. Derived, never stored.
 */
public enum Channel {
  UDP("udp"),
  DTLS("dtls"),
  SMS("sms");

  private final String label;

  Channel(String label) {
    this.label = label;
  }

  /** The name the REST API, the event stream and the console show: {@code udp}, {@code dtls} or {@code sms}. */
  public String label() {
    return label;
  }
}
