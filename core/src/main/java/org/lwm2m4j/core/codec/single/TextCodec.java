package org.lwm2m4j.core.codec.single;

import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ValueConversion;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
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
public final class TextCodec implements NodeCodec {
  @Override
  public ContentFormat format() {
    return ContentFormat.TEXT;
  }

  /** True for {@code /o/i/r} and {@code /o/i/r/ri} only. */
  @Override
  public boolean supports(LwM2mPath path) {
    return SingleValueTarget.isSingleValuePath(path);
  }

  @Override
  public byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    ResourceModel model = SingleValueTarget.resolve(path, models, format());
    Value value = ValueConversion.toType(SingleValueTarget.valueOf(node, path), model.type(), path);
    if (value instanceof FloatValue f) {
      return Utf8.encode(floatText(f, path));
    }
    return Utf8.encode(value.toText());
  }

  @Override
  public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) {
    ResourceModel model = SingleValueTarget.resolve(path, models, format());
    String text = Utf8.decode(payload, 0, payload.length, 0);
    return SingleValueTarget.nodeAt(path, TextValueParser.parse(text, model.type()));
  }

  private static String floatText(FloatValue value, LwM2mPath path) {
    double d = value.value();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new CodecException("Float value " + d + " for " + path + " has no text/plain form");
    }
    return value.toText();
  }
}
