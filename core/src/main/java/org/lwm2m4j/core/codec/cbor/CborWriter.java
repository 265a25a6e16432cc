package org.lwm2m4j.core.codec.cbor;

import java.util.Arrays;
import org.lwm2m4j.core.codec.Utf8;

/**
 * Writes definite-length CBOR into a growable buffer. LwM2M CBOR needs arrays as map keys, which
 * Jackson's CBOR generator cannot write, so this format writes its few item kinds by hand.
 */
final class CborWriter {
  private byte[] buffer = new byte[64];
  private int size;

  void mapStart(int entries) {
    head(5, entries);
  }

  void arrayStart(int elements) {
    head(4, elements);
  }

  /** A non-negative integer (major type 0). */
  void unsigned(long value) {
    head(0, value);
  }

  /** A signed integer in the smallest head. */
  void integer(long value) {
    if (value >= 0) {
      head(0, value);
    } else {
      head(1, -1 - value);
    }
  }

  /** 64 unsigned bits (values from 2^63 arrive as negative longs). */
  void unsignedBits(long bits) {
    head(0, bits);
  }

  /** A float in single precision when that is exact, else double. */
  void floating(double value) {
    float narrow = (float) value;
    if ((double) narrow == value || Double.isNaN(value)) {
      ensure(5);
      buffer[size++] = (byte) 0xFA;
      bigEndian(Float.floatToIntBits(narrow), 4);
    } else {
      ensure(9);
      buffer[size++] = (byte) 0xFB;
      bigEndian(Double.doubleToLongBits(value), 8);
    }
  }

  void bool(boolean value) {
    ensure(1);
    buffer[size++] = (byte) (value ? 0xF5 : 0xF4);
  }

  void nil() {
    ensure(1);
    buffer[size++] = (byte) 0xF6;
  }

  void text(String text) {
    bytes(3, Utf8.encode(text));
  }

  void bytes(byte[] bytes) {
    bytes(2, bytes);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  private void bytes(int major, byte[] bytes) {
    head(major, bytes.length);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  /** The head of an item: major type and its argument (64 unsigned bits) in the fewest bytes. */
  private void head(int major, long argument) {
    ensure(9);
    int type = major << 5;
    if (argument >= 0 && argument < 24) {
      buffer[size++] = (byte) (type | argument);
    } else if (argument >= 0 && argument <= 0xFF) {
      buffer[size++] = (byte) (type | 24);
      bigEndian(argument, 1);
    } else if (argument >= 0 && argument <= 0xFFFF) {
      buffer[size++] = (byte) (type | 25);
      bigEndian(argument, 2);
    } else if (argument >= 0 && argument <= 0xFFFF_FFFFL) {
      buffer[size++] = (byte) (type | 26);
      bigEndian(argument, 4);
    } else {
      buffer[size++] = (byte) (type | 27);
      bigEndian(argument, 8);
    }
  }

  private void bigEndian(long value, int bytes) {
    for (int i = bytes - 1; i >= 0; i--) {
      buffer[size++] = (byte) (value >>> (8 * i));
    }
  }

  private void ensure(int more) {
    if (size + more > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
    }
  }
}
