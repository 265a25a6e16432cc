package org.lwm2m4j.core.codec;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A strict pull reader over one CBOR payload (RFC 8949), shared by CBOR (60), SenML CBOR and LwM2M
 * CBOR. It is hand-written rather than Jackson's {@code CBORParser} because that parser silently
 * repairs invalid UTF-8 in text strings and reads bignum tags as two's complement, where a 4.00 is
 * due.
 *
 * <p>What it refuses, always with a {@link CodecException} carrying the byte offset: reserved
 * additional information (28–30), an indefinite length on an integer, tag or simple value, a
 * declared length or count larger than the bytes that remain (checked before anything is
 * allocated, so a header claiming gigabytes costs nothing), a chunk of an indefinite-length string
 * that is not a definite string of the same kind, text that is not strict UTF-8, and a payload that
 * ends inside an item. Heads need not be in their shortest form. The reader does not recurse;
 * callers that nest bound their own depth, and callers decide which tags they accept. Not
 * thread-safe; one reader per payload.
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

  private static final int TAG_EPOCH_TIME = 1;
  private static final int TAG_DECIMAL_FRACTION = 4;
  private static final int INDEFINITE_LENGTH = 31;
  private static final int BREAK = 0xFF;

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
    return initial() == BREAK;
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

  /** Whether the next item is true or false. */
  public boolean peekBoolean() {
    return initial() == 0xF4 || initial() == 0xF5;
  }

  /** Whether the next item is an integer (major type 0 or 1). */
  public boolean peekInteger() {
    return peekMajor() == UNSIGNED || peekMajor() == NEGATIVE;
  }

  /** Whether the next item is a half, single or double precision float. */
  public boolean peekFloat() {
    int b = initial();
    return b >= 0xF9 && b <= 0xFB;
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
      throw error("expected " + what + ", found " + describeNext(), start);
    }
    if ((initial() & 0x1F) == INDEFINITE_LENGTH) {
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

  /** A text string, definite or chunked, as strictly decoded UTF-8 (every chunk on its own). */
  public String readText() {
    if (peekMajor() == TEXT && (initial() & 0x1F) != INDEFINITE_LENGTH) {
      int length = readLength("text string", offset);
      offset += length;
      return Utf8.decode(payload, offset - length, length, offset - length);
    }
    StringBuilder text = new StringBuilder();
    readString(TEXT, "text string", (from, length) -> text.append(Utf8.decode(payload, from, length, from)));
    return text.toString();
  }

  /** A byte string, definite or chunked, in a new array. */
  public byte[] readBytes() {
    if (peekMajor() == BYTES && (initial() & 0x1F) != INDEFINITE_LENGTH) {
      int length = readLength("byte string", offset);
      offset += length;
      return Arrays.copyOfRange(payload, offset - length, offset);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    readString(BYTES, "byte string", (from, length) -> bytes.write(payload, from, length));
    return bytes.toByteArray();
  }

  /** Hands each chunk of a string to {@code chunk} as offset and length (a definite string is one chunk). */
  private void readString(int major, String what, BiIntConsumer chunk) {
    int start = offset;
    if (peekMajor() != major) {
      throw error("expected a " + what + ", found " + describeNext(), start);
    }
    if ((initial() & 0x1F) != INDEFINITE_LENGTH) {
      int length = readLength(what, start);
      chunk.accept(offset, length);
      offset += length;
      return;
    }
    offset++;
    while (!peekBreak()) {
      if (peekMajor() != major || (initial() & 0x1F) == INDEFINITE_LENGTH) {
        throw error("a chunked " + what + " may only hold definite " + what + "s", offset);
      }
      int length = readLength(what + " chunk", offset);
      chunk.accept(offset, length);
      offset += length;
    }
    offset++;
  }

  /** Receives one chunk of a string. */
  private interface BiIntConsumer {
    void accept(int from, int length);
  }

  /** true or false. */
  public boolean readBoolean() {
    if (!peekBoolean()) {
      throw error("expected true or false, found " + describeNext(), offset);
    }
    return payload[offset++] == (byte) 0xF5;
  }

  /** The number of a tag (major type 6); the tagged item follows it. */
  public long readTag() {
    if (peekMajor() != TAG) {
      throw error("expected a tag, found " + describeNext(), offset);
    }
    return readArgument();
  }

  /** An integer: a {@link Long}, or a {@link BigInteger} beyond the long range (down to −2^64). */
  public Number readInteger() {
    if (!peekInteger()) {
      throw error("expected an integer, found " + describeNext(), offset);
    }
    int major = peekMajor();
    long argument = readArgument();
    if (major == UNSIGNED) {
      return argument >= 0 ? (Number) argument : new BigInteger(Long.toUnsignedString(argument));
    }
    // -1 - argument, which leaves the long range when the argument's top bit is set.
    return argument >= 0 ? (Number) (-1 - argument) : BigInteger.ONE.negate().subtract(new BigInteger(Long.toUnsignedString(argument)));
  }

  /** A half, single or double precision float, as a double (widening is exact). */
  public double readFloat() {
    int start = offset;
    int b = initial();
    if (b == 0xF9) {
      need(2, start);
      int bits = (int) bigEndian(offset + 1, 2);
      offset += 3;
      return HalfPrecision.toFloat(bits);
    }
    if (b == 0xFA) {
      need(4, start);
      int bits = (int) bigEndian(offset + 1, 4);
      offset += 5;
      return Float.intBitsToFloat(bits);
    }
    if (b == 0xFB) {
      need(8, start);
      long bits = bigEndian(offset + 1, 8);
      offset += 9;
      return Double.longBitsToDouble(bits);
    }
    throw error("expected a float, found " + describeNext(), start);
  }

  /**
   * A number for the multi-value formats: an integer ({@link Long}, or {@link BigInteger} beyond
   * the long range), a half, single or double float ({@link Double}), or a decimal fraction, tag 4
   * ({@link BigDecimal}, exponent within ±10^6, mantissa a plain integer). An epoch-time tag 1
   * before a number is accepted and dropped; any other tag is refused.
   */
  public Number readNumber() {
    int start = offset;
    if (peekMajor() == TAG) {
      long tag = readTag();
      if (tag == TAG_EPOCH_TIME) {
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
    if (peekInteger()) {
      return readInteger();
    }
    if (peekFloat()) {
      return readFloat();
    }
    throw error("expected a number, found " + describeNext(), start);
  }

  private BigDecimal readDecimalFraction(int start) {
    long count = readArrayStart();
    if (count != 2) {
      throw error("a decimal fraction (tag 4) is a definite array of exponent and mantissa", start);
    }
    if (!peekInteger()) {
      throw error("the exponent of a decimal fraction must be an integer", offset);
    }
    Number exponent = readInteger();
    if (!(exponent instanceof Long e) || e < -1_000_000 || e > 1_000_000) {
      throw error("the exponent of a decimal fraction is out of range", start);
    }
    if (!peekInteger()) {
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
      default -> throw error("expected a single value, found " + describeNext(), offset);
    }
  }

  /** What the next item is, in words, for error messages: "an integer", "a float", "null" … */
  public String describeNext() {
    int b = initial();
    return switch (b >>> 5) {
      case UNSIGNED, NEGATIVE -> "an integer";
      case BYTES -> "a byte string";
      case TEXT -> "a text string";
      case ARRAY -> "an array";
      case MAP -> "a map";
      case TAG -> "a tag";
      default -> describeSimple(b);
    };
  }

  private String describeSimple(int b) {
    return switch (b) {
      case 0xF4, 0xF5 -> "a boolean";
      case 0xF6 -> "null";
      case 0xF7 -> "undefined";
      case 0xF9, 0xFA, 0xFB -> "a float";
      case BREAK -> "a break (0xFF) outside an indefinite-length item";
      case 0xF8 -> offset + 1 < payload.length ? "simple value " + (payload[offset + 1] & 0xFF) : "a simple value";
      default -> b < 0xF8
          ? "simple value " + (b & 0x1F)
          : "initial byte 0x" + Integer.toHexString(b) + " with reserved additional information";
    };
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
    int initial = initial();
    int additional = initial & 0x1F;
    if (additional < 24) {
      offset++;
      return additional;
    }
    if (additional == INDEFINITE_LENGTH) {
      throw error("initial byte 0x" + Integer.toHexString(initial) + " has an indefinite length where none is"
          + " allowed", start);
    }
    if (additional > 27) {
      throw error("initial byte 0x" + Integer.toHexString(initial) + " uses reserved additional information "
          + additional, start);
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
      throw error("payload ends inside a data item head", start);
    }
  }

  private long bigEndian(int from, int size) {
    long value = 0;
    for (int i = 0; i < size; i++) {
      value = (value << 8) | (payload[from + i] & 0xFF);
    }
    return value;
  }
}
