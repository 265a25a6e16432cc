package org.lwm2m4j.server.bootstrap.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * The credentials a Bootstrap Server writes into one Security (0) instance of a client: how the
 * client secures its connection to that server, with the client's own secret. Each mode says what
 * goes into resources 2 (Security Mode), 3 (Public Key or Identity), 4 (Server Public Key) and
 * 5 (Secret Key). Key material is raw DER bytes, checked when the value is made; arrays are copied
 * in and out, compared by content, and secrets never appear in {@code toString()}.
 */
public sealed interface SecurityConfig permits SecurityConfig.NoSec, SecurityConfig.Psk, SecurityConfig.Rpk, SecurityConfig.X509 {
  /** Security Mode values of resource {@code /0/x/2}. */
  int MODE_PSK = 0;
  int MODE_RPK = 1;
  int MODE_X509 = 2;
  int MODE_NOSEC = 3;

  /** The value of resource 2, Security Mode. */
  int securityMode();

  /** The mode's name in the JSON form: {@code nosec}, {@code psk}, {@code rpk}, {@code x509}. */
  String modeName();

  /** Resource 3: the PSK identity (UTF-8), the client's SubjectPublicKeyInfo or certificate; empty for NoSec. */
  byte[] publicKeyOrIdentity();

  /** Resource 4: the server's SubjectPublicKeyInfo or certificate; empty for NoSec and PSK. */
  byte[] serverPublicKey();

  /** Resource 5: the PSK or the client's PKCS#8 private key; empty for NoSec. */
  byte[] secretKey();

  /** Plain CoAP: no credentials (security mode 3). */
  record NoSec() implements SecurityConfig {
    @Override
    public int securityMode() {
      return MODE_NOSEC;
    }

    @Override
    public String modeName() {
      return "nosec";
    }

    @Override
    public byte[] publicKeyOrIdentity() {
      return new byte[0];
    }

    @Override
    public byte[] serverPublicKey() {
      return new byte[0];
    }

    @Override
    public byte[] secretKey() {
      return new byte[0];
    }
  }

  /**
   * A pre-shared key (security mode 0). The identity is 1 to 128 bytes of UTF-8, the key 1 to 64
   * bytes, the limits a client must support.
   *
   * @param identity the PSK identity the client presents
   * @param key the secret key
   */
  record Psk(String identity, byte[] key) implements SecurityConfig {
    /** The longest PSK identity, in UTF-8 bytes. */
    public static final int MAX_IDENTITY_BYTES = 128;
    /** The longest PSK, in bytes. */
    public static final int MAX_KEY_BYTES = 64;

    /** @throws InvalidRequestException naming {@code identity} or {@code key} if it is empty or too long */
    public Psk {
      if (identity == null || identity.isEmpty()) {
        throw new InvalidRequestException("identity is empty; a PSK needs an identity");
      }
      if (!StandardCharsets.UTF_8.newEncoder().canEncode(identity)) {
        throw new InvalidRequestException("identity is not well-formed Unicode (unpaired surrogate)");
      }
      int identityBytes = identity.getBytes(StandardCharsets.UTF_8).length;
      if (identityBytes > MAX_IDENTITY_BYTES) {
        throw new InvalidRequestException("identity is " + identityBytes + " bytes of UTF-8; at most " + MAX_IDENTITY_BYTES + " are allowed");
      }
      if (key == null || key.length == 0) {
        throw new InvalidRequestException("key is empty; a PSK needs 1 to " + MAX_KEY_BYTES + " bytes (16 or more recommended)");
      }
      if (key.length > MAX_KEY_BYTES) {
        throw new InvalidRequestException("key is " + key.length + " bytes; at most " + MAX_KEY_BYTES + " are allowed");
      }
      key = key.clone();
    }

    /** A copy of the key. */
    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public int securityMode() {
      return MODE_PSK;
    }

    @Override
    public String modeName() {
      return "psk";
    }

    @Override
    public byte[] publicKeyOrIdentity() {
      return identity.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] serverPublicKey() {
      return new byte[0];
    }

    @Override
    public byte[] secretKey() {
      return key.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Psk psk && identity.equals(psk.identity) && MessageDigest.isEqual(key, psk.key);
    }

    @Override
    public int hashCode() {
      return Objects.hash(identity, Arrays.hashCode(key));
    }

    @Override
    public String toString() {
      return "Psk[identity=" + identity + ", key=(" + key.length + " bytes)]";
    }
  }

  /**
   * A raw public key (security mode 1, RFC 7250): the client's EC key pair on secp256r1 and the
   * server's public key it must accept.
   *
   * @param publicKey the client's DER SubjectPublicKeyInfo
   * @param privateKey the client's DER PKCS#8 private key, of {@code publicKey}
   * @param serverPublicKey the server's DER SubjectPublicKeyInfo
   */
  record Rpk(byte[] publicKey, byte[] privateKey, byte[] serverPublicKey) implements SecurityConfig {
    /**
     * @throws InvalidRequestException naming the field if a key does not decode, is not on
     *     secp256r1, or the private key is not the public key's
     */
    public Rpk {
      java.security.PublicKey clientKey = KeyMaterial.rawPublicKey(publicKey, "publicKey");
      PrivateKey clientPrivate = KeyMaterial.privateKey(privateKey, "privateKey", List.of("EC"));
      KeyMaterial.checkPair(clientKey, clientPrivate, "privateKey", "publicKey");
      KeyMaterial.rawPublicKey(serverPublicKey, "serverPublicKey");
      publicKey = publicKey.clone();
      privateKey = privateKey.clone();
      serverPublicKey = serverPublicKey.clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
      return privateKey.clone();
    }

    @Override
    public byte[] serverPublicKey() {
      return serverPublicKey.clone();
    }

    @Override
    public int securityMode() {
      return MODE_RPK;
    }

    @Override
    public String modeName() {
      return "rpk";
    }

    @Override
    public byte[] publicKeyOrIdentity() {
      return publicKey.clone();
    }

    @Override
    public byte[] secretKey() {
      return privateKey.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Rpk rpk
          && Arrays.equals(publicKey, rpk.publicKey)
          && MessageDigest.isEqual(privateKey, rpk.privateKey)
          && Arrays.equals(serverPublicKey, rpk.serverPublicKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(publicKey), Arrays.hashCode(privateKey), Arrays.hashCode(serverPublicKey));
    }

    @Override
    public String toString() {
      return "Rpk[publicKey=(" + publicKey.length + " bytes), privateKey=(hidden), serverPublicKey=("
          + serverPublicKey.length + " bytes)]";
    }
  }

  /**
   * An X.509 certificate (security mode 2): the client's certificate and private key, and the
   * server certificate or trust anchor the client checks the server against, interpreted by
   * {@code certificateUsage} (resource 15; RFC 6698 semantics).
   *
   * @param certificate the client's DER certificate
   * @param privateKey the client's DER PKCS#8 private key (EC or RSA), of {@code certificate}
   * @param serverCertificate the server's DER certificate or trust anchor
   * @param certificateUsage 0 CA constraint, 1 service certificate constraint, 2 trust anchor
   *     assertion, 3 domain-issued certificate (the spec's default)
   */
  record X509(byte[] certificate, byte[] privateKey, byte[] serverCertificate, int certificateUsage) implements SecurityConfig {
    /** The default when resource 15 is absent. */
    public static final int DOMAIN_ISSUED_CERTIFICATE = 3;

    /**
     * @throws InvalidRequestException naming the field if a certificate or key does not decode,
     *     the private key is not the certificate's, or the usage is outside 0..3
     */
    public X509 {
      KeyMaterial.checkCertificateCredentials(certificate, privateKey, serverCertificate);
      if (certificateUsage < 0 || certificateUsage > 3) {
        throw new InvalidRequestException("certificateUsage " + certificateUsage + " is outside 0..3 "
            + "(0 CA constraint, 1 service certificate constraint, 2 trust anchor assertion, 3 domain-issued certificate)");
      }
      certificate = certificate.clone();
      privateKey = privateKey.clone();
      serverCertificate = serverCertificate.clone();
    }

    /** With the default certificate usage, 3 (domain-issued certificate). */
    public X509(byte[] certificate, byte[] privateKey, byte[] serverCertificate) {
      this(certificate, privateKey, serverCertificate, DOMAIN_ISSUED_CERTIFICATE);
    }

    @Override
    public byte[] certificate() {
      return certificate.clone();
    }

    @Override
    public byte[] privateKey() {
      return privateKey.clone();
    }

    @Override
    public byte[] serverCertificate() {
      return serverCertificate.clone();
    }

    @Override
    public int securityMode() {
      return MODE_X509;
    }

    @Override
    public String modeName() {
      return "x509";
    }

    @Override
    public byte[] publicKeyOrIdentity() {
      return certificate.clone();
    }

    @Override
    public byte[] serverPublicKey() {
      return serverCertificate.clone();
    }

    @Override
    public byte[] secretKey() {
      return privateKey.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof X509 x509
          && Arrays.equals(certificate, x509.certificate)
          && MessageDigest.isEqual(privateKey, x509.privateKey)
          && Arrays.equals(serverCertificate, x509.serverCertificate)
          && certificateUsage == x509.certificateUsage;
    }

    @Override
    public int hashCode() {
      return Objects.hash(Arrays.hashCode(certificate), Arrays.hashCode(privateKey), Arrays.hashCode(serverCertificate),
          certificateUsage);
    }

    @Override
    public String toString() {
      return "X509[certificate=(" + certificate.length + " bytes), privateKey=(hidden), serverCertificate=("
          + serverCertificate.length + " bytes), certificateUsage=" + certificateUsage + "]";
    }
  }
}
