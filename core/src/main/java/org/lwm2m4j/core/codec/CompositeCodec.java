package org.lwm2m4j.core.codec;

import java.util.List;
import java.util.Map;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The multi-path side of the formats that can name several paths in one payload (SenML JSON,
 * SenML CBOR, LwM2M CBOR): Read-/Write-/Observe-Composite bodies, their responses, and Send /
 * historical notifications with timestamps. Same purity and error rules as {@link NodeCodec}.
 */
public interface CompositeCodec {
  ContentFormat format();

  /** Encodes a path list with no values (Read-Composite and Observe-Composite request bodies). */
  byte[] encodePaths(List<LwM2mPath> paths);

  /** Decodes a path list; records must carry no value. */
  List<LwM2mPath> decodePaths(byte[] payload);

  /**
   * Encodes nodes at their paths, each path absolute (Read-Composite responses, Write-Composite
   * bodies). Paths may be at any level from object to resource instance.
   */
  byte[] encodeNodes(Map<LwM2mPath, LwM2mNode> nodes, ModelLookup models);

  /**
   * Decodes nodes and groups them under the {@code requested} paths (the Read-Composite request's
   * list): each requested path maps to the node found at it, and requested paths with no data are
   * absent from the result. With an empty {@code requested}, every value is keyed by its own
   * resource or resource-instance path. The result iterates in path order.
   */
  Map<LwM2mPath, LwM2mNode> decodeNodes(byte[] payload, List<LwM2mPath> requested, ModelLookup models);

  /** Encodes timestamped nodes (Send, historical notifications); entries with no timestamp carry no time. */
  byte[] encodeTimestamped(List<TimestampedNode> nodes, ModelLookup models);

  /**
   * Decodes timestamped values: one entry per (time, resource or resource-instance path), oldest
   * first, untimed entries first of all; relative SenML times are resolved against now.
   */
  List<TimestampedNode> decodeTimestamped(byte[] payload, ModelLookup models);
}
