package org.lwm2m4j.core.codec.single;

import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.codec.ValueConversion;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * What the single-value formats share: the target must be one value ({@link SingleValueTarget}),
 * the value is converted to the model's type before encoding, and decoding wraps the value in the
 * node its path names. A subclass only turns one value into bytes and back.
 */
abstract class SingleValueCodec implements NodeCodec {
  /** True for {@code /o/i/r} and {@code /o/i/r/ri} only. */
  @Override
  public final boolean supports(LwM2mPath path) {
    return SingleValueTarget.isSingleValuePath(path);
  }

  @Override
  public final byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    ResourceModel model = resolve(path, models);
    return encodeValue(ValueConversion.toType(SingleValueTarget.valueOf(node, path), model.type(), path), path);
  }

  @Override
  public final LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) {
    ResourceModel model = resolve(path, models);
    return SingleValueTarget.nodeAt(path, decodeValue(payload, model.type()));
  }

  /** The model of the target resource, after checking this format can carry it. */
  ResourceModel resolve(LwM2mPath path, ModelLookup models) {
    return SingleValueTarget.resolve(path, models, format());
  }

  /** The payload for {@code value}, which already has the model's type. */
  abstract byte[] encodeValue(Value value, LwM2mPath path);

  /** The value of {@code type} that {@code payload} holds. */
  abstract Value decodeValue(byte[] payload, ResourceType type);
}
