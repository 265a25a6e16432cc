package org.lwm2m4j.core.codec.cbor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.NodeAssembler;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.codec.NodeFlattener;
import org.lwm2m4j.core.codec.PathValue;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * LwM2M CBOR (content format 11544, LwM2M 1.2): a map keyed by path segments, e.g. Read
 * {@code /3/0/0} → {@code {[3,0,0]: "Open Mobile Alliance"}}, Read {@code /1} →
 * {@code {1: {0: {…}}}}. Keys are always absolute (they begin with the object id); relative keys,
 * which the spec allows for Write and Create, are read as absolute paths and so rejected when they
 * fall outside the target.
 *
 * <p>Composite payloads group the paths of one object instance under one {@code [oid, iid]} key
 * when that instance has several values, so the spec's example {@code {[3,0]: {0: …, 9: 100},
 * [1,0,1]: 86400}} comes out byte for byte. The format has no timestamps: timestamped entries are
 * refused. Stateless and thread-safe.
 */
public final class LwM2mCborCodec implements NodeCodec, CompositeCodec {
  @Override
  public ContentFormat format() {
    return ContentFormat.LWM2M_CBOR;
  }

  /** Every path but the root. */
  @Override
  public boolean supports(LwM2mPath path) {
    return !path.isRoot();
  }

  @Override
  public byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    List<PathValue> leaves = NodeFlattener.typedLeaves(node, path, models);
    PathTreeWriter writer = new PathTreeWriter();
    writer.cbor().mapStart(1);
    writer.key(path);
    writer.below(path, leaves);
    return writer.toByteArray();
  }

  @Override
  public LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) {
    return NodeAssembler.assemble(path, PathTreeReader.leaves(payload, models), models);
  }

  @Override
  public byte[] encodePaths(List<LwM2mPath> paths) {
    PathTreeWriter writer = new PathTreeWriter();
    writer.cbor().mapStart(paths.size());
    for (LwM2mPath path : paths) {
      if (path.isRoot()) {
        throw new CodecException("LwM2M CBOR cannot name the root path; list the objects instead");
      }
      writer.key(path);
      writer.cbor().nil();
    }
    return writer.toByteArray();
  }

  @Override
  public List<LwM2mPath> decodePaths(byte[] payload) {
    return PathTreeReader.paths(payload);
  }

  @Override
  public byte[] encodeNodes(Map<LwM2mPath, LwM2mNode> nodes, ModelLookup models) {
    // Values of one object instance share an [oid, iid] key; an object-level node keeps its own key.
    Map<LwM2mPath, List<PathValue>> groups = new LinkedHashMap<>();
    for (Map.Entry<LwM2mPath, LwM2mNode> entry : nodes.entrySet()) {
      LwM2mPath path = entry.getKey();
      LwM2mPath group = path.depth() < 2 ? path : LwM2mPath.of(path.objectId(), path.instanceId());
      groups.computeIfAbsent(group, g -> new ArrayList<>())
          .addAll(NodeFlattener.typedLeaves(entry.getValue(), path, models));
    }
    PathTreeWriter writer = new PathTreeWriter();
    writer.cbor().mapStart(groups.size());
    for (Map.Entry<LwM2mPath, List<PathValue>> group : groups.entrySet()) {
      List<PathValue> leaves = group.getValue();
      leaves.sort(Comparator.comparing(PathValue::path));
      for (int i = 1; i < leaves.size(); i++) {
        if (leaves.get(i).path().equals(leaves.get(i - 1).path())) {
          throw new CodecException("composite nodes overlap: " + leaves.get(i).path() + " is given twice");
        }
      }
      LwM2mPath key = leaves.size() == 1 ? leaves.get(0).path() : group.getKey();
      writer.key(key);
      writer.below(key, leaves);
    }
    return writer.toByteArray();
  }

  @Override
  public Map<LwM2mPath, LwM2mNode> decodeNodes(byte[] payload, List<LwM2mPath> requested, ModelLookup models) {
    return NodeAssembler.assembleComposite(PathTreeReader.leaves(payload, models), requested, models);
  }

  @Override
  public byte[] encodeTimestamped(List<TimestampedNode> nodes, ModelLookup models) {
    Map<LwM2mPath, LwM2mNode> untimed = new LinkedHashMap<>();
    for (TimestampedNode node : nodes) {
      if (node.timestamp().isPresent()) {
        throw new CodecException("LwM2M CBOR has no timestamps; send timestamped values as SenML");
      }
      untimed.put(node.path(), node.node());
    }
    return encodeNodes(untimed, models);
  }

  @Override
  public List<TimestampedNode> decodeTimestamped(byte[] payload, ModelLookup models) {
    List<TimestampedNode> out = new ArrayList<>();
    for (Map.Entry<LwM2mPath, LwM2mNode> node : decodeNodes(payload, List.of(), models).entrySet()) {
      out.add(TimestampedNode.untimed(node.getKey(), node.getValue()));
    }
    return out;
  }
}
