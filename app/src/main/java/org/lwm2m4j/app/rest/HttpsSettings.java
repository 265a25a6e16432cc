package org.lwm2m4j.app.rest;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.lwm2m4j.server.security.KeyPairMatch;

/**
 * What the REST API presents when it serves HTTPS instead of HTTP: its private key (EC or RSA) and
 * certificate chain, end-entity certificate first. Built only from a key that matches the
 * certificate, so a mistake shows at start, not at the first browser's handshake.
 *
 * <pre>{@code
 * HttpsSettings https = HttpsSettings.of(key, List.of(certificate));
 * RestApi.start(server, "0.0.0.0", 8443, security, credentials, token, Optional.of(https));
 * }</pre>
 *
 * @param key the private key of {@code chain.get(0)}
 * @param chain the certificate chain, end-entity first (not empty)
 */
public record HttpsSettings(PrivateKey key, List<X509Certificate> chain) {
  /**
   * @throws IllegalArgumentException if the chain is empty, the key is neither EC nor RSA, or it is
   *     not the key of the first certificate
   */
  public HttpsSettings {
    Objects.requireNonNull(key, "key");
    chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("no certificate given for the HTTPS key");
    }
    requireMatch(key, chain.get(0));
  }

  /** The settings of {@code key} and {@code chain}; see the constructor for the checks. */
  public static HttpsSettings of(PrivateKey key, List<X509Certificate> chain) {
    return new HttpsSettings(key, chain);
  }

  /**
   * The one private key entry of {@code store} (a loaded PKCS#12 keystore, say) and its chain; the
   * key is protected by {@code password}, as keytool and openssl make PKCS#12 files.
   *
   * @throws IllegalArgumentException if the store holds no key entry or more than one, or the
   *     password does not open the key
   */
  public static HttpsSettings fromKeyStore(KeyStore store, char[] password) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(password, "password");
    try {
      List<String> keys = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)) {
          keys.add(alias);
        }
      }
      if (keys.size() != 1) {
        throw new IllegalArgumentException("the keystore holds " + keys.size() + " private keys " + keys
            + "; HTTPS needs exactly one (export it alone with keytool -importkeystore -srcalias ALIAS)");
      }
      Key key = store.getKey(keys.get(0), password);
      Certificate[] certificates = store.getCertificateChain(keys.get(0));
      if (!(key instanceof PrivateKey privateKey) || certificates == null) {
        throw new IllegalArgumentException("keystore entry '" + keys.get(0) + "' is not a private key with a certificate");
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : certificates) {
        chain.add((X509Certificate) certificate);
      }
      return new HttpsSettings(privateKey, chain);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the key of the keystore: " + e.getMessage(), e);
    }
  }

  /** Names the certificate only: the private key stays out of logs. */
  @Override
  public String toString() {
    return "HttpsSettings[" + chain.get(0).getSubjectX500Principal().getName() + "]";
  }

  /** The key and chain as a keystore for Jetty, opened by {@code password}. */
  KeyStore asKeyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("https", key, password, chain.toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot hold the HTTPS key in a keystore: " + e.getMessage(), e);
    }
  }

  /** The key must be an EC or RSA key and the private half of the certificate's public key. */
  private static void requireMatch(PrivateKey key, X509Certificate certificate) {
    if (!key.getAlgorithm().equals("EC") && !key.getAlgorithm().equals("RSA")) {
      throw new IllegalArgumentException("the HTTPS key is " + key.getAlgorithm() + "; use an EC or RSA key");
    }
    boolean matches = KeyPairMatch.belongTogether(key, certificate.getPublicKey());
    if (!matches) {
      throw new IllegalArgumentException("the private key does not belong to the certificate "
          + certificate.getSubjectX500Principal().getName());
    }
  }
}
