package org.lwm2m4j.server.security;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * Raw public keys in the form LwM2M carries them (RFC 7250): DER {@code SubjectPublicKeyInfo},
 * base64 in JSON. Decoding accepts elliptic-curve keys only, since the RPK cipher suites LwM2M
 * requires are ECDSA ones. Stateless and thread-safe.
 */
public final class PublicKeys {
  /** Far above any EC key's DER (91 bytes for secp256r1); bounds the work done on untrusted input. */
  static final int MAX_DER_BYTES = 1024;

  private static final List<String> OTHER_ALGORITHMS = List.of("RSA", "DSA", "EdDSA", "XDH", "DH");
  private static final ECParameterSpec SECP256R1 = secp256r1();

  private PublicKeys() {}

  /**
   * The key in {@code base64} (standard alphabet; whitespace such as line breaks is ignored).
   *
   * @throws InvalidRequestException if it is not base64, not a DER SubjectPublicKeyInfo, or not an EC key
   */
  public static PublicKey decode(String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new InvalidRequestException("the public key is empty; expected base64 of a DER SubjectPublicKeyInfo");
    }
    String compact = base64.replaceAll("\\s", "");
    if (compact.length() > (MAX_DER_BYTES + 2) / 3 * 4) {
      throw new InvalidRequestException("the public key is too long (" + compact.length()
          + " base64 characters); an EC public key is about 124");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(compact);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("the public key is not valid base64: " + e.getMessage());
    }
    return decode(der);
  }

  /**
   * The key in {@code der}, a DER SubjectPublicKeyInfo.
   *
   * @throws InvalidRequestException if it cannot be parsed or is not an EC key
   */
  public static PublicKey decode(byte[] der) {
    if (der == null || der.length == 0) {
      throw new InvalidRequestException("the public key is empty; expected a DER SubjectPublicKeyInfo");
    }
    if (der.length > MAX_DER_BYTES) {
      throw new InvalidRequestException("the public key is " + der.length + " bytes; at most " + MAX_DER_BYTES + " are accepted");
    }
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      String other = otherAlgorithm(der);
      if (!other.isEmpty()) {
        throw new InvalidRequestException("the public key is of type " + other
            + "; raw public keys must be EC keys on secp256r1 (P-256)");
      }
      throw new InvalidRequestException("the public key is not a DER SubjectPublicKeyInfo of an EC key", e);
    }
  }

  /** The base64 (standard alphabet) of {@code key}'s DER SubjectPublicKeyInfo. */
  public static String encode(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Whether {@code key} is an EC key on secp256r1 (P-256), the curve LwM2M requires. */
  public static boolean isSecp256r1(PublicKey key) {
    if (!(key instanceof ECPublicKey)) {
      return false;
    }
    ECParameterSpec params = ((ECPublicKey) key).getParams();
    return params.getCurve().equals(SECP256R1.getCurve())
        && params.getGenerator().equals(SECP256R1.getGenerator())
        && params.getOrder().equals(SECP256R1.getOrder())
        && params.getCofactor() == SECP256R1.getCofactor();
  }

  /** The algorithm of a key that is not EC, for a message that says what was sent; empty if none parses it. */
  private static String otherAlgorithm(byte[] der) {
    for (String algorithm : OTHER_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der)).getAlgorithm();
      } catch (GeneralSecurityException | RuntimeException e) {
        // not this algorithm either
      }
    }
    return "";
  }

  private static ECParameterSpec secp256r1() {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec("secp256r1"));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK does not support secp256r1", e);
    }
  }
}
