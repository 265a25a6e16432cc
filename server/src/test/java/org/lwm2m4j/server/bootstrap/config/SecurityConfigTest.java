package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.transport.dtls.TestCredentials;

class SecurityConfigTest {
  @Test
  void pskFillsIdentityAndSecretKeyAndLeavesServerKeyEmpty() {
    SecurityConfig.Psk psk = TestConfigs.psk();

    assertThat(psk.securityMode()).isEqualTo(0);
    assertThat(psk.publicKeyOrIdentity()).isEqualTo("dev1".getBytes(StandardCharsets.UTF_8));
    assertThat(psk.serverPublicKey()).isEmpty();
    assertThat(psk.secretKey()).isEqualTo(TestConfigs.PSK_KEY);
  }

  @Test
  void pskKeyIsCopiedComparedByContentAndHiddenFromToString() {
    byte[] key = TestConfigs.PSK_KEY.clone();
    SecurityConfig.Psk psk = new SecurityConfig.Psk("dev1", key);
    key[0] = 42;
    psk.key()[1] = 42;

    assertThat(psk).isEqualTo(TestConfigs.psk()).hasSameHashCodeAs(TestConfigs.psk());
    assertThat(psk.toString()).contains("dev1", "16 bytes").doesNotContain("0011", "[0, 17");
  }

  @Test
  void pskWithoutIdentityOrKeyOrTooLongIsRefusedNamingTheField() {
    assertThatThrownBy(() -> new SecurityConfig.Psk("", TestConfigs.PSK_KEY))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("identity is empty");
    assertThatThrownBy(() -> new SecurityConfig.Psk("x".repeat(129), TestConfigs.PSK_KEY))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("identity is 129 bytes");
    assertThatThrownBy(() -> new SecurityConfig.Psk("dev1", new byte[0]))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("key is empty");
    assertThatThrownBy(() -> new SecurityConfig.Psk("dev1", new byte[65]))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("key is 65 bytes");
  }

  @Test
  void noSecWritesEmptyCredentials() {
    SecurityConfig noSec = new SecurityConfig.NoSec();

    assertThat(noSec.securityMode()).isEqualTo(3);
    assertThat(noSec.publicKeyOrIdentity()).isEmpty();
    assertThat(noSec.serverPublicKey()).isEmpty();
    assertThat(noSec.secretKey()).isEmpty();
  }

  @Test
  void rpkCarriesTheClientKeyPairAndTheServerKey() throws Exception {
    KeyPair client = TestCredentials.newKeyPair();
    KeyPair server = TestCredentials.newKeyPair();
    SecurityConfig.Rpk rpk = new SecurityConfig.Rpk(client.getPublic().getEncoded(), client.getPrivate().getEncoded(),
        server.getPublic().getEncoded());

    assertThat(rpk.securityMode()).isEqualTo(1);
    assertThat(rpk.publicKeyOrIdentity()).isEqualTo(client.getPublic().getEncoded());
    assertThat(rpk.serverPublicKey()).isEqualTo(server.getPublic().getEncoded());
    assertThat(rpk.secretKey()).isEqualTo(client.getPrivate().getEncoded());
    assertThat(rpk.toString()).contains("hidden");
  }

  @Test
  void rpkWithAPrivateKeyOfAnotherPairIsRefused() throws Exception {
    KeyPair client = TestCredentials.newKeyPair();
    KeyPair other = TestCredentials.newKeyPair();

    assertThatThrownBy(() -> new SecurityConfig.Rpk(client.getPublic().getEncoded(), other.getPrivate().getEncoded(),
        other.getPublic().getEncoded()))
        .isInstanceOf(InvalidRequestException.class).hasMessage("privateKey does not belong to publicKey; give the private key of the same key pair");
  }

  @Test
  void rpkWithGarbageOrNonEcKeysIsRefusedNamingTheField() throws Exception {
    KeyPair client = TestCredentials.newKeyPair();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair rsaPair = rsa.generateKeyPair();

    assertThatThrownBy(() -> new SecurityConfig.Rpk(new byte[] {1, 2, 3}, client.getPrivate().getEncoded(),
        client.getPublic().getEncoded()))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("publicKey: ");
    assertThatThrownBy(() -> new SecurityConfig.Rpk(client.getPublic().getEncoded(), client.getPrivate().getEncoded(),
        rsaPair.getPublic().getEncoded()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("serverPublicKey").hasMessageContaining("RSA");
    assertThatThrownBy(() -> new SecurityConfig.Rpk(client.getPublic().getEncoded(), new byte[0],
        client.getPublic().getEncoded()))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("privateKey is empty");
  }

  @Test
  void x509CarriesCertificatesKeyAndUsage() throws Exception {
    SecurityConfig.X509 x509 = TestConfigs.x509(1);

    assertThat(x509.securityMode()).isEqualTo(2);
    assertThat(x509.publicKeyOrIdentity()).isEqualTo(TestCredentials.chain("client").get(0).getEncoded());
    assertThat(x509.serverPublicKey()).isEqualTo(TestCredentials.ca().getEncoded());
    assertThat(x509.secretKey()).isEqualTo(TestCredentials.privateKey("client").getEncoded());
    assertThat(x509.certificateUsage()).isEqualTo(1);
    assertThat(x509).isEqualTo(TestConfigs.x509(1)).isNotEqualTo(TestConfigs.x509(3));
  }

  @Test
  void x509DefaultsToDomainIssuedCertificate() throws Exception {
    SecurityConfig.X509 x509 = new SecurityConfig.X509(TestCredentials.chain("client").get(0).getEncoded(),
        TestCredentials.privateKey("client").getEncoded(), TestCredentials.ca().getEncoded());

    assertThat(x509.certificateUsage()).isEqualTo(3);
  }

  @Test
  void x509WithTheServersKeyOrABadUsageOrABrokenCertificateIsRefused() throws Exception {
    byte[] certificate = TestCredentials.chain("client").get(0).getEncoded();
    byte[] key = TestCredentials.privateKey("client").getEncoded();
    byte[] ca = TestCredentials.ca().getEncoded();

    assertThatThrownBy(() -> new SecurityConfig.X509(certificate, TestCredentials.privateKey("server").getEncoded(), ca, 3))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("privateKey does not belong to certificate");
    assertThatThrownBy(() -> new SecurityConfig.X509(certificate, key, ca, 4))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("certificateUsage 4 is outside 0..3");
    assertThatThrownBy(() -> new SecurityConfig.X509(certificate, key, new byte[] {0x30, 0x03, 1, 2, 3}, 3))
        .isInstanceOf(InvalidRequestException.class).hasMessage("serverCertificate is not a DER X.509 certificate");
  }
}
