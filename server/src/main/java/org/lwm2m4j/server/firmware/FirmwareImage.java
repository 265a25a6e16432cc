package org.lwm2m4j.server.firmware;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A firmware package the server can send to devices. Its id is the first 16 hex digits of its
 * SHA-256, so the same bytes uploaded twice are one image and a Package URI names its content.
 *
 * @param id short id, the SHA-256 prefix
 * @param name what the uploader called it
 * @param sha256 the full SHA-256 in lower-case hex
 */
public record FirmwareImage(String id, String name, String sha256, byte[] bytes) {
  static final int ID_LENGTH = 16;

  public FirmwareImage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(bytes, "bytes");
  }

  /** The image of {@code bytes} named {@code name}, its id and hash computed. */
  public static FirmwareImage of(String name, byte[] bytes) {
    String sha256 = sha256(bytes);
    return new FirmwareImage(sha256.substring(0, ID_LENGTH), name, sha256, bytes.clone());
  }

  /** The size in bytes. */
  public int size() {
    return bytes.length;
  }

  /** The bytes; the array is shared, callers must not change it (copying megabytes per download would be waste). */
  @Override
  public byte[] bytes() {
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FirmwareImage image && image.sha256.equals(sha256) && image.name.equals(name);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  @Override
  public String toString() {
    return "FirmwareImage[" + id + " " + name + ", " + bytes.length + " bytes]";
  }
}
