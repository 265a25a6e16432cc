package org.lwm2m4j.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.InvalidRequestException;

class SecurityInfoTest {
  private static final byte[] KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

  @Test
  void pskKeepsItsOwnCopyOfTheKey() {
    byte[] key = KEY.clone();
    PskSecurity psk = new PskSecurity("dev1", "dev1", key);
    key[0] = 42;
    assertThat(psk.key()).isEqualTo(KEY);
    psk.key()[1] = 42;
    assertThat(psk.key()).isEqualTo(KEY);
  }

  @Test
  void pskEqualsByKeyContent() {
    assertThat(new PskSecurity("dev1", "id", KEY.clone())).isEqualTo(new PskSecurity("dev1", "id", KEY.clone()))
        .hasSameHashCodeAs(new PskSecurity("dev1", "id", KEY.clone()));
    assertThat(new PskSecurity("dev1", "id", KEY)).isNotEqualTo(new PskSecurity("dev1", "id", new byte[] {1}));
    assertThat(new PskSecurity("dev1", "id", KEY)).isNotEqualTo(new PskSecurity("dev1", "id2", KEY));
  }

  @Test
  void pskToStringNeverShowsTheKey() {
    String text = new PskSecurity("dev1", "id", KEY).toString();
    assertThat(text).contains("dev1", "id", "16 bytes").doesNotContain("000102", "[0, 1", "AAEC");
  }

  @Test
  void pskIdentityMayBe128BytesOfUtf8ButNotMore() {
    String identity128 = "é".repeat(64);
    assertThat(identity128.getBytes(StandardCharsets.UTF_8)).hasSize(128);
    assertThat(new PskSecurity("dev1", identity128, KEY).identity()).isEqualTo(identity128);
    assertThatThrownBy(() -> new PskSecurity("dev1", identity128 + "x", KEY))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("129 bytes").hasMessageContaining("128");
  }

  @Test
  void pskIdentityMustNotBeEmptyOrBrokenUnicode() {
    assertThatThrownBy(() -> new PskSecurity("dev1", "", KEY))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("identity must not be empty");
    assertThatThrownBy(() -> new PskSecurity("dev1", "a\uD800b", KEY))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("surrogate");
  }

  @Test
  void pskKeyIsOneTo64Bytes() {
    assertThat(new PskSecurity("dev1", "id", new byte[1]).key()).hasSize(1);
    assertThat(new PskSecurity("dev1", "id", new byte[64]).key()).hasSize(64);
    assertThatThrownBy(() -> new PskSecurity("dev1", "id", new byte[0]))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("must not be empty");
    assertThatThrownBy(() -> new PskSecurity("dev1", "id", new byte[65]))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("65 bytes").hasMessageContaining("64");
  }

  @Test
  void everyModeNeedsAnEndpointName() {
    assertThatThrownBy(() -> new PskSecurity("", "id", KEY))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("endpoint name must not be empty");
    assertThatThrownBy(() -> new RpkSecurity("", TestKeys.p256()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("endpoint name must not be empty");
    assertThatThrownBy(() -> new X509Security(""))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("endpoint name must not be empty");
  }

  @Test
  void rpkNeedsAnEcKeyOnSecp256r1() {
    assertThat(new RpkSecurity("dev1", TestKeys.p256()).mode()).isEqualTo("rpk");
    assertThatThrownBy(() -> new RpkSecurity("dev1", TestKeys.ec("secp384r1")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("secp256r1");
    assertThatThrownBy(() -> new RpkSecurity("dev1", TestKeys.rsa()))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("RSA").hasMessageContaining("secp256r1");
  }

  @Test
  void rpkMatchesTheSameKeyDecodedAgain() {
    PublicKey key = TestKeys.p256();
    RpkSecurity rpk = new RpkSecurity("dev1", key);
    PublicKey decoded = PublicKeys.decode(PublicKeys.encode(key));
    assertThat(rpk.matches(decoded)).isTrue();
    assertThat(rpk).isEqualTo(new RpkSecurity("dev1", decoded)).hasSameHashCodeAs(new RpkSecurity("dev1", decoded));
    assertThat(rpk.matches(TestKeys.p256())).isFalse();
  }

  @Test
  void x509MatchesTheSubjectCommonName() {
    assertThat(new X509Security("dev-cn").matches(TestKeys.certificate(TestKeys.DEV_CN_CERTIFICATE))).isTrue();
    assertThat(new X509Security("other").matches(TestKeys.certificate(TestKeys.OTHER_CERTIFICATE))).isTrue();
  }

  @Test
  void x509MatchesASubjectAlternativeName() {
    var certificate = TestKeys.certificate(TestKeys.DEV_CN_CERTIFICATE);
    assertThat(new X509Security("dev-dns.example").matches(certificate)).isTrue();
    assertThat(new X509Security("urn:imei:490154203237518").matches(certificate)).isTrue();
  }

  @Test
  void x509DoesNotMatchOtherNamesOrOtherAttributes() {
    var certificate = TestKeys.certificate(TestKeys.DEV_CN_CERTIFICATE);
    assertThat(new X509Security("lwm2m4j test").matches(certificate)).isFalse();
    assertThat(new X509Security("DEV-CN").matches(certificate)).isFalse();
    assertThat(new X509Security("dev-c").matches(certificate)).isFalse();
    assertThat(new X509Security("dev-cn").matches(TestKeys.certificate(TestKeys.OTHER_CERTIFICATE))).isFalse();
  }

  @Test
  void modesAreNamedAsTheRestApiSpellsThem() {
    assertThat(new PskSecurity("d", "i", KEY).mode()).isEqualTo("psk");
    assertThat(new X509Security("d").mode()).isEqualTo("x509");
  }
}
