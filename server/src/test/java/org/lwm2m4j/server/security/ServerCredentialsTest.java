package org.lwm2m4j.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerCredentialsTest {

  @Test
  void noneHasNothingToShow() {
    ServerCredentials none = ServerCredentials.none();
    assertThat(none.publicKey()).isEmpty();
    assertThat(none.certificateChain()).isEmpty();
    assertThat(none.certificateChainPem()).isEmpty();
  }

  @Test
  void aChainsPublicKeyIsTheEndEntitysKey() {
    X509Certificate leaf = TestKeys.certificate(TestKeys.DEV_CN_CERTIFICATE);
    ServerCredentials credentials = ServerCredentials.ofCertificateChain(List.of(leaf));
    assertThat(credentials.publicKey()).contains(leaf.getPublicKey());
  }

  @Test
  void theChainIsWrittenAsPemEndEntityFirstAndParsesBack() {
    X509Certificate leaf = TestKeys.certificate(TestKeys.DEV_CN_CERTIFICATE);
    X509Certificate other = TestKeys.certificate(TestKeys.OTHER_CERTIFICATE);
    String pem = ServerCredentials.ofCertificateChain(List.of(leaf, other)).certificateChainPem().orElseThrow();
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
    assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(3);
    assertThat(pem).isEqualTo(TestKeys.DEV_CN_CERTIFICATE + TestKeys.OTHER_CERTIFICATE);
    assertThat(TestKeys.certificate(pem)).isEqualTo(leaf);
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() {
    X509Certificate leaf = TestKeys.certificate(TestKeys.DEV_CN_CERTIFICATE);
    assertThatThrownBy(() -> new ServerCredentials(Optional.of(TestKeys.p256()), List.of(leaf)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerCredentials.ofCertificateChain(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRawPublicKeyAloneHasNoCertificate() {
    ServerCredentials rpk = ServerCredentials.ofPublicKey(TestKeys.p256());
    assertThat(rpk.publicKey()).isPresent();
    assertThat(rpk.certificateChainPem()).isEmpty();
  }
}
