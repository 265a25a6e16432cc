package org.lwm2m4j.core.codec.single;

import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
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
public final class OpaqueCodec extends SingleValueCodec {
  @Override
  public ContentFormat format() {
    return ContentFormat.OPAQUE;
  }

  @Override
  byte[] encodeValue(Value value, LwM2mPath path) {
    return ((OpaqueValue) value).bytes();
  }

  @Override
  Value decodeValue(byte[] payload, ResourceType type) {
    return Value.of(payload);
  }

  /** Also refuses resources whose model type is not Opaque. */
  @Override
  ResourceModel resolve(LwM2mPath path, ModelLookup models) {
    ResourceModel model = super.resolve(path, models);
    if (model.type() != ResourceType.OPAQUE) {
      throw new CodecException("application/octet-stream carries Opaque resources only; " + path
          + " (" + model.name() + ") is " + model.type().ddfName() + ", use text/plain or CBOR");
    }
    return model;
  }
}
