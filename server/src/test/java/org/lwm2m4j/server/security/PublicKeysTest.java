package org.lwm2m4j.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;

class PublicKeysTest {

  @Test
  void anEcKeyRoundTripsThroughBase64Der() {
    PublicKey key = TestKeys.p256();
    String base64 = PublicKeys.encode(key);
    assertThat(Base64.getDecoder().decode(base64)).hasSize(91); // SPKI of an uncompressed P-256 point
    PublicKey decoded = PublicKeys.decode(base64);
    assertThat(decoded.getEncoded()).isEqualTo(key.getEncoded());
    assertThat(PublicKeys.encode(decoded)).isEqualTo(base64);
    assertThat(PublicKeys.isSecp256r1(decoded)).isTrue();
  }

  @Test
  void whitespaceInTheBase64IsIgnored() {
    PublicKey key = TestKeys.p256();
    String wrapped = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded());
    assertThat(wrapped).contains("\n");
    assertThat(PublicKeys.decode("  " + wrapped + "\n").getEncoded()).isEqualTo(key.getEncoded());
  }

  @Test
  void theCertificatesKeyDecodes() {
    PublicKey key = TestKeys.certificate(TestKeys.DEV_CN_CERTIFICATE).getPublicKey();
    assertThat(PublicKeys.decode(PublicKeys.encode(key))).isEqualTo(key);
  }

  @Test
  void badBase64IsRejected() {
    assertThatThrownBy(() -> PublicKeys.decode("not base64!"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not valid base64");
  }

  @Test
  void emptyInputIsRejected() {
    assertThatThrownBy(() -> PublicKeys.decode(" "))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
    assertThatThrownBy(() -> PublicKeys.decode(new byte[0]))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("empty");
  }

  @Test
  void base64OfSomethingElseIsRejected() {
    assertThatThrownBy(() -> PublicKeys.decode(Base64.getEncoder().encodeToString("hello, key".getBytes())))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not a DER SubjectPublicKeyInfo");
  }

  @Test
  void anRsaKeyIsRejectedByName() {
    assertThatThrownBy(() -> PublicKeys.decode(PublicKeys.encode(TestKeys.rsa())))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("RSA").hasMessageContaining("EC");
  }

  @Test
  void anOversizedKeyIsRejectedBeforeParsing() {
    assertThatThrownBy(() -> PublicKeys.decode(new byte[PublicKeys.MAX_DER_BYTES + 1]))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most");
    assertThatThrownBy(() -> PublicKeys.decode("A".repeat(4000)))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("too long");
  }

  @Test
  void onlySecp256r1IsTheLwm2mCurve() {
    assertThat(PublicKeys.isSecp256r1(TestKeys.ec("secp384r1"))).isFalse();
    assertThat(PublicKeys.isSecp256r1(TestKeys.rsa())).isFalse();
  }
}
