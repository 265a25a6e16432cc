package org.lwm2m4j.core.codec.single;

import org.lwm2m4j.core.codec.CodecException;

/**
 * The head of one CBOR data item (RFC 8949 §3): major type, additional information, the argument
 * it encodes and how many bytes the head takes. Read by hand only where Jackson's view is not
 * precise enough (tags before the value, the raw bytes of text strings).
 *
 * @param major the major type, 0..7
 * @param additional the low five bits of the initial byte
 * @param argument the unsigned argument (as 64 bits); 0 for an indefinite length
 * @param length bytes taken by the head, 1..9
 */
record CborHead(int major, int additional, long argument, int length) {
  static final int BYTE_STRING = 2;
  static final int TEXT_STRING = 3;
  static final int TAG = 6;
  static final int SIMPLE_OR_FLOAT = 7;
  private static final int INDEFINITE = 31;

  /**
   * The head starting at {@code offset}.
   *
   * @throws CodecException if the payload ends inside it or it uses reserved additional information
   */
  static CborHead at(byte[] payload, int offset) {
    if (offset >= payload.length) {
      throw new CodecException("CBOR payload ends where a data item should start", offset);
    }
    int initial = payload[offset] & 0xFF;
    int additional = initial & 0x1F;
    if (additional >= 28 && additional <= 30) {
      throw new CodecException("CBOR initial byte 0x" + Integer.toHexString(initial)
          + " uses reserved additional information " + additional, offset);
    }
    int argumentBytes = additional < 24 || additional == INDEFINITE ? 0 : 1 << (additional - 24);
    if (argumentBytes > payload.length - offset - 1) {
      throw new CodecException("CBOR payload ends inside a data item head", offset);
    }
    long argument = additional < 24 ? additional : 0;
    for (int i = 1; i <= argumentBytes; i++) {
      argument = (argument << 8) | (payload[offset + i] & 0xFF);
    }
    return new CborHead(initial >>> 5, additional, argument, 1 + argumentBytes);
  }

  boolean indefinite() {
    return additional == INDEFINITE;
  }

  /** The "break" stop code that ends an indefinite-length item. */
  boolean isBreak() {
    return major == SIMPLE_OR_FLOAT && additional == INDEFINITE;
  }

  /** Whether this head is an integer (major 0 or 1) whose value fits the range {@code [-limit, limit]}. */
  boolean isIntegerWithin(long limit) {
    return (major == 0 || major == 1) && argument >= 0 && argument <= limit - (major == 1 ? 1 : 0);
  }

  /** Whether this head is a half, single or double precision float. */
  boolean isFloat() {
    return major == SIMPLE_OR_FLOAT && additional >= 25 && additional <= 27;
  }
}
