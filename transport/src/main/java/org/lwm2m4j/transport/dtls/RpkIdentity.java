package org.lwm2m4j.transport.dtls;

import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;

/** A peer authenticated with a raw public key (RFC 7250). */
public record RpkIdentity(PublicKey publicKey) implements PeerIdentity {
  public RpkIdentity {
    Objects.requireNonNull(publicKey, "publicKey");
  }

  @Override
  public String describe() {
    String spki = Base64.getEncoder().encodeToString(publicKey.getEncoded());
    return "raw public key " + spki.substring(Math.max(0, spki.length() - 16));
  }
}
