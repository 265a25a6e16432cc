package org.lwm2m4j.server.bootstrap.config;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.security.PublicKeys;
import org.lwm2m4j.server.security.KeyPairMatch;

/**
 * Checks that the DER blobs a bootstrap config hands to a client are what their Security resource
 * says they are, so a wrong key is refused when the config is stored rather than discovered as a
 * failed handshake on the device. Stateless.
 */
final class KeyMaterial {
  /** Far above any key or certificate LwM2M devices carry; bounds the work done on untrusted input. */
  static final int MAX_DER_BYTES = 8192;

  private static final List<String> PRIVATE_KEY_ALGORITHMS = List.of("EC", "RSA");

  private KeyMaterial() {}

  /** An EC public key on secp256r1, the only kind LwM2M raw public keys use. */
  static PublicKey rawPublicKey(byte[] spki, String field) {
    checkSize(spki, field, "a DER SubjectPublicKeyInfo");
    PublicKey key;
    try {
      key = PublicKeys.decode(spki);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(field + ": " + e.getMessage());
    }
    if (!PublicKeys.isSecp256r1(key)) {
      throw new InvalidRequestException(field + " is not on secp256r1; LwM2M raw public keys must be EC keys on P-256");
    }
    return key;
  }

  /** A PKCS#8 private key of one of {@code algorithms}. */
  static PrivateKey privateKey(byte[] pkcs8, String field, List<String> algorithms) {
    checkSize(pkcs8, field, "a DER PKCS#8 private key");
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException | RuntimeException e) {
        // try the next algorithm
      }
    }
    throw new InvalidRequestException(field + " is not a DER PKCS#8 private key of type " + String.join(" or ", algorithms));
  }

  /** A PKCS#8 private key of a type X.509 certificates for DTLS use. */
  static PrivateKey certificatePrivateKey(byte[] pkcs8, String field) {
    return privateKey(pkcs8, field, PRIVATE_KEY_ALGORITHMS);
  }

  static X509Certificate certificate(byte[] der, String field) {
    checkSize(der, field, "a DER X.509 certificate");
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new InvalidRequestException(field + " is not a DER X.509 certificate", e);
    }
  }

  /** Checks the X.509 mode's blobs: the client's certificate and its private key, and the server's certificate. */
  static void checkCertificateCredentials(byte[] certificate, byte[] privateKey, byte[] serverCertificate) {
    X509Certificate own = certificate(certificate, "certificate");
    PrivateKey key = certificatePrivateKey(privateKey, "privateKey");
    checkPair(own.getPublicKey(), key, "privateKey", "certificate");
    certificate(serverCertificate, "serverCertificate");
  }

  /**
   * Checks that {@code privateKey} is the private half of {@code publicKey} by signing and
   * verifying a probe: a mismatch would otherwise show only as handshake failures on the device.
   */
  static void checkPair(PublicKey publicKey, PrivateKey privateKey, String privateField, String publicField) {
    if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
      throw new InvalidRequestException(privateField + " (" + privateKey.getAlgorithm() + ") does not belong to "
          + publicField + " (" + publicKey.getAlgorithm() + ")");
    }
    boolean matches = KeyPairMatch.belongTogether(privateKey, publicKey);
    if (!matches) {
      throw new InvalidRequestException(privateField + " does not belong to " + publicField
          + "; give the private key of the same key pair");
    }
  }

  private static void checkSize(byte[] der, String field, String expected) {
    if (der == null || der.length == 0) {
      throw new InvalidRequestException(field + " is empty; expected " + expected);
    }
    if (der.length > MAX_DER_BYTES) {
      throw new InvalidRequestException(field + " is " + der.length + " bytes; at most " + MAX_DER_BYTES + " are accepted");
    }
  }
}
