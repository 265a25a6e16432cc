package org.lwm2m4j.core.path;

import java.util.Objects;

/**
 * An absolute path in the LwM2M data model: {@code /}, {@code /o}, {@code /o/i}, {@code /o/i/r} or
 * {@code /o/i/r/ri}. Every id is 0..65534 (65535 is reserved by the spec and never names an
 * entity). Instances are immutable, ordered by id segment by segment (so {@code /3/0/7/1} sorts
 * after {@code /3/0/7} and before {@code /3/0/8}), and print as their canonical text.
 *
 * <pre>{@code
 * LwM2mPath p = LwM2mPath.parse("/3/0/7/1");
 * p.depth();      // 4
 * p.parent();     // /3/0/7
 * }</pre>
 */
public final class LwM2mPath implements Comparable<LwM2mPath> {
  /** The largest id a real entity may have; 65535 is reserved. */
  public static final int MAX_ID = 65534;

  /** The root path {@code /}. */
  public static final LwM2mPath ROOT = new LwM2mPath(new int[0]);

  private static final int[] NO_IDS = new int[0];

  private final int[] ids;

  private LwM2mPath(int[] ids) {
    this.ids = ids;
  }

  /**
   * Parses {@code "/3/0/1"}. A single trailing slash is tolerated ({@code "/3/0/"} is {@code /3/0}),
   * as registry examples and some clients write it; empty segments, signs, leading {@code +},
   * non-digits and ids above {@value #MAX_ID} are rejected.
   *
   * @throws InvalidPathException naming the offending segment
   */
  public static LwM2mPath parse(String text) {
    Objects.requireNonNull(text, "path");
    int length = text.length();
    if (length == 0 || text.charAt(0) != '/') {
      throw new InvalidPathException("path '" + text + "' must start with '/'");
    }
    if (length > 1 && text.charAt(length - 1) == '/') {
      length--;
    }
    if (length == 1) {
      if (text.length() > 1) {
        throw new InvalidPathException("path '" + text + "' has an empty segment at character 1");
      }
      return ROOT;
    }
    int[] ids = new int[4];
    int depth = 0;
    int pos = 1;
    while (pos <= length) {
      if (depth == 4) {
        throw new InvalidPathException("path '" + text + "' has more than 4 segments");
      }
      int value = 0;
      int start = pos;
      while (pos < length && text.charAt(pos) != '/') {
        char c = text.charAt(pos);
        if (c < '0' || c > '9') {
          throw new InvalidPathException("path '" + text + "' has a non-numeric segment at character " + pos);
        }
        value = value * 10 + (c - '0');
        if (value > MAX_ID) {
          throw new InvalidPathException("path '" + text + "' has an id above " + MAX_ID + " at character " + start);
        }
        pos++;
      }
      if (pos == start) {
        throw new InvalidPathException("path '" + text + "' has an empty segment at character " + start);
      }
      ids[depth++] = value;
      pos++;
    }
    return new LwM2mPath(depth == 4 ? ids : java.util.Arrays.copyOf(ids, depth));
  }

  /**
   * The path made of these ids, outermost first: {@code of(3, 0, 7)} is {@code /3/0/7}; no ids is
   * the root.
   *
   * @throws InvalidPathException if there are more than four ids or one is outside 0..65534
   */
  public static LwM2mPath of(int... ids) {
    if (ids.length == 0) {
      return ROOT;
    }
    if (ids.length > 4) {
      throw new InvalidPathException("a path has at most 4 ids, got " + ids.length);
    }
    for (int id : ids) {
      checkId(id);
    }
    return new LwM2mPath(ids.clone());
  }

  /** Whether {@code id} may name an object, instance, resource or resource instance. */
  public static boolean isValidId(int id) {
    return id >= 0 && id <= MAX_ID;
  }

  static void checkId(int id) {
    if (!isValidId(id)) {
      throw new InvalidPathException("id " + id + " is outside 0.." + MAX_ID);
    }
  }

  /** Number of segments: 0 root, 1 object, 2 instance, 3 resource, 4 resource instance. */
  public int depth() {
    return ids.length;
  }

  public boolean isRoot() {
    return ids.length == 0;
  }

  public boolean isObject() {
    return ids.length == 1;
  }

  public boolean isObjectInstance() {
    return ids.length == 2;
  }

  public boolean isResource() {
    return ids.length == 3;
  }

  public boolean isResourceInstance() {
    return ids.length == 4;
  }

  /** @throws IllegalStateException on the root */
  public int objectId() {
    return id(0);
  }

  /** @throws IllegalStateException when the path does not reach an instance */
  public int instanceId() {
    return id(1);
  }

  /** @throws IllegalStateException when the path does not reach a resource */
  public int resourceId() {
    return id(2);
  }

  /** @throws IllegalStateException when the path does not reach a resource instance */
  public int resourceInstanceId() {
    return id(3);
  }

  /** The id at {@code index} (0 object … 3 resource instance). */
  public int id(int index) {
    if (index < 0 || index >= ids.length) {
      throw new IllegalStateException("path " + this + " has no segment " + index);
    }
    return ids[index];
  }

  /** The ids, outermost first (a copy). */
  public int[] ids() {
    return ids.length == 0 ? NO_IDS : ids.clone();
  }

  /** This path with {@code id} appended: {@code /3/0}.append(7) is {@code /3/0/7}. */
  public LwM2mPath append(int id) {
    checkId(id);
    if (ids.length == 4) {
      throw new InvalidPathException("cannot append to resource-instance path " + this);
    }
    int[] longer = java.util.Arrays.copyOf(ids, ids.length + 1);
    longer[ids.length] = id;
    return new LwM2mPath(longer);
  }

  /** The enclosing path; the root's parent is the root. */
  public LwM2mPath parent() {
    return ids.length <= 1 ? ROOT : new LwM2mPath(java.util.Arrays.copyOf(ids, ids.length - 1));
  }

  /** Whether {@code other} is this path or one of its ancestors. */
  public boolean startsWith(LwM2mPath other) {
    if (other.ids.length > ids.length) {
      return false;
    }
    for (int i = 0; i < other.ids.length; i++) {
      if (ids[i] != other.ids[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(LwM2mPath other) {
    int common = Math.min(ids.length, other.ids.length);
    for (int i = 0; i < common; i++) {
      int c = Integer.compare(ids[i], other.ids[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ids.length, other.ids.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LwM2mPath other && java.util.Arrays.equals(ids, other.ids);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(ids);
  }

  /** The canonical text, e.g. {@code /3/0/7/1}; the root is {@code /}. */
  @Override
  public String toString() {
    if (ids.length == 0) {
      return "/";
    }
    StringBuilder sb = new StringBuilder(ids.length * 4);
    for (int id : ids) {
      sb.append('/').append(id);
    }
    return sb.toString();
  }
}
