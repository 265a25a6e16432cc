package org.lwm2m4j.core.codec.tlv;

import org.lwm2m4j.core.codec.CodecException;

/**
 * Parses TLV entry headers in place over the payload array. {@link #next} reads the header at a
 * position and leaves the entry's kind, id and value bounds in this reader's fields, so walking a
 * payload allocates nothing per entry; callers copy the fields into locals before reading nested
 * entries, which overwrite them. One reader serves one decode and is not thread-safe.
 */
final class TlvReader {
  private final byte[] payload;

  /** Kind of the entry last read. */
  TlvKind kind;
  /** Identifier of the entry last read (0..65534). */
  int id;
  /** Offset of the entry's type byte. */
  int entryStart;
  /** Offset of the entry's first value byte. */
  int valueStart;
  /** Offset just past the entry's value. */
  int valueEnd;

  TlvReader(byte[] payload) {
    this.payload = payload;
  }

  /**
   * Reads the entry starting at {@code position}, which must lie before {@code limit}, the end of
   * the enclosing container (or of the payload).
   *
   * @return the offset just past the entry
   * @throws CodecException if the header is truncated, the id is the reserved 65535, or the
   *     declared value length runs past {@code limit}
   */
  int next(int position, int limit) {
    byte[] bytes = payload;
    int type = bytes[position] & 0xFF;
    int idLength = (type & 0x20) != 0 ? 2 : 1;
    int lengthFieldLength = (type >> 3) & 0x03;
    int headerLength = 1 + idLength + lengthFieldLength;
    if (headerLength > limit - position) {
      throw new CodecException("truncated TLV header: type byte 0x" + hex(type) + " announces a "
          + headerLength + "-byte header but only " + (limit - position) + " bytes remain"
          + container(limit), position);
    }
    int p = position + 1;
    int identifier = bytes[p++] & 0xFF;
    if (idLength == 2) {
      identifier = (identifier << 8) | (bytes[p++] & 0xFF);
      if (identifier == 0xFFFF) {
        throw new CodecException("TLV identifier 65535 is reserved and names no entity", position);
      }
    }
    int length;
    if (lengthFieldLength == 0) {
      length = type & 0x07;
    } else {
      // Bits 2-0 are meaningless with a length field; senders should zero them, readers ignore them.
      length = 0;
      for (int i = 0; i < lengthFieldLength; i++) {
        length = (length << 8) | (bytes[p++] & 0xFF);
      }
    }
    if (length > limit - p) {
      throw new CodecException("TLV value of " + length + " bytes overruns the " + (limit - p)
          + " bytes that remain" + container(limit), position);
    }
    this.kind = TlvKind.ofTypeByte(type);
    this.id = identifier;
    this.entryStart = position;
    this.valueStart = p;
    this.valueEnd = p + length;
    return valueEnd;
  }

  private String container(int limit) {
    return limit == payload.length ? " in the payload" : " in the enclosing TLV";
  }

  private static String hex(int b) {
    return Integer.toHexString(0x100 | b).substring(1).toUpperCase(java.util.Locale.ROOT);
  }
}
