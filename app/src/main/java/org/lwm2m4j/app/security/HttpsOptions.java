package org.lwm2m4j.app.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.rest.HttpsSettings;
import picocli.CommandLine.Option;

/**
 * The HTTPS options of the servers' REST API (a picocli mixin): a PEM certificate chain and private
 * key, or a PKCS#12 keystore. With either, the HTTP port serves HTTPS only.
 */
public final class HttpsOptions {
  @Option(names = "--https-cert", paramLabel = "FILE",
      description = "serve the REST API, event stream and console over HTTPS only, with this certificate chain (PEM, server certificate first) and --https-key")
  Path cert;

  @Option(names = "--https-key", paramLabel = "FILE",
      description = "the private key of --https-cert: EC or RSA, unencrypted PEM (BEGIN PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)")
  Path key;

  @Option(names = "--https-keystore", paramLabel = "FILE.p12",
      description = "serve HTTPS only, with the one key and certificate chain of this PKCS#12 keystore (instead of --https-cert/--https-key)")
  Path keystore;

  @Option(names = "--https-keystore-password", paramLabel = "PASSWORD",
      description = "the password of --https-keystore and of its key (default: $" + HttpsOptions.PASSWORD_ENVIRONMENT
          + ", which keeps it out of the process list; else none)")
  String keystorePassword;

  /** The environment variable read for the keystore password when the option is not given. */
  public static final String PASSWORD_ENVIRONMENT = "LWM2M_HTTPS_KEYSTORE_PASSWORD";

  /** The HTTPS settings the options give, empty for plain HTTP; every mistake is bad input. */
  public Optional<HttpsSettings> settings() {
    if (keystorePassword != null && keystore == null) {
      throw new BadInputException("--https-keystore-password goes with --https-keystore");
    }
    if (keystore != null) {
      if (cert != null || key != null) {
        throw new BadInputException("choose --https-keystore or --https-cert with --https-key, not both");
      }
      return Optional.of(fromKeystore());
    }
    if (cert == null && key == null) {
      return Optional.empty();
    }
    if (cert == null || key == null) {
      throw new BadInputException("--https-cert and --https-key go together: give the certificate and its private key");
    }
    try {
      return Optional.of(HttpsSettings.of(PemFiles.tlsPrivateKey(key, "--https-key"), PemFiles.certificates(cert, "--https-cert")));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--https-key " + key + " and --https-cert " + cert + ": " + e.getMessage(), e);
    }
  }

  private HttpsSettings fromKeystore() {
    String given = keystorePassword != null ? keystorePassword : System.getenv(PASSWORD_ENVIRONMENT);
    char[] password = given == null ? new char[0] : given.toCharArray();
    KeyStore store;
    try (InputStream in = new ByteArrayInputStream(PemFiles.read(keystore, "--https-keystore"))) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (IOException e) {
      // the JDK reports a wrong password as an IOException caused by an UnrecoverableKeyException
      if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
        throw new BadInputException("--https-keystore-password does not open " + keystore, e);
      }
      throw new BadInputException("--https-keystore: cannot read " + keystore + " as PKCS#12: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new BadInputException("--https-keystore: cannot read " + keystore + " as PKCS#12: " + e.getMessage(), e);
    }
    try {
      return HttpsSettings.fromKeyStore(store, password);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--https-keystore " + keystore + ": " + e.getMessage(), e);
    }
  }
}
