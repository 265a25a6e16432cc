package org.lwm2m4j.server.security;

import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the server shows of its own identity, so that clients can be provisioned to trust it: its
 * raw public key (for RPK clients, {@code /0/x/4}) and its certificate chain, end-entity first
 * (for X.509 clients). Never holds a private key.
 *
 * @param publicKey the server's public key; the end-entity certificate's key when a chain is given
 * @param certificateChain the server's certificates, end-entity first; empty without X.509
 */
public record ServerCredentials(Optional<PublicKey> publicKey, List<X509Certificate> certificateChain) {

  /** @throws IllegalArgumentException if both are given and the key is not the end-entity certificate's */
  public ServerCredentials {
    Objects.requireNonNull(publicKey, "publicKey");
    certificateChain = List.copyOf(certificateChain);
    if (publicKey.isPresent() && !certificateChain.isEmpty()
        && !Arrays.equals(publicKey.get().getEncoded(), certificateChain.get(0).getPublicKey().getEncoded())) {
      throw new IllegalArgumentException("the public key is not the key of the end-entity certificate");
    }
  }

  /** A server without public credentials (PSK or NoSec only). */
  public static ServerCredentials none() {
    return new ServerCredentials(Optional.empty(), List.of());
  }

  /** A server that authenticates with a raw public key. */
  public static ServerCredentials ofPublicKey(PublicKey publicKey) {
    return new ServerCredentials(Optional.of(publicKey), List.of());
  }

  /**
   * A server that authenticates with {@code chain} (end-entity first); its public key is the
   * end-entity certificate's.
   *
   * @throws IllegalArgumentException if {@code chain} is empty
   */
  public static ServerCredentials ofCertificateChain(List<X509Certificate> chain) {
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least the end-entity certificate");
    }
    return new ServerCredentials(Optional.of(chain.get(0).getPublicKey()), chain);
  }

  /** The certificate chain as PEM, end-entity first; empty without certificates. */
  public Optional<String> certificateChainPem() {
    if (certificateChain.isEmpty()) {
      return Optional.empty();
    }
    Base64.Encoder base64 = Base64.getMimeEncoder(64, new byte[] {'\n'});
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificateChain) {
      try {
        pem.append("-----BEGIN CERTIFICATE-----\n")
            .append(base64.encodeToString(certificate.getEncoded()))
            .append("\n-----END CERTIFICATE-----\n");
      } catch (CertificateEncodingException e) {
        throw new IllegalStateException("a parsed certificate could not be encoded again", e);
      }
    }
    return Optional.of(pem.toString());
  }
}
