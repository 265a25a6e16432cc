package org.lwm2m4j.server.observation;

import java.util.Arrays;
import java.util.HexFormat;

/** A CoAP token (0..8 bytes), the key that ties notifications to their observation. Immutable. */
public final class Token {
  private final byte[] bytes;

  private Token(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * @throws IllegalArgumentException if longer than 8 bytes (RFC 7252 §5.3.1)
   */
  public static Token of(byte[] bytes) {
    if (bytes.length > 8) {
      throw new IllegalArgumentException("a CoAP token has at most 8 bytes, got " + bytes.length);
    }
    return new Token(bytes.clone());
  }

  public static Token fromHex(String hex) {
    return of(HexFormat.of().parseHex(hex));
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Token other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Lower-case hex. */
  @Override
  public String toString() {
    return HexFormat.of().formatHex(bytes);
  }
}
