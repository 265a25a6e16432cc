package org.lwm2m4j.server.security;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Whether a private key is the other half of a public key (or of a certificate's), told by signing
 * a probe and verifying it: works for EC and RSA alike, where comparing encodings would not. A
 * mismatch caught at configuration time would otherwise show only as failed handshakes later.
 */
public final class KeyPairMatch {
  private static final byte[] PROBE = "lwm2m4j key pair probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private KeyPairMatch() {}

  /** True if {@code privateKey} signs what {@code publicKey} verifies; false for any mismatch or unusable key. */
  public static boolean belongTogether(PrivateKey privateKey, PublicKey publicKey) {
    if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
      return false;
    }
    String algorithm = "RSA".equals(privateKey.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // e.g. a key of another algorithm: the signer or verifier refuses it
    }
  }
}
