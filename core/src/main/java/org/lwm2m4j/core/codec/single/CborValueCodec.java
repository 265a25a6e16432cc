package org.lwm2m4j.core.codec.single;

import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.LwM2mPath;
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
  /**
   * Shared by reader and writer. Simple values and {@code undefined} are surfaced as embedded
   * objects because Jackson would otherwise report simple values as integers.
   */
  static final CBORFactory FACTORY = CBORFactory.builder()
      .enable(CBORParser.Feature.READ_SIMPLE_VALUE_AS_EMBEDDED_OBJECT)
      .enable(CBORParser.Feature.READ_UNDEFINED_AS_EMBEDDED_OBJECT)
      .enable(CBORGenerator.Feature.WRITE_MINIMAL_INTS)
      .disable(CBORGenerator.Feature.WRITE_MINIMAL_DOUBLES)
      .build();

  @Override
  public ContentFormat format() {
    return ContentFormat.CBOR;
  }

  @Override
  byte[] encodeValue(Value value, LwM2mPath path) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16);
    try (CBORGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, value);
    } catch (IOException e) {
      throw new CodecException("cannot write CBOR value for " + path + ": " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  @Override
  Value decodeValue(byte[] payload, ResourceType type) {
    return CborValueReader.read(payload, type);
  }

  private static void write(CBORGenerator generator, Value value) throws IOException {
    if (value instanceof StringValue v) {
      writeText(generator, v.value());
    } else if (value instanceof CorelnkValue v) {
      writeText(generator, v.links());
    } else if (value instanceof IntegerValue v) {
      generator.writeNumber(v.value());
    } else if (value instanceof UnsignedIntegerValue v) {
      generator.writeNumberUnsigned(v.bits());
    } else if (value instanceof FloatValue v) {
      if (v.fitsFloat32()) {
        generator.writeNumber((float) v.value());
      } else {
        generator.writeNumber(v.value());
      }
    } else if (value instanceof BooleanValue v) {
      generator.writeBoolean(v.value());
    } else if (value instanceof OpaqueValue v) {
      generator.writeBinary(v.bytesUnsafe());
    } else if (value instanceof TimeValue v) {
      generator.writeNumber(v.epochSeconds());
    } else if (value instanceof ObjlnkValue v) {
      generator.writeString(v.toString());
    } else {
      throw new CodecException("an executable resource has no CBOR value");
    }
  }

  /** Our strict encoder rejects unpaired surrogates that Jackson would replace. */
  private static void writeText(CBORGenerator generator, String text) throws IOException {
    byte[] utf8 = Utf8.encode(text);
    generator.writeUTF8String(utf8, 0, utf8.length);
  }
}
