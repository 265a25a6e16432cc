package org.lwm2m4j.core.codec.single;

import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.OpaqueValue;
import org.lwm2m4j.core.value.Value;

/**
 * The opaque content format (42, application/octet-stream): the raw bytes of one Opaque resource
 * or resource instance, typically a firmware image written to {@code /5/0/0}. Any byte sequence
 * is a valid payload; resources of any other type are refused.
 *
 * <p>Payload and result arrays are copied, so callers keep ownership of theirs. Stateless and
 * thread-safe.
 */
public final class OpaqueCodec implements NodeCodec {
  @Override
  public ContentFormat format() {
    return ContentFormat.OPAQUE;
  }

  /** True for {@code /o/i/r} and {@code /o/i/r/ri} only; the model must also say Opaque. */
  @Override
  public boolean supports(LwM2mPath path) {
    return SingleValueTarget.isSingleValuePath(path);
  }

  @Override
  public byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    resolveOpaque(path, models);
    Value value = SingleValueTarget.valueOf(node, path);
    if (value instanceof OpaqueValue opaque) {
      return opaque.bytes();
    }
    throw new CodecException("value for " + path + " is " + value.type().ddfName()
        + ", but application/octet-stream carries Opaque values only");
  }

  @Override
  public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) {
    resolveOpaque(path, models);
    return SingleValueTarget.nodeAt(path, Value.of(payload));
  }

  private void resolveOpaque(LwM2mPath path, ModelLookup models) {
    ResourceModel model = SingleValueTarget.resolve(path, models, format());
    if (model.type() != ResourceType.OPAQUE) {
      throw new CodecException("application/octet-stream carries Opaque resources only; " + path
          + " (" + model.name() + ") is " + model.type().ddfName() + ", use text/plain or CBOR");
    }
  }
}
