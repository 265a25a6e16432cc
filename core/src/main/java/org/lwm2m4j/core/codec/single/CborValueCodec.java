package org.lwm2m4j.core.codec.single;

import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.CborWriter;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * The CBOR content format (60): the value of one single-instance resource or one resource
 * instance as a single CBOR data item of the resource's type.
 *
 * <p>Encoding: integers in their shortest head, Unsigned Integer as major type 0 up to
 * 2<sup>64</sup>−1, Float as single precision when that is exact and double otherwise ({@code 22.5}
 * → {@code FA 41 B4 00 00}, {@code 0.1} → {@code FB 3F B9 99 99 99 99 99 9A}), Time as a plain
 * integer, Objlnk as the text {@code "66:0"}, Opaque as a byte string, String and Corelnk as text.
 *
 * <p>Decoding is lenient where peers differ and strict everywhere else: numbers may come as any
 * integer, half/single/double float or tag-4 decimal fraction (for Float), Time as an integer,
 * tag 1 epoch time or tag 0 RFC 3339 string (fractional seconds are dropped); the self-describe
 * tag 55799 is ignored. Any other tag, a second data item, an array or map, and text that is not
 * strict UTF-8 are refused. Stateless and thread-safe.
 */
public final class CborValueCodec extends SingleValueCodec {
  @Override
  public ContentFormat format() {
    return ContentFormat.CBOR;
  }

  @Override
  byte[] encodeValue(Value value, LwM2mPath path) {
    CborWriter out = new CborWriter(16);
    out.value(value);
    return out.toByteArray();
  }

  @Override
  Value decodeValue(byte[] payload, ResourceType type) {
    return CborValueReader.read(payload, type);
  }
}
