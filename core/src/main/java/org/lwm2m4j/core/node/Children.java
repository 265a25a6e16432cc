package org.lwm2m4j.core.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.lwm2m4j.core.path.LwM2mPath;

/** The shared rules for a node's children: valid ids, sorted by id, no id twice. */
final class Children {
  private Children() {}

  static void checkId(int id, String what) {
    if (!LwM2mPath.isValidId(id)) {
      throw new IllegalArgumentException(what + " id " + id + " is outside 0.." + LwM2mPath.MAX_ID);
    }
  }

  /** An immutable copy of {@code children}, sorted by id, rejecting duplicates. */
  static <T extends LwM2mNode> List<T> sortedCopy(Collection<? extends T> children, String parent) {
    boolean sorted = true;
    int previous = -1;
    for (T child : children) {
      int id = child.id();
      if (id <= previous) {
        sorted = false;
        break;
      }
      previous = id;
    }
    if (sorted) {
      return List.copyOf(children);
    }
    List<T> copy = new ArrayList<>(children);
    copy.sort(Comparator.comparingInt(LwM2mNode::id));
    for (int i = 1; i < copy.size(); i++) {
      if (copy.get(i).id() == copy.get(i - 1).id()) {
        throw new IllegalArgumentException(parent + " has child " + copy.get(i).id() + " twice");
      }
    }
    return List.copyOf(copy);
  }

  /** Binary search for the child with {@code id} in a list sorted by id. */
  static <T extends LwM2mNode> int indexOf(List<T> children, int id) {
    int low = 0;
    int high = children.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int midId = children.get(mid).id();
      if (midId < id) {
        low = mid + 1;
      } else if (midId > id) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }
}
