package org.lwm2m4j.transport.dtls;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The test CA and certificates of {@code test-credentials/credentials.p12} (found through the
 * {@code lwm2m4j.testCredentials} system property the build sets), and fresh EC key pairs for raw
 * public key tests. Shared with the other modules' tests through the transport test-jar.
 */
public final class TestCredentials {
  private static final char[] PASSWORD = "secret".toCharArray();
  private static KeyStore store;

  private TestCredentials() {}

  public static Path directory() {
    String configured = System.getProperty("lwm2m4j.testCredentials");
    Path dir = configured != null ? Path.of(configured) : Path.of("..", "test-credentials");
    if (!Files.isDirectory(dir)) {
      dir = Path.of("test-credentials");
    }
    return dir;
  }

  private static synchronized KeyStore store() throws Exception {
    if (store == null) {
      KeyStore loaded = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(directory().resolve("credentials.p12"))) {
        loaded.load(in, PASSWORD);
      }
      store = loaded;
    }
    return store;
  }

  /** The private key of {@code alias} (ca, server, client, impostor, leshan-x509, lwm2m4j-x509). */
  public static PrivateKey privateKey(String alias) throws Exception {
    return (PrivateKey) store().getKey(alias, PASSWORD);
  }

  /** The certificate chain of {@code alias}, end-entity first. */
  public static List<X509Certificate> chain(String alias) throws Exception {
    List<X509Certificate> chain = new ArrayList<>();
    for (Certificate certificate : store().getCertificateChain(alias)) {
      chain.add((X509Certificate) certificate);
    }
    return chain;
  }

  /** The test CA certificate. */
  public static X509Certificate ca() throws Exception {
    return (X509Certificate) store().getCertificate("ca");
  }

  /** A fresh secp256r1 key pair. */
  public static KeyPair newKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }
}
