package org.lwm2m4j.core.codec;

import java.util.Arrays;
import org.lwm2m4j.core.value.BooleanValue;
import org.lwm2m4j.core.value.CorelnkValue;
import org.lwm2m4j.core.value.FloatValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.StringValue;
import org.lwm2m4j.core.value.TimeValue;
import org.lwm2m4j.core.value.UnsignedIntegerValue;
import org.lwm2m4j.core.value.Value;

/**
 * Writes CBOR (RFC 8949) into a growable buffer for CBOR (60), SenML CBOR and LwM2M CBOR: definite
 * lengths only, every head in its shortest form, floats in single precision when that is exact and
 * double otherwise, NaN as the canonical {@code FA 7F C0 00 00}. Text is checked for unpaired
 * surrogates, which have no UTF-8 form. The caller writes as many items into a map or array as it
 * declared. Not thread-safe; one writer per payload.
 */
public final class CborWriter {
  private byte[] buffer;
  private int size;

  public CborWriter() {
    this(64);
  }

  /** @param capacity the expected payload size, to avoid regrowing */
  public CborWriter(int capacity) {
    buffer = new byte[Math.max(capacity, 16)];
  }

  /** The start of a map of {@code entries} key/value pairs. */
  public void mapStart(int entries) {
    head(5, entries);
  }

  /** The start of an array of {@code elements} items. */
  public void arrayStart(int elements) {
    head(4, elements);
  }

  /** A signed integer (major type 0 or 1). */
  public void integer(long value) {
    if (value >= 0) {
      head(0, value);
    } else {
      head(1, -1 - value);
    }
  }

  /** An unsigned integer of 64 bits (values from 2^63 arrive as negative longs). */
  public void unsigned(long bits) {
    head(0, bits);
  }

  /** A float in single precision when that is exact (NaN included), else double. */
  public void floating(double value) {
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

  public void bool(boolean value) {
    ensure(1);
    buffer[size++] = (byte) (value ? 0xF5 : 0xF4);
  }

  public void nil() {
    ensure(1);
    buffer[size++] = (byte) 0xF6;
  }

  /** A text string; lone surrogates are refused. */
  public void text(String text) {
    bytes(3, Utf8.encode(text));
  }

  /** A byte string. */
  public void bytes(byte[] bytes) {
    bytes(2, bytes);
  }

  /**
   * A resource value as its item: String and Corelnk as text, Integer and Time as integers,
   * Unsigned Integer as major type 0 up to 2^64−1, Float as {@link #floating}, Boolean, Opaque as a
   * byte string, Objlnk as the text {@code "oid:iid"}.
   *
   * @throws CodecException for the value of an executable resource, which has none
   */
  public void value(Value value) {
    if (value instanceof StringValue v) {
      text(v.value());
    } else if (value instanceof CorelnkValue v) {
      text(v.links());
    } else if (value instanceof IntegerValue v) {
      integer(v.value());
    } else if (value instanceof TimeValue v) {
      integer(v.epochSeconds());
    } else if (value instanceof UnsignedIntegerValue v) {
      unsigned(v.bits());
    } else if (value instanceof FloatValue v) {
      floating(v.value());
    } else if (value instanceof BooleanValue v) {
      bool(v.value());
    } else if (value instanceof OpaqueValue v) {
      bytes(v.bytesUnsafe());
    } else if (value instanceof ObjlnkValue v) {
      text(v.toString());
    } else {
      throw new CodecException("an executable resource has no CBOR value");
    }
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
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
