package org.lwm2m4j.core.codec.cbor;

import java.util.ArrayList;
import java.util.List;
import org.lwm2m4j.core.codec.CborReader;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.NodeAssembler;
import org.lwm2m4j.core.codec.NumericValues;
import org.lwm2m4j.core.codec.PathValue;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.Value;

/**
 * Reads an LwM2M CBOR payload: a map whose keys are one id or an array of ids, whose values are
 * data items or nested maps; the ids along a branch make the path of its value. Accepts definite
 * and indefinite items and mixed key styles. Nesting follows path segments, so it is at most four
 * maps deep; a fifth segment is an error before anything deeper is read.
 */
final class PathTreeReader {
  static final String FORMAT = "LwM2M CBOR";

  private final CborReader reader;
  private final ModelLookup models;
  private final boolean pathsOnly;
  private final List<PathValue> leaves = new ArrayList<>();
  private final List<LwM2mPath> paths = new ArrayList<>();

  private PathTreeReader(byte[] payload, ModelLookup models, boolean pathsOnly) {
    this.reader = new CborReader(payload, FORMAT);
    this.models = models;
    this.pathsOnly = pathsOnly;
  }

  /** The values of the payload, typed by the model. */
  static List<PathValue> leaves(byte[] payload, ModelLookup models) {
    PathTreeReader tree = new PathTreeReader(payload, models, false);
    tree.readAll();
    return tree.leaves;
  }

  /** The paths of a path list: a tree whose leaves are all null. */
  static List<LwM2mPath> paths(byte[] payload) {
    PathTreeReader tree = new PathTreeReader(payload, id -> java.util.Optional.empty(), true);
    tree.readAll();
    return tree.paths;
  }

  private void readAll() {
    if (reader.atEnd()) {
      throw reader.error("empty payload; expected a map", 0);
    }
    readMap(new int[0]);
    reader.expectEnd();
  }

  private void readMap(int[] prefix) {
    long entries = reader.readMapStart();
    for (long i = 0; entries == CborReader.INDEFINITE ? !reader.peekBreak() : i < entries; i++) {
      int keyAt = reader.offset();
      int[] ids = concat(prefix, readKey(prefix.length), keyAt);
      if (reader.peekMajor() == CborReader.MAP) {
        readMap(ids);
      } else {
        readLeaf(ids, keyAt);
      }
    }
    if (entries == CborReader.INDEFINITE) {
      reader.readBreak();
    }
  }

  /** One id (uint) or an array of ids, none of them 65535. */
  private int[] readKey(int depth) {
    int at = reader.offset();
    int major = reader.peekMajor();
    if (major == CborReader.UNSIGNED) {
      return new int[] {id(at)};
    }
    if (major != CborReader.ARRAY) {
      throw reader.error("a key must be an id or an array of ids", at);
    }
    long count = reader.readArrayStart();
    if (count == 0) {
      throw reader.error("a key may not be an empty array", at);
    }
    if (count > 4 - depth) {
      throw reader.error("the key makes a path longer than 4 ids", at);
    }
    int[] ids = new int[4];
    int n = 0;
    while (count == CborReader.INDEFINITE ? !reader.peekBreak() : n < count) {
      if (n + depth == 4) {
        throw reader.error("the key makes a path longer than 4 ids", at);
      }
      int idAt = reader.offset();
      if (reader.peekMajor() != CborReader.UNSIGNED) {
        throw reader.error("a key array may hold ids only", idAt);
      }
      ids[n++] = id(idAt);
    }
    if (count == CborReader.INDEFINITE) {
      reader.readBreak();
      if (n == 0) {
        throw reader.error("a key may not be an empty array", at);
      }
    }
    return java.util.Arrays.copyOf(ids, n);
  }

  private int id(int at) {
    Number id = reader.readNumber();
    if (!(id instanceof Long value) || !LwM2mPath.isValidId((int) Math.min(value, Integer.MAX_VALUE))) {
      throw reader.error("id " + id + " is outside 0.." + LwM2mPath.MAX_ID, at);
    }
    return (int) (long) value;
  }

  private int[] concat(int[] prefix, int[] ids, int at) {
    if (prefix.length + ids.length > 4) {
      throw reader.error("the key makes a path longer than 4 ids", at);
    }
    int[] all = java.util.Arrays.copyOf(prefix, prefix.length + ids.length);
    System.arraycopy(ids, 0, all, prefix.length, ids.length);
    return all;
  }

  private void readLeaf(int[] ids, int keyAt) {
    LwM2mPath path = LwM2mPath.of(ids);
    if (pathsOnly) {
      reader.readNull();
      paths.add(path);
      return;
    }
    int valueAt = reader.offset();
    if (reader.peekNull()) {
      throw reader.error("null value for " + path + " (only a path list or a deletion may carry null)", valueAt);
    }
    if (path.depth() < 3) {
      throw reader.error("values belong to resources or resource instances, not to " + path, keyAt);
    }
    ResourceType type = NodeAssembler.resourceModel(path, models).type();
    leaves.add(new PathValue(path, value(type, path, valueAt)));
  }

  private Value value(ResourceType type, LwM2mPath path, int at) {
    String where = FORMAT + " value for " + path;
    try {
      switch (type) {
        case STRING:
          return Value.of(reader.readText());
        case CORELNK:
          return Value.ofCorelnk(reader.readText());
        case BOOLEAN:
          return Value.of(reader.readBoolean());
        case OPAQUE:
          return Value.of(reader.readBytes());
        case OBJLNK:
          return ObjlnkValue.parse(reader.readText());
        case NONE:
          throw reader.error(path + " is executable and has no value", at);
        default:
          return NumericValues.of(reader.readNumber(), type, where);
      }
    } catch (IllegalArgumentException e) {
      throw new CodecException(where + ": " + e.getMessage(), at);
    }
  }
}
