package org.lwm2m4j.core.codec.single;

import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.FloatValue;
import org.lwm2m4j.core.value.Value;

/**
 * The text/plain content format (0): the value of one single-instance resource or one resource
 * instance as UTF-8 text, spelled as {@link TextValueParser} reads it and {@link Value#toText()}
 * writes it ({@code -750}, {@code 22.5}, {@code 1}, {@code AQIDBAU=}, {@code 66:0}).
 *
 * <p>Refuses objects, instances, multiple resources addressed as a whole and executable
 * resources. Stateless and thread-safe.
 */
public final class TextCodec extends SingleValueCodec {
  @Override
  public ContentFormat format() {
    return ContentFormat.TEXT;
  }

  @Override
  byte[] encodeValue(Value value, LwM2mPath path) {
    return Utf8.encode(value instanceof FloatValue f ? floatText(f, path) : value.toText());
  }

  @Override
  Value decodeValue(byte[] payload, ResourceType type) {
    return TextValueParser.parse(Utf8.decode(payload, 0, payload.length, 0), type);
  }

  private static String floatText(FloatValue value, LwM2mPath path) {
    double d = value.value();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new CodecException("Float value " + d + " for " + path + " has no text/plain form");
    }
    return value.toText();
  }
}
