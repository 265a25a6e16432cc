package org.lwm2m4j.core.codec.senml;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.CompositeCodec;
import org.lwm2m4j.core.codec.NodeAssembler;
import org.lwm2m4j.core.codec.NodeCodec;
import org.lwm2m4j.core.codec.NodeFlattener;
import org.lwm2m4j.core.codec.PathValue;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Everything SenML JSON and SenML CBOR share: which records a node becomes, how records resolve
 * to paths, times and typed values, and how those become nodes. A subclass only reads and writes
 * a pack of {@link SenmlRecord}s in its syntax.
 *
 * <p>Record layout follows Leshan, so both sides of an exchange print the same: a single resource
 * or resource instance is one record whose {@code bn} is its path; an object, instance or multiple
 * resource puts {@code bn} = path + "/" on the first record and relative names after it.
 * Composite payloads carry absolute names and no base name.
 */
abstract class SenmlCodec implements NodeCodec, CompositeCodec {
  /** Reads a pack. */
  abstract List<SenmlRecord> readPack(byte[] payload);

  /** A writer spelling one pack of {@code records} records in this syntax. */
  abstract SenmlPackWriter packWriter(int records) throws IOException;

  /** Writes a pack: definite lengths, fields in the order bn, bt, n, value, t. */
  final byte[] writePack(List<SenmlRecord> records) {
    try {
      SenmlPackWriter writer = packWriter(records.size());
      writer.startPack(records.size());
      for (SenmlRecord record : records) {
        int fields = (record.baseName() != null ? 1 : 0) + (record.baseTime() != null ? 1 : 0)
            + (record.name() != null ? 1 : 0) + (record.time() != null ? 1 : 0)
            + (record.kind() != SenmlRecord.Kind.NONE ? 1 : 0);
        writer.startRecord(fields);
        if (record.baseName() != null) {
          writer.key(SenmlField.BASE_NAME);
          writer.text(record.baseName());
        }
        if (record.baseTime() != null) {
          writer.key(SenmlField.BASE_TIME);
          writer.number(record.baseTime());
        }
        if (record.name() != null) {
          writer.key(SenmlField.NAME);
          writer.text(record.name());
        }
        writeValue(writer, record);
        if (record.time() != null) {
          writer.key(SenmlField.TIME);
          writer.number(record.time());
        }
        writer.endRecord();
      }
      return writer.finish();
    } catch (IOException e) {
      throw new CodecException("cannot write " + formatName() + ": " + e.getMessage(), e);
    }
  }

  private static void writeValue(SenmlPackWriter writer, SenmlRecord record) throws IOException {
    Object value = record.value();
    switch (record.kind()) {
      case NUMBER -> {
        writer.key(SenmlField.VALUE);
        writer.number((Number) value);
      }
      case STRING -> {
        writer.key(SenmlField.STRING_VALUE);
        writer.text((String) value);
      }
      case BOOLEAN -> {
        writer.key(SenmlField.BOOLEAN_VALUE);
        writer.bool((Boolean) value);
      }
      case DATA -> {
        writer.key(SenmlField.DATA_VALUE);
        writer.data((byte[]) value);
      }
      case OBJLNK -> {
        writer.key(SenmlField.OBJECT_LINK);
        writer.text((String) value);
      }
      case NONE -> { }
    }
  }

  /** The format's name for messages ("SenML JSON"). */
  abstract String formatName();

  /** Every path but the root. */
  @Override
  public final boolean supports(LwM2mPath path) {
    return !path.isRoot();
  }

  @Override
  public final byte[] encode(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    List<PathValue> leaves = NodeFlattener.typedLeaves(node, path, models);
    List<SenmlRecord> records = new ArrayList<>(leaves.size());
    boolean oneValue = leaves.size() == 1 && leaves.get(0).path().equals(path);
    if (oneValue) {
      records.add(SenmlRecord.of(path.toString(), null, null, leaves.get(0).value()));
    } else {
      String base = path + "/";
      for (PathValue leaf : leaves) {
        String relative = leaf.path().toString().substring(base.length());
        records.add(SenmlRecord.of(records.isEmpty() ? base : null, null, relative, leaf.value()));
      }
    }
    return writePack(records);
  }

  @Override
  public final LwM2mNode decode(byte[] payload, LwM2mPath path, ModelLookup models) {
    List<SenmlResolver.Resolved> records = SenmlResolver.resolve(readPack(payload), formatName());
    return NodeAssembler.assemble(path, SenmlResolver.leaves(records, models, formatName()), models);
  }

  @Override
  public final byte[] encodePaths(List<LwM2mPath> paths) {
    List<SenmlRecord> records = new ArrayList<>(paths.size());
    for (LwM2mPath path : paths) {
      records.add(SenmlRecord.pathOnly(path.toString()));
    }
    return writePack(records);
  }

  @Override
  public final List<LwM2mPath> decodePaths(byte[] payload) {
    List<SenmlResolver.Resolved> records = SenmlResolver.resolve(readPack(payload), formatName());
    List<LwM2mPath> paths = new ArrayList<>(records.size());
    for (SenmlResolver.Resolved record : records) {
      if (record.record().kind() != SenmlRecord.Kind.NONE) {
        throw new CodecException(formatName() + " record " + record.index() + " (" + record.path()
            + "): a path list carries names only, but this record has a value");
      }
      paths.add(record.path());
    }
    return paths;
  }

  @Override
  public final byte[] encodeNodes(Map<LwM2mPath, LwM2mNode> nodes, ModelLookup models) {
    List<SenmlRecord> records = new ArrayList<>();
    for (Map.Entry<LwM2mPath, LwM2mNode> entry : nodes.entrySet()) {
      for (PathValue leaf : NodeFlattener.typedLeaves(entry.getValue(), entry.getKey(), models)) {
        records.add(SenmlRecord.of(null, null, leaf.path().toString(), leaf.value()));
      }
    }
    return writePack(records);
  }

  @Override
  public final Map<LwM2mPath, LwM2mNode> decodeNodes(byte[] payload, List<LwM2mPath> requested, ModelLookup models) {
    List<SenmlResolver.Resolved> records = SenmlResolver.resolve(readPack(payload), formatName());
    return NodeAssembler.assembleComposite(SenmlResolver.leaves(records, models, formatName()), requested, models);
  }

  /**
   * Untimed entries come first (a base time, once set, persists over the following records); each
   * run of entries with the same timestamp starts with a record carrying it as {@code bt}.
   */
  @Override
  public final byte[] encodeTimestamped(List<TimestampedNode> nodes, ModelLookup models) {
    List<TimestampedNode> ordered = new ArrayList<>(nodes);
    ordered.sort(Comparator.comparing((TimestampedNode n) -> n.timestamp().isPresent()));
    List<SenmlRecord> records = new ArrayList<>();
    Optional<Instant> current = Optional.empty();
    for (TimestampedNode entry : ordered) {
      boolean startsGroup = entry.timestamp().isPresent() && !entry.timestamp().equals(current);
      current = entry.timestamp();
      for (PathValue leaf : NodeFlattener.typedLeaves(entry.node(), entry.path(), models)) {
        Number baseTime = startsGroup ? seconds(current.orElseThrow()) : null;
        startsGroup = false;
        records.add(SenmlRecord.of(null, baseTime, leaf.path().toString(), leaf.value()));
      }
    }
    return writePack(records);
  }

  @Override
  public final List<TimestampedNode> decodeTimestamped(byte[] payload, ModelLookup models) {
    List<SenmlResolver.Resolved> records = new ArrayList<>(SenmlResolver.resolve(readPack(payload), formatName()));
    Comparator<Optional<Instant>> byTime = Comparator.comparing(t -> t.orElse(Instant.MIN));
    records.sort(Comparator.comparing(SenmlResolver.Resolved::time, byTime));
    List<TimestampedNode> out = new ArrayList<>(records.size());
    int start = 0;
    while (start < records.size()) {
      Optional<Instant> time = records.get(start).time();
      int end = start;
      while (end < records.size() && Objects.equals(records.get(end).time(), time)) {
        end++;
      }
      List<PathValue> leaves = SenmlResolver.leaves(records.subList(start, end), models, formatName());
      for (Map.Entry<LwM2mPath, LwM2mNode> node : NodeAssembler.assembleComposite(leaves, List.of(), models).entrySet()) {
        out.add(new TimestampedNode(time, node.getKey(), node.getValue()));
      }
      start = end;
    }
    return out;
  }

  /** Whole seconds as a Long, otherwise a decimal with the fraction. */
  private static Number seconds(Instant instant) {
    if (instant.getEpochSecond() < 1L << 28) {
      throw new CodecException("timestamp " + instant + " is before 1978-07-04, which SenML reads as a time relative to now");
    }
    if (instant.getNano() == 0) {
      return instant.getEpochSecond();
    }
    return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9)).doubleValue();
  }
}
