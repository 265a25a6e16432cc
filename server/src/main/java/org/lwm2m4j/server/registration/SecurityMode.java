package org.lwm2m4j.server.registration;

import java.util.Optional;
import org.lwm2m4j.transport.dtls.PeerIdentity;
import org.lwm2m4j.transport.dtls.PskIdentity;
import org.lwm2m4j.transport.dtls.RpkIdentity;
import org.lwm2m4j.transport.dtls.X509Identity;

/**
 * How a client proved who it is when it registered: not at all (plain CoAP), or over DTLS with a
 * pre-shared key, a raw public key or an X.509 certificate. {@link #DTLS} stands for a secure
 * registration whose mode was not recorded, as those restored from a store written before modes
 * were kept.
 */
public enum SecurityMode {
  NONE("none"),
  PSK("PSK"),
  RPK("RPK"),
  X509("X.509"),
  DTLS("DTLS");

  private final String label;

  SecurityMode(String label) {
    this.label = label;
  }

  /** The name people know the mode by: {@code none}, {@code PSK}, {@code RPK}, {@code X.509} or {@code DTLS}. */
  public String label() {
    return label;
  }

  /** Whether requests go over a DTLS session. */
  public boolean secure() {
    return this != NONE;
  }

  /** The mode of a handshake that proved {@code identity}; {@link #NONE} without one. */
  public static SecurityMode of(Optional<PeerIdentity> identity) {
    return identity.map(SecurityMode::of).orElse(NONE);
  }

  private static SecurityMode of(PeerIdentity identity) {
    if (identity instanceof PskIdentity) {
      return PSK;
    }
    return identity instanceof RpkIdentity ? RPK : X509;
  }

  /**
   * What the console shows as the client's identity: the PSK identity, the certificate's subject,
   * or the tail of the raw public key; empty without one.
   */
  public static Optional<String> identityText(Optional<PeerIdentity> identity) {
    return identity.map(peer -> {
      if (peer instanceof PskIdentity psk) {
        return psk.identity();
      }
      if (peer instanceof X509Identity x509) {
        return x509.certificate().getSubjectX500Principal().getName();
      }
      return peer.describe();
    });
  }

  /** The mode whose {@link #name()} is {@code name}, as stores write it; {@link #DTLS} for an unknown name on a secure registration. */
  public static SecurityMode parse(String name, boolean secure) {
    for (SecurityMode mode : values()) {
      if (mode.name().equals(name)) {
        return mode;
      }
    }
    return secure ? DTLS : NONE;
  }
}
