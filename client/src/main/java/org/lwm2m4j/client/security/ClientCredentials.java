package org.lwm2m4j.client.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How the client authenticates to one server and authenticates it, as the Security object
 * (/0) stores it: no security, a pre-shared key, a raw public key pair with the server's key, or a
 * certificate chain with the server's certificate or trust anchor and its Certificate Usage.
 */
public sealed interface ClientCredentials
    permits ClientCredentials.NoSec, ClientCredentials.Psk, ClientCredentials.Rpk, ClientCredentials.X509 {

  /** The Security Mode (/0/x/2) value. */
  int securityMode();

  /** Plain CoAP (mode 3). */
  record NoSec() implements ClientCredentials {
    @Override
    public int securityMode() {
      return 3;
    }
  }

  /** A pre-shared key (mode 0): identity up to 128 bytes, key up to 64 bytes. */
  record Psk(String identity, byte[] key) implements ClientCredentials {
    public Psk {
      Objects.requireNonNull(identity, "identity");
      key = key.clone();
      if (identity.isEmpty() || identity.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 128) {
        throw new IllegalArgumentException("a PSK identity has 1..128 bytes");
      }
      if (key.length == 0 || key.length > 64) {
        throw new IllegalArgumentException("a PSK has 1..64 bytes, got " + key.length);
      }
    }

    @Override
    public byte[] key() {
      return key.clone();
    }

    @Override
    public int securityMode() {
      return 0;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Psk other && identity.equals(other.identity) && java.util.Arrays.equals(key, other.key);
    }

    @Override
    public int hashCode() {
      return identity.hashCode() * 31 + java.util.Arrays.hashCode(key);
    }

    @Override
    public String toString() {
      return "Psk[identity=" + identity + "]";
    }
  }

  /** A raw public key pair (mode 1) and the one server key to accept. */
  record Rpk(PrivateKey privateKey, PublicKey publicKey, PublicKey serverPublicKey) implements ClientCredentials {
    public Rpk {
      Objects.requireNonNull(privateKey, "privateKey");
      Objects.requireNonNull(publicKey, "publicKey");
      Objects.requireNonNull(serverPublicKey, "serverPublicKey");
    }

    @Override
    public int securityMode() {
      return 1;
    }

    @Override
    public String toString() {
      return "Rpk[]";
    }
  }

  /**
   * A certificate (mode 2): the client's chain and key, the server's certificate or a trust anchor,
   * and the Certificate Usage (/0/x/15: 0 CA constraint, 1 service certificate, 2 trust anchor, 3
   * domain-issued certificate).
   */
  record X509(PrivateKey privateKey, List<X509Certificate> chain, X509Certificate serverCertificate, int certificateUsage)
      implements ClientCredentials {
    public X509 {
      Objects.requireNonNull(privateKey, "privateKey");
      chain = List.copyOf(chain);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("the client certificate chain is empty");
      }
      Objects.requireNonNull(serverCertificate, "serverCertificate");
      if (certificateUsage < 0 || certificateUsage > 3) {
        throw new IllegalArgumentException("Certificate Usage is 0..3, got " + certificateUsage);
      }
    }

    @Override
    public int securityMode() {
      return 2;
    }

    @Override
    public String toString() {
      return "X509[" + chain.get(0).getSubjectX500Principal().getName() + "]";
    }
  }
}
