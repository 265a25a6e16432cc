package org.lwm2m4j.core.codec.tlv;

import java.util.Objects;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The LwM2M TLV format ({@code application/vnd.oma.lwm2m+tlv}, content format 11542, and the
 * pre-1.0 number 1542, which carries the same bytes). It can carry a node at any path but the
 * root.
 *
 * <p>Output follows the spec's preferred shapes with the smallest identifier, length and value
 * sizes: Object Instance TLVs for {@code /o}, bare resources for {@code /o/i}, a Multiple Resource
 * TLV for every multiple-instance resource (even empty or with one instance), a lone Resource
 * Instance TLV for {@code /o/i/r/ri}. Unsigned values below 2<sup>63</sup> keep their top bit
 * clear, so peers that sign-extend read them right; floats take 4 bytes only when that is exact.
 *
 * <p>Input is read strictly against the model, with the leniency real peers need: {@code /o/i}
 * payloads may wrap their resources in one Object Instance TLV carrying the path's instance id,
 * and length fields may be longer than necessary. Everything else that is off (a truncated or
 * overlong entry, a wrong kind at a level, an unknown resource, a single resource sent as
 * multiple or the reverse, a repeated id, a value of the wrong size, invalid UTF-8, trailing
 * bytes) is a {@link CodecException} naming the byte offset.
 *
 * <pre>{@code
 * NodeCodec tlv = new TlvCodec();
 * LwM2mNode device = tlv.decode(payload, LwM2mPath.parse("/3/0"), models);
 * }</pre>
 */
public final class TlvCodec implements NodeCodec {
  public TlvCodec() {}

  @Override
  public ContentFormat format() {
    return ContentFormat.TLV;
  }

  /** Every path but the root: objects, instances, resources and resource instances. */
  @Override
  public boolean supports(LwM2mPath path) {
    return !path.isRoot();
  }

  @Override
  public byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(models, "models");
    checkNotRoot(path);
    return TlvEncoder.encode(node, path, models);
  }

  @Override
  public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(models, "models");
    checkNotRoot(path);
    return TlvDecoder.decode(payload, path, models);
  }

  private static void checkNotRoot(LwM2mPath path) {
    if (path.isRoot()) {
      throw new CodecException("TLV cannot carry a node at the root path; use a composite operation");
    }
  }
}
