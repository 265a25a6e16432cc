package org.lwm2m4j.app.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.lwm2m4j.app.cli.BadInputException;

/**
 * Reads the key and certificate files the CLI takes: PEM (or DER) certificates, PKCS#8 EC private
 * keys ({@code BEGIN PRIVATE KEY}; for HTTPS also RSA and OpenSSL's traditional forms) and
 * SubjectPublicKeyInfo public keys ({@code BEGIN PUBLIC KEY}).
 * Every failure is bad input naming the file and what to do.
 */
public final class PemFiles {
  private PemFiles() {}

  public static PrivateKey privateKey(Path file, String option) {
    byte[] der = block(file, option, "PRIVATE KEY",
        "convert an EC key with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem");
    try {
      return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new BadInputException(option + ": " + file + " is not a PKCS#8 EC private key: " + e.getMessage(), e);
    }
  }

  /**
   * A private key for TLS (HTTPS): EC or RSA, as PKCS#8 ({@code BEGIN PRIVATE KEY}) or in OpenSSL's
   * traditional {@code BEGIN EC PRIVATE KEY} / {@code BEGIN RSA PRIVATE KEY} forms, unencrypted.
   */
  public static PrivateKey tlsPrivateKey(Path file, String option) {
    String text = new String(read(file, option), StandardCharsets.US_ASCII);
    try {
      if (text.contains("-----BEGIN EC PRIVATE KEY-----")) {
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
            TraditionalKeyFormats.ecToPkcs8(block(file, option, "EC PRIVATE KEY", ""))));
      }
      if (text.contains("-----BEGIN RSA PRIVATE KEY-----")) {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
            TraditionalKeyFormats.rsaToPkcs8(block(file, option, "RSA PRIVATE KEY", ""))));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new BadInputException(option + ": " + file + " holds no readable private key: " + e.getMessage(), e);
    }
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----") || text.contains("Proc-Type: 4,ENCRYPTED")) {
      throw new BadInputException(option + ": " + file + " is encrypted; write it unencrypted with: openssl pkey -in KEY -out KEY.pem");
    }
    byte[] der = block(file, option, "PRIVATE KEY", "give a PEM private key (BEGIN PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY)");
    for (String algorithm : new String[] {"EC", "RSA"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // the other algorithm, then give up
      }
    }
    throw new BadInputException(option + ": " + file + " is not a PKCS#8 EC or RSA private key");
  }

  public static PublicKey publicKey(Path file, String option) {
    byte[] der = block(file, option, "PUBLIC KEY", "export one with: openssl pkey -in KEY -pubout");
    try {
      return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      throw new BadInputException(option + ": " + file + " is not an EC public key: " + e.getMessage(), e);
    }
  }

  /** The certificates in {@code file}, in file order (a chain: end-entity first). */
  public static List<X509Certificate> certificates(Path file, String option) {
    byte[] content = read(file, option);
    List<X509Certificate> list = new ArrayList<>();
    try {
      for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(content))) {
        list.add((X509Certificate) certificate);
      }
    } catch (GeneralSecurityException e) {
      throw new BadInputException(option + ": " + file + " holds no readable certificate: " + e.getMessage(), e);
    }
    if (list.isEmpty()) {
      throw new BadInputException(option + ": " + file + " holds no certificate");
    }
    return list;
  }

  /** The bytes of {@code file}; a missing or unreadable file is bad input that says which. */
  static byte[] read(Path file, String option) {
    try {
      return Files.readAllBytes(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BadInputException(option + ": " + file + " does not exist", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new BadInputException(option + ": cannot read " + file + ": permission denied", e);
    } catch (IOException e) {
      throw new BadInputException(option + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The DER of the first {@code BEGIN label} block, or the file itself if it is not PEM. */
  private static byte[] block(Path file, String option, String label, String hint) {
    byte[] content = read(file, option);
    String text = new String(content, StandardCharsets.US_ASCII);
    String begin = "-----BEGIN " + label + "-----";
    int start = text.indexOf(begin);
    if (start < 0) {
      if (text.contains("-----BEGIN")) {
        throw new BadInputException(option + ": " + file + " has no '" + begin + "' block; " + hint);
      }
      return content;
    }
    int end = text.indexOf("-----END " + label + "-----", start);
    if (end < 0) {
      throw new BadInputException(option + ": " + file + " has an unterminated " + label + " block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(option + ": " + file + " has a " + label + " block that is not Base64", e);
    }
  }
}
