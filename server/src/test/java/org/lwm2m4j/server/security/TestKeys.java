package org.lwm2m4j.server.security;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;

/** Keys and certificates for the security tests: fresh key pairs, and certificates made once with openssl. */
final class TestKeys {
  /** EC P-256, self-signed, subject {@code O=lwm2m4j test, CN=dev-cn}, SAN {@code DNS:dev-dns.example, URI:urn:imei:490154203237518}. */
  static final String DEV_CN_CERTIFICATE = """
      -----BEGIN CERTIFICATE-----
      MIIB3zCCAYWgAwIBAgIUIP6jhuEkEE2NAqgnAoc/NTWeSbYwCgYIKoZIzj0EAwIw
      KDEVMBMGA1UECgwMbHdtMm00aiB0ZXN0MQ8wDQYDVQQDDAZkZXYtY24wIBcNMjYx
      MjAyMTMwNjMxWhgPMjEyNjExMDgxMzA2MzFaMCgxFTATBgNVBAoMDGx3bTJtNGog
      dGVzdDEPMA0GA1UEAwwGZGV2LWNuMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
      QJjzHfoOLQWVXbOs+HX5zaJVoqDD0wu2aZ4GfIWKmQScv+DMlC4CvJVVYAxuh6WK
      5zBH5dNXxJF6BhfTxco+86OBijCBhzAdBgNVHQ4EFgQUi5NWyHI5KDQ3nbildmrP
      VpmPGxkwHwYDVR0jBBgwFoAUi5NWyHI5KDQ3nbildmrPVpmPGxkwDwYDVR0TAQH/
      BAUwAwEB/zA0BgNVHREELTArgg9kZXYtZG5zLmV4YW1wbGWGGHVybjppbWVpOjQ5
      MDE1NDIwMzIzNzUxODAKBggqhkjOPQQDAgNIADBFAiBeoby9AMREdKmfpXREW1st
      pUYsc4n3Xaaqj3DP+nZyFgIhANFHwSdwaEUqPTUqYbRe4ASCn6+rvdGr1JAhMsV7
      a60n
      -----END CERTIFICATE-----
      """;

  /** EC P-256, self-signed, subject {@code CN=other}, no SAN. */
  static final String OTHER_CERTIFICATE = """
      -----BEGIN CERTIFICATE-----
      MIIBdjCCAR2gAwIBAgIUJyUc+4pFOdI/CMpPF/8yLovYZf4wCgYIKoZIzj0EAwIw
      EDEOMAwGA1UEAwwFb3RoZXIwIBcNMjYxMjAyMTMwNjMxWhgPMjEyNjExMDgxMzA2
      MzFaMBAxDjAMBgNVBAMMBW90aGVyMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
      T7A32sRF6rLqD2GGPb35ePiJsvp4raWg1X7REOLLfq8E/tuDzrjQl98bmXlNE8gs
      nIIi+mVHLpTS8c0QqUe0faNTMFEwHQYDVR0OBBYEFNPDxM0eFpGSkQmFJcEHp1A5
      HWz9MB8GA1UdIwQYMBaAFNPDxM0eFpGSkQmFJcEHp1A5HWz9MA8GA1UdEwEB/wQF
      MAMBAf8wCgYIKoZIzj0EAwIDRwAwRAIgB5egmJTM3t7D3P/fO8MbmmHlqWDAM1Vf
      XV2VgMDKWJwCIGPVpSDeGZZC7HmzDuw9nXvBFcTfJ7MMyewy78AAfn0N
      -----END CERTIFICATE-----
      """;

  private TestKeys() {}

  static PublicKey ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static PublicKey p256() {
    return ec("secp256r1");
  }

  static PublicKey rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(1024);
      return generator.generateKeyPair().getPublic();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate certificate(String pem) {
    try {
      return (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
