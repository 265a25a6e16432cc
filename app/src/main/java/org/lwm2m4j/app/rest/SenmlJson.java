package org.lwm2m4j.app.rest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Data in REST bodies and events: SenML JSON (RFC 8428) with LwM2M paths as names, whatever format
 * the device used on the wire. Bodies read may use base names; bodies written never do. Decoding failures are {@link org.lwm2m4j.core.codec.CodecException}s
 * (answered 400).
 */
final class SenmlJson {
  static final String MEDIA_TYPE = ContentFormat.SENML_JSON.mediaType();

  private static final NodeCodecs CODECS = NodeCodecs.standard();
  private static final CompositeCodec COMPOSITE = CODECS.composite(ContentFormat.SENML_JSON).orElseThrow();

  private SenmlJson() {}

  /**
   * The node at {@code path}, one record per value, each named by its full path ({@code
   * [{"n":"/3/0/0","vs":"…"},…]}, no base name) so that clients need not resolve names.
   */
  static byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    return COMPOSITE.encodeNodes(Map.of(path, node), models);
  }

  /** Nodes at their (absolute) paths, as a composite answer or notification carries them, in path order. */
  static byte[] encode(Map<LwM2mPath, LwM2mNode> nodes, ModelLookup models) {
    return COMPOSITE.encodeNodes(new TreeMap<>(nodes), models);
  }

  /** Values a client pushed with Send, each with its time if it had one. */
  static byte[] encode(List<TimestampedNode> values, ModelLookup models) {
    return COMPOSITE.encodeTimestamped(values, models);
  }

  /** A request body holding the node at {@code path}. */
  static LwM2mNode decode(byte[] body, LwM2mPath path, ModelLookup models) {
    return CODECS.decode(ContentFormat.SENML_JSON, body, path, models);
  }

  /** A request body holding values at several paths, keyed by resource or resource-instance path. */
  static Map<LwM2mPath, LwM2mNode> decodeNodes(byte[] body, ModelLookup models) {
    return COMPOSITE.decodeNodes(body, List.of(), models);
  }
}
