package org.lwm2m4j.core.codec;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A strict pull reader over one CBOR payload (RFC 8949), for the multi-value CBOR formats. It is
 * hand-written rather than Jackson's {@code CBORParser} because that parser silently repairs
 * invalid UTF-8 in text strings and reads bignum tags as two's complement, where a 4.00 is due.
 *
 * <p>Every declared length is checked against the bytes that remain before anything is
 * allocated, so a header claiming gigabytes costs nothing. The reader does not recurse; callers
 * that nest bound their own depth. Failures are {@link CodecException}s carrying the byte offset.
 * Not thread-safe; one reader per payload.
 */
public final class CborReader {
  /** Major types. */
  public static final int UNSIGNED = 0;
  public static final int NEGATIVE = 1;
  public static final int BYTES = 2;
  public static final int TEXT = 3;
  public static final int ARRAY = 4;
  public static final int MAP = 5;
  public static final int TAG = 6;
  public static final int SIMPLE = 7;

  /** Returned by {@link #readArrayStart()} and {@link #readMapStart()} for an indefinite length. */
  public static final long INDEFINITE = -1;

  private static final int TAG_DECIMAL_FRACTION = 4;

  private final byte[] payload;
  private final String format;
  private int offset;

  /**
   * @param format the content format's name, used at the start of every error message
   */
  public CborReader(byte[] payload, String format) {
    this.payload = payload;
    this.format = format;
  }

  /** Where the next item starts. */
  public int offset() {
    return offset;
  }

  public boolean atEnd() {
    return offset >= payload.length;
  }

  /** @throws CodecException if bytes remain after the last item */
  public void expectEnd() {
    if (offset != payload.length) {
      throw error("trailing data after the " + format + " payload", offset);
    }
  }

  /** The major type of the next item, without consuming it. */
  public int peekMajor() {
    return initial() >>> 5;
  }

  /** Whether the next byte is the "break" that ends an indefinite-length array or map. */
  public boolean peekBreak() {
    return initial() == 0xFF;
  }

  /** Consumes a "break". */
  public void readBreak() {
    if (!peekBreak()) {
      throw error("expected the end of an indefinite-length item", offset);
    }
    offset++;
  }

  /** Whether the next item is the simple value null. */
  public boolean peekNull() {
    return initial() == 0xF6;
  }

  /** Consumes a null. */
  public void readNull() {
    if (!peekNull()) {
      throw error("expected null", offset);
    }
    offset++;
  }

  /** The element count of an array, or {@link #INDEFINITE}. */
  public long readArrayStart() {
    return readContainerStart(ARRAY, "an array");
  }

  /** The entry count of a map, or {@link #INDEFINITE}. */
  public long readMapStart() {
    return readContainerStart(MAP, "a map");
  }

  private long readContainerStart(int major, String what) {
    int start = offset;
    if (peekMajor() != major) {
      throw error("expected " + what + ", found " + describe(peekMajor()), start);
    }
    if ((initial() & 0x1F) == 31) {
      offset++;
      return INDEFINITE;
    }
    long count = readArgument();
    // Every element takes at least one byte, a map entry two: a larger count cannot be honest.
    long minimum = major == MAP ? 2 : 1;
    if (count < 0 || count > (payload.length - offset) / minimum) {
      throw error(what + " declares " + Long.toUnsignedString(count) + " elements but only "
          + (payload.length - offset) + " bytes remain", start);
    }
    return count;
  }

  /** A text string, definite or chunked, as strictly decoded UTF-8. */
  public String readText() {
    int start = offset;
    if (peekMajor() != TEXT) {
      throw error("expected a text string, found " + describe(peekMajor()), start);
    }
    if ((initial() & 0x1F) != 31) {
      int length = readLength("text string", start);
      String text = Utf8.decode(payload, offset, length, offset);
      offset += length;
      return text;
    }
    offset++;
    StringBuilder chunks = new StringBuilder();
    while (!peekBreak()) {
      if (peekMajor() != TEXT || (initial() & 0x1F) == 31) {
        throw error("a chunked text string may only hold definite text strings", offset);
      }
      int chunkStart = offset;
      int length = readLength("text string chunk", chunkStart);
      chunks.append(Utf8.decode(payload, offset, length, offset));
      offset += length;
    }
    offset++;
    return chunks.toString();
  }

  /** A byte string, definite or chunked. */
  public byte[] readBytes() {
    int start = offset;
    if (peekMajor() != BYTES) {
      throw error("expected a byte string, found " + describe(peekMajor()), start);
    }
    if ((initial() & 0x1F) != 31) {
      int length = readLength("byte string", start);
      byte[] bytes = java.util.Arrays.copyOfRange(payload, offset, offset + length);
      offset += length;
      return bytes;
    }
    offset++;
    java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
    while (!peekBreak()) {
      if (peekMajor() != BYTES || (initial() & 0x1F) == 31) {
        throw error("a chunked byte string may only hold definite byte strings", offset);
      }
      int length = readLength("byte string chunk", offset);
      chunks.write(payload, offset, length);
      offset += length;
    }
    offset++;
    return chunks.toByteArray();
  }

  /** true or false. */
  public boolean readBoolean() {
    int b = initial();
    if (b == 0xF4 || b == 0xF5) {
      offset++;
      return b == 0xF5;
    }
    throw error("expected true or false, found " + describe(b >>> 5), offset);
  }

  /**
   * A number: an integer ({@link Long}, or {@link BigInteger} beyond the long range), a half,
   * single or double float ({@link Double}), or a decimal fraction, tag 4 ({@link BigDecimal}).
   * An epoch-time tag 1 before a number is accepted and dropped.
   */
  public Number readNumber() {
    int start = offset;
    int major = peekMajor();
    if (major == TAG) {
      long tag = readArgument();
      if (tag == 1) {
        if (peekMajor() == TAG) {
          throw error("a tagged number may carry only one tag", offset);
        }
        return readNumber();
      }
      if (tag == TAG_DECIMAL_FRACTION) {
        return readDecimalFraction(start);
      }
      throw error("CBOR tag " + Long.toUnsignedString(tag) + " is not accepted before a number", start);
    }
    if (major == UNSIGNED || major == NEGATIVE) {
      return readInteger();
    }
    int b = initial();
    if (b == 0xF9) {
      need(2, start);
      int bits = ((payload[offset + 1] & 0xFF) << 8) | (payload[offset + 2] & 0xFF);
      offset += 3;
      return (double) halfToFloat(bits);
    }
    if (b == 0xFA) {
      need(4, start);
      int bits = (int) bigEndian(offset + 1, 4);
      offset += 5;
      return (double) Float.intBitsToFloat(bits);
    }
    if (b == 0xFB) {
      need(8, start);
      long bits = bigEndian(offset + 1, 8);
      offset += 9;
      return Double.longBitsToDouble(bits);
    }
    throw error("expected a number, found " + describe(major), start);
  }

  private Number readInteger() {
    int major = peekMajor();
    long argument = readArgument();
    if (major == UNSIGNED) {
      return argument >= 0 ? (Number) argument : new BigInteger(Long.toUnsignedString(argument));
    }
    // -1 - argument, which leaves the long range when the argument's top bit is set.
    return argument >= 0 ? (Number) (-1 - argument) : BigInteger.ONE.negate().subtract(new BigInteger(Long.toUnsignedString(argument)));
  }

  private BigDecimal readDecimalFraction(int start) {
    long count = readArrayStart();
    if (count != 2) {
      throw error("a decimal fraction (tag 4) is a definite array of exponent and mantissa", start);
    }
    if (peekMajor() != UNSIGNED && peekMajor() != NEGATIVE) {
      throw error("the exponent of a decimal fraction must be an integer", offset);
    }
    Number exponent = readInteger();
    if (!(exponent instanceof Long e) || e < -1_000_000 || e > 1_000_000) {
      throw error("the exponent of a decimal fraction is out of range", start);
    }
    if (peekMajor() != UNSIGNED && peekMajor() != NEGATIVE) {
      throw error("the mantissa of a decimal fraction must be an integer (bignums are not accepted)", offset);
    }
    Number mantissa = readInteger();
    BigInteger unscaled = mantissa instanceof BigInteger big ? big : BigInteger.valueOf(mantissa.longValue());
    return new BigDecimal(unscaled, (int) -e);
  }

  /**
   * Skips one scalar item (number, string, simple value). Containers and tags other than those a
   * number may carry are refused, so a skipped field can never hide a nesting bomb.
   */
  public void skipScalar() {
    int major = peekMajor();
    switch (major) {
      case UNSIGNED, NEGATIVE, TAG -> readNumber();
      case BYTES -> readBytes();
      case TEXT -> readText();
      case SIMPLE -> {
        int b = initial();
        if (b >= 0xF4 && b <= 0xF7) {
          offset++;
        } else {
          readNumber();
        }
      }
      default -> throw error("expected a single value, found " + describe(major), offset);
    }
  }

  /** A failure at {@code at}, prefixed with the format name. */
  public CodecException error(String message, long at) {
    return new CodecException(format + ": " + message, at);
  }

  private int readLength(String what, int start) {
    long length = readArgument();
    if (length < 0 || length > payload.length - offset) {
      throw error(what + " declares " + Long.toUnsignedString(length) + " bytes but only "
          + (payload.length - offset) + " remain", start);
    }
    return (int) length;
  }

  /** Reads the head of the next item and returns its argument (as 64 unsigned bits). */
  private long readArgument() {
    int start = offset;
    int additional = initial() & 0x1F;
    if (additional < 24) {
      offset++;
      return additional;
    }
    if (additional > 27) {
      throw error("reserved or misplaced additional information " + additional, start);
    }
    int size = 1 << (additional - 24);
    need(size, start);
    long value = bigEndian(offset + 1, size);
    offset += 1 + size;
    return value;
  }

  private int initial() {
    if (offset >= payload.length) {
      throw error("payload ends where a data item should start", offset);
    }
    return payload[offset] & 0xFF;
  }

  private void need(int bytes, int start) {
    if (bytes > payload.length - offset - 1) {
      throw error("payload ends inside a data item", start);
    }
  }

  private long bigEndian(int from, int size) {
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (payload[from + i] & 0xFF);
    }
    return value;
  }

  /** IEEE 754 binary16 to binary32 (Java 17 has no Float.float16ToFloat). */
  static float halfToFloat(int bits) {
    int sign = (bits & 0x8000) << 16;
    int exponent = (bits >>> 10) & 0x1F;
    int mantissa = bits & 0x3FF;
    if (exponent == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }

  private static String describe(int major) {
    return switch (major) {
      case UNSIGNED, NEGATIVE -> "an integer";
      case BYTES -> "a byte string";
      case TEXT -> "a text string";
      case ARRAY -> "an array";
      case MAP -> "a map";
      case TAG -> "a tag";
      default -> "a simple value or float";
    };
  }
}
