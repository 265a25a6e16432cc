package org.lwm2m4j.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.app.rest.HttpsSettings;
import org.lwm2m4j.transport.dtls.TestCredentials;
import picocli.CommandLine;

/**
 * What {@code --https-*} make of PEM files and PKCS#12 keystores, and that every mistake in them is
 * one line for the user and exit status 2 before anything listens.
 */
class HttpsOptionsTest {
  private static final Path CREDENTIALS = TestCredentials.directory();
  private static final Path TRADITIONAL = Path.of("src/test/resources/https");

  @TempDir
  Path dir;

  private static HttpsOptions parsed(String... args) {
    HttpsOptions options = new HttpsOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }

  private static String pem(String name) {
    return CREDENTIALS.resolve(name).toString();
  }

  /** A PKCS#12 file holding only the test CA's server key and chain, as keytool would write it. */
  private Path serverKeystore(String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", TestCredentials.privateKey("server"), password.toCharArray(),
        TestCredentials.chain("server").toArray(new Certificate[0]));
    Path file = dir.resolve("server.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  @Test
  void withoutOptionsTheApiStaysOnPlainHttp() {
    assertThat(parsed().settings()).isEmpty();
  }

  @Test
  void readsAPemChainWithItsPkcs8Key() throws Exception {
    HttpsSettings settings = parsed("--https-cert", pem("server.pem"), "--https-key", pem("server-key.pem")).settings().orElseThrow();
    assertThat(settings.chain().get(0)).isEqualTo(TestCredentials.chain("server").get(0));
    assertThat(settings.key().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void readsOpensslTraditionalEcAndRsaKeys() {
    for (String kind : List.of("ec", "rsa")) {
      HttpsSettings settings = parsed("--https-cert", TRADITIONAL.resolve(kind + "-traditional-cert.pem").toString(),
          "--https-key", TRADITIONAL.resolve(kind + "-traditional-key.pem").toString()).settings().orElseThrow();
      assertThat(settings.key().getAlgorithm()).as(kind).isEqualTo(kind.toUpperCase());
    }
  }

  @Test
  void readsTheOneKeyOfAPkcs12Keystore() throws Exception {
    Path keystore = serverKeystore("changeit");
    HttpsSettings settings = parsed("--https-keystore", keystore.toString(), "--https-keystore-password", "changeit").settings().orElseThrow();
    assertThat(settings.chain()).isEqualTo(TestCredentials.chain("server"));
  }

  @Test
  void aWrongKeystorePasswordIsTheUsersToFix() throws Exception {
    Path keystore = serverKeystore("changeit");
    assertThatThrownBy(() -> parsed("--https-keystore", keystore.toString(), "--https-keystore-password", "wrong").settings())
        .isInstanceOf(BadInputException.class).hasMessageContaining("--https-keystore-password");
  }

  @Test
  void aKeystoreWithSeveralKeysIsRefusedNamingThem() {
    // the test credentials' keystore holds the CA, the server and several clients
    assertThatThrownBy(() -> parsed("--https-keystore", pem("credentials.p12"), "--https-keystore-password", "secret").settings())
        .isInstanceOf(BadInputException.class).hasMessageContaining("exactly one").hasMessageContaining("server");
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    assertThatThrownBy(() -> parsed("--https-cert", pem("server.pem"), "--https-key", pem("client-key.pem")).settings())
        .isInstanceOf(BadInputException.class).hasMessageContaining("does not belong to the certificate");
    // an RSA key with an EC certificate
    assertThatThrownBy(() -> parsed("--https-cert", pem("server.pem"), "--https-key", TRADITIONAL.resolve("rsa-traditional-key.pem").toString())
        .settings()).isInstanceOf(BadInputException.class).hasMessageContaining("does not belong to the certificate");
  }

  @Test
  void aCertificateWithoutItsKeyIsRefused() {
    assertThatThrownBy(() -> parsed("--https-cert", pem("server.pem")).settings())
        .isInstanceOf(BadInputException.class).hasMessageContaining("--https-key");
    assertThatThrownBy(() -> parsed("--https-keystore-password", "x").settings())
        .isInstanceOf(BadInputException.class).hasMessageContaining("--https-keystore");
  }

  @Test
  void anUnreadableFileIsNamed() {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> parsed("--https-cert", pem("server.pem"), "--https-key", missing.toString()).settings())
        .isInstanceOf(BadInputException.class).hasMessage("--https-key: " + missing + " does not exist");
    assertThatThrownBy(() -> parsed("--https-keystore", missing.toString()).settings())
        .isInstanceOf(BadInputException.class).hasMessage("--https-keystore: " + missing + " does not exist");
    // a certificate where the key should be
    assertThatThrownBy(() -> parsed("--https-cert", pem("server.pem"), "--https-key", pem("server.pem")).settings())
        .isInstanceOf(BadInputException.class).hasMessageContaining("--https-key");
  }

  @Test
  void bothServersStopWithOneLineAndStatus2OnABadKey() {
    for (String command : List.of("server", "bootstrap-server")) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int status = Main.run(new String[] {command, "--store", "memory", "--coap-port", "0", "--coaps-port", "-1", "--http-port", "0",
          "--http-address", "127.0.0.1", "--coap-address", "127.0.0.1",
          "--https-cert", pem("server.pem"), "--https-key", pem("client-key.pem")}, new PrintWriter(out, true), new PrintWriter(err, true));
      assertThat(status).as(command).isEqualTo(2);
      assertThat(err.toString().strip()).as(command).doesNotContain("\n").contains("--https-key").contains("does not belong");
    }
  }
}
