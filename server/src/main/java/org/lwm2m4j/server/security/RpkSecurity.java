package org.lwm2m4j.server.security;

import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * A raw public key credential (security mode 1, RFC 7250): the client must present exactly this
 * key, an EC key on secp256r1. Two values are equal when their keys encode to the same
 * SubjectPublicKeyInfo, whichever provider made them.
 *
 * @param endpoint the endpoint name this key authenticates
 * @param publicKey the client's public key
 */
public record RpkSecurity(String endpoint, PublicKey publicKey) implements SecurityInfo {

  /**
   * @throws InvalidRequestException if the endpoint is empty or the key is not an EC key on secp256r1
   */
  public RpkSecurity {
    EndpointNames.check(endpoint);
    if (publicKey == null) {
      throw new InvalidRequestException("the raw public key for '" + endpoint + "' is missing");
    }
    if (!PublicKeys.isSecp256r1(publicKey)) {
      throw new InvalidRequestException("the raw public key for '" + endpoint + "' (algorithm " + publicKey.getAlgorithm()
          + ") is not on secp256r1; LwM2M raw public keys must be EC keys on secp256r1 (P-256)");
    }
  }

  @Override
  public String mode() {
    return "rpk";
  }

  /** Whether the key a client presented in the handshake is this one (DER SubjectPublicKeyInfo compared). */
  public boolean matches(PublicKey presented) {
    return presented != null && Arrays.equals(publicKey.getEncoded(), presented.getEncoded());
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RpkSecurity rpk && endpoint.equals(rpk.endpoint) && matches(rpk.publicKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(endpoint, Arrays.hashCode(publicKey.getEncoded()));
  }

  @Override
  public String toString() {
    return "RpkSecurity[endpoint=" + endpoint + ", publicKey=" + PublicKeys.encode(publicKey) + "]";
  }
}
