package org.lwm2m4j.core.codec.cbor;

import java.util.List;
import org.lwm2m4j.core.codec.CborWriter;
import org.lwm2m4j.core.codec.PathValue;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Writes path-sorted leaves as LwM2M CBOR entries: one top-level key for a group, then one nested
 * map level per remaining path segment. A group of a single value below its key is written as the
 * value itself.
 */
final class PathTreeWriter {
  private final CborWriter out = new CborWriter();

  byte[] toByteArray() {
    return out.toByteArray();
  }

  CborWriter cbor() {
    return out;
  }

  /** The key for {@code path}: a plain id for an object, otherwise the array of its ids. */
  void key(LwM2mPath path) {
    if (path.depth() == 1) {
      out.unsigned(path.objectId());
      return;
    }
    out.arrayStart(path.depth());
    for (int i = 0; i < path.depth(); i++) {
      out.unsigned(path.id(i));
    }
  }

  /**
   * Writes what stands under a key for {@code base}: the value when the only leaf is {@code base}
   * itself, otherwise nested maps of the leaves' remaining ids. {@code leaves} are sorted and all
   * start with {@code base}.
   */
  void below(LwM2mPath base, List<PathValue> leaves) {
    if (leaves.size() == 1 && leaves.get(0).path().equals(base)) {
      out.value(leaves.get(0).value());
      return;
    }
    map(leaves, 0, leaves.size(), base.depth());
  }

  /** A map of the leaves [from, to), keyed by their id at {@code level}. */
  private void map(List<PathValue> leaves, int from, int to, int level) {
    int groups = 0;
    for (int i = from; i < to; i = groupEnd(leaves, i, to, level)) {
      groups++;
    }
    out.mapStart(groups);
    for (int i = from; i < to; ) {
      int end = groupEnd(leaves, i, to, level);
      LwM2mPath first = leaves.get(i).path();
      out.unsigned(first.id(level));
      if (end - i == 1 && first.depth() == level + 1) {
        out.value(leaves.get(i).value());
      } else {
        map(leaves, i, end, level + 1);
      }
      i = end;
    }
  }

  private static int groupEnd(List<PathValue> leaves, int from, int to, int level) {
    int id = leaves.get(from).path().id(level);
    int end = from + 1;
    while (end < to && leaves.get(end).path().id(level) == id) {
      end++;
    }
    return end;
  }
}
