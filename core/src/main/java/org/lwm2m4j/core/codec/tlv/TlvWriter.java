package org.lwm2m4j.core.codec.tlv;

import java.util.Arrays;
import org.lwm2m4j.core.codec.CodecException;

/**
 * Writes TLV entries into a growable byte array, always with the smallest identifier and length
 * fields. A container's length is unknown until its children are written, so {@link
 * #beginContainer} reserves a header with a one-byte length field (the common case) and {@link
 * #endContainer} patches it, moving the children by a byte or two when the real length needs a
 * different field size. Nesting is at most two containers deep, so the moves stay cheap and no
 * subtree is ever encoded twice.
 */
final class TlvWriter {
  /** The largest value a 24-bit length field can announce. */
  static final int MAX_VALUE_LENGTH = 0xFF_FFFF;

  private byte[] buffer;
  private int size;

  TlvWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  /** Writes the header of an entry whose {@code length}-byte value follows. */
  void header(TlvKind kind, int id, int length) {
    ensureCapacity(5);
    int lengthFieldLength = lengthFieldLength(length);
    int type = kind.typeBits() | (id > 0xFF ? 0x20 : 0) | (lengthFieldLength << 3);
    if (lengthFieldLength == 0) {
      type |= length;
    }
    buffer[size++] = (byte) type;
    if (id > 0xFF) {
      buffer[size++] = (byte) (id >>> 8);
    }
    buffer[size++] = (byte) id;
    for (int shift = 8 * (lengthFieldLength - 1); shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (length >>> shift);
    }
  }

  /**
   * Starts a container entry (Object Instance or Multiple Resource); its children follow.
   *
   * @return the mark to hand to {@link #endContainer}
   */
  int beginContainer(TlvKind kind, int id) {
    int mark = size;
    ensureCapacity(4);
    buffer[size++] = (byte) (kind.typeBits() | (id > 0xFF ? 0x20 : 0) | (1 << 3));
    if (id > 0xFF) {
      buffer[size++] = (byte) (id >>> 8);
    }
    buffer[size++] = (byte) id;
    size++; // the reserved one-byte length field
    return mark;
  }

  /** Ends the container begun at {@code mark}, fixing its length field. */
  void endContainer(int mark) {
    int type = buffer[mark] & 0xFF;
    int lengthAt = mark + ((type & 0x20) != 0 ? 3 : 2);
    int childrenStart = lengthAt + 1;
    int length = size - childrenStart;
    int lengthFieldLength = lengthFieldLength(length);
    int shift = lengthFieldLength - 1;
    if (shift != 0) {
      ensureCapacity(shift);
      System.arraycopy(buffer, childrenStart, buffer, childrenStart + shift, length);
      size += shift;
    }
    type = (type & ~0x1F) | (lengthFieldLength << 3);
    if (lengthFieldLength == 0) {
      type |= length;
    }
    buffer[mark] = (byte) type;
    for (int i = lengthFieldLength - 1, p = lengthAt; i >= 0; i--) {
      buffer[p++] = (byte) (length >>> (8 * i));
    }
  }

  void writeByte(int b) {
    ensureCapacity(1);
    buffer[size++] = (byte) b;
  }

  /** The low {@code byteCount} bytes of {@code value}, big-endian. */
  void writeBigEndian(long value, int byteCount) {
    ensureCapacity(byteCount);
    for (int shift = 8 * (byteCount - 1); shift >= 0; shift -= 8) {
      buffer[size++] = (byte) (value >>> shift);
    }
  }

  void writeBytes(byte[] bytes) {
    ensureCapacity(bytes.length);
    System.arraycopy(bytes, 0, buffer, size, bytes.length);
    size += bytes.length;
  }

  /** Writes a string the caller knows to be pure ASCII, one byte per char. */
  void writeAscii(String text) {
    int length = text.length();
    ensureCapacity(length);
    for (int i = 0; i < length; i++) {
      buffer[size++] = (byte) text.charAt(i);
    }
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  /** Bytes needed for the length field: 0 (fits the type byte's three bits), 1, 2 or 3. */
  private static int lengthFieldLength(int length) {
    if (length <= 7) {
      return 0;
    } else if (length <= 0xFF) {
      return 1;
    } else if (length <= 0xFFFF) {
      return 2;
    } else if (length <= MAX_VALUE_LENGTH) {
      return 3;
    }
    throw new CodecException("a TLV value of " + length + " bytes exceeds the format's limit of "
        + MAX_VALUE_LENGTH + " bytes");
  }

  private void ensureCapacity(int extra) {
    if (extra > buffer.length - size) {
      int needed = size + extra;
      if (needed < 0) {
        throw new CodecException("the encoded TLV payload exceeds the largest possible array");
      }
      int doubled = buffer.length > (Integer.MAX_VALUE - 8) / 2 ? Integer.MAX_VALUE - 8 : buffer.length * 2;
      buffer = Arrays.copyOf(buffer, Math.max(needed, doubled));
    }
  }
}
