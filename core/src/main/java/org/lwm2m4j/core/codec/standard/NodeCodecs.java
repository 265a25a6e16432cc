package org.lwm2m4j.core.codec.standard;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.codec.cbor.LwM2mCborCodec;
import org.lwm2m4j.core.codec.json.LwM2mJsonCodec;
import org.lwm2m4j.core.codec.senml.SenmlCborCodec;
import org.lwm2m4j.core.codec.senml.SenmlJsonCodec;
import org.lwm2m4j.core.codec.single.CborValueCodec;
import org.lwm2m4j.core.codec.single.OpaqueCodec;
import org.lwm2m4j.core.codec.single.TextCodec;
import org.lwm2m4j.core.codec.tlv.TlvCodec;
import org.lwm2m4j.core.error.NotAcceptableException;
import org.lwm2m4j.core.error.UnsupportedContentFormatException;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The one place that picks a codec for a content format. Legacy and SenML-ETCH numbers are served
 * by their standard twin ({@link ContentFormat#canonical()}). A format that cannot carry the
 * target is refused with the code the spec gives: 4.06 Not Acceptable when encoding (the peer asked
 * for it), 4.15 Unsupported Content-Format when decoding (the peer sent it).
 *
 * <pre>{@code
 * NodeCodecs codecs = NodeCodecs.standard();
 * byte[] tlv = codecs.encode(ContentFormat.TLV, instance, LwM2mPath.parse("/3/0"), models);
 * }</pre>
 *
 * <p>Immutable and thread-safe; share one instance.
 */
public final class NodeCodecs {
  private static final NodeCodecs STANDARD = new NodeCodecs(
      List.of(new TextCodec(), new OpaqueCodec(), new CborValueCodec(), new TlvCodec(),
          new LwM2mJsonCodec(), new SenmlJsonCodec(), new SenmlCborCodec(), new LwM2mCborCodec()));

  private final Map<ContentFormat, NodeCodec> codecs = new EnumMap<>(ContentFormat.class);
  private final Map<ContentFormat, CompositeCodec> composites = new EnumMap<>(ContentFormat.class);

  private NodeCodecs(List<NodeCodec> all) {
    for (NodeCodec codec : all) {
      codecs.put(codec.format(), codec);
      if (codec instanceof CompositeCodec composite) {
        composites.put(composite.format(), composite);
      }
    }
  }

  /** Every format lwm2m4j implements. */
  public static NodeCodecs standard() {
    return STANDARD;
  }

  /** The formats that have a node codec (canonical numbers only). */
  public Set<ContentFormat> formats() {
    return codecs.keySet();
  }

  /** The node codec for {@code format}, legacy numbers included. */
  public Optional<NodeCodec> codec(ContentFormat format) {
    return Optional.ofNullable(codecs.get(format.canonical()));
  }

  /** The multi-path codec for {@code format}, if the format can name several paths. */
  public Optional<CompositeCodec> composite(ContentFormat format) {
    return Optional.ofNullable(composites.get(format.canonical()));
  }

  /** Whether {@code format} can carry the node at {@code path}. */
  public boolean supports(ContentFormat format, LwM2mPath path) {
    return codec(format).map(c -> c.supports(path)).orElse(false);
  }

  /**
   * Encodes the node at {@code path} in {@code format}.
   *
   * @throws NotAcceptableException if the format cannot represent a node at that path
   * @throws CodecException if the node itself cannot be encoded
   */
  public byte[] encode(ContentFormat format, LwM2mNode node, LwM2mPath path, ModelLookup models) {
    NodeCodec codec = codecs.get(format.canonical());
    if (codec == null || !codec.supports(path)) {
      throw new NotAcceptableException(format.shortName() + " (" + format.code() + ") cannot represent " + path);
    }
    return codec.encode(node, path, models);
  }

  /**
   * Decodes the node at {@code path} from a payload in {@code format}.
   *
   * @throws UnsupportedContentFormatException if the format cannot carry a node at that path
   * @throws CodecException if the payload is malformed or does not fit the model
   */
  public LwM2mNode decode(ContentFormat format, byte[] payload, LwM2mPath path, ModelLookup models) {
    NodeCodec codec = codecs.get(format.canonical());
    if (codec == null || !codec.supports(path)) {
      throw new UnsupportedContentFormatException(format.shortName() + " (" + format.code() + ") cannot carry " + path);
    }
    return codec.decode(payload, path, models);
  }
}
