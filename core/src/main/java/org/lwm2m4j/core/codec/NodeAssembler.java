package org.lwm2m4j.core.codec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Builds nodes from leaf values for the record-oriented decoders, checking them against the
 * model: every leaf must lie under the target path, name a resource the model defines, use a
 * resource-instance path exactly when the resource is multiple, hold a value of the model's type,
 * and appear once.
 */
public final class NodeAssembler {
  private NodeAssembler() {}

  /**
   * The node at {@code target} made of {@code leaves} (in any order).
   *
   * @throws CodecException on any rule above, or when a single resource or resource instance is
   *     targeted and no leaf names it
   */
  public static LwM2mNode assemble(LwM2mPath target, List<PathValue> leaves, ModelLookup models) {
    if (target.isRoot()) {
      throw new CodecException("cannot decode a single node at the root path; use a composite operation");
    }
    List<PathValue> sorted = sortedChecked(leaves, models);
    for (PathValue leaf : sorted) {
      if (!leaf.path().startsWith(target)) {
        throw new CodecException("value for " + leaf.path() + " lies outside the target " + target);
      }
    }
    return switch (target.depth()) {
      case 1 -> buildObject(target.objectId(), sorted, 0, sorted.size());
      case 2 -> buildInstance(target.instanceId(), sorted, 0, sorted.size());
      case 3 -> {
        ResourceModel model = resourceModel(target, models);
        if (!model.multiple() && sorted.isEmpty()) {
          throw new CodecException("no value for resource " + target);
        }
        yield buildResource(target, model, sorted, 0, sorted.size());
      }
      default -> {
        if (sorted.size() != 1) {
          throw new CodecException("expected exactly one value for " + target + ", got " + sorted.size());
        }
        yield LwM2mResourceInstance.of(target.resourceInstanceId(), sorted.get(0).value());
      }
    };
  }

  /**
   * Groups leaves under the requested paths (see {@link CompositeCodec#decodeNodes}); with no
   * requested paths, each leaf becomes a node at its own path.
   */
  public static Map<LwM2mPath, LwM2mNode> assembleComposite(
      List<PathValue> leaves, List<LwM2mPath> requested, ModelLookup models) {
    List<PathValue> sorted = sortedChecked(leaves, models);
    Map<LwM2mPath, LwM2mNode> out = new LinkedHashMap<>();
    if (requested.isEmpty()) {
      for (PathValue leaf : sorted) {
        LwM2mPath path = leaf.path();
        LwM2mNode node = path.isResource()
            ? SingleResource.of(path.resourceId(), leaf.value())
            : LwM2mResourceInstance.of(path.resourceInstanceId(), leaf.value());
        out.put(path, node);
      }
      return out;
    }
    List<LwM2mPath> targets = new ArrayList<>(requested);
    targets.sort(Comparator.naturalOrder());
    for (PathValue leaf : sorted) {
      boolean covered = targets.stream().anyMatch(t -> leaf.path().startsWith(t));
      if (!covered) {
        throw new CodecException("value for " + leaf.path() + " was not requested");
      }
    }
    for (LwM2mPath target : targets) {
      if (target.isRoot()) {
        Map<LwM2mPath, LwM2mNode> all = assembleComposite(sorted, objectPaths(sorted), models);
        out.putAll(all);
        continue;
      }
      List<PathValue> under = new ArrayList<>();
      for (PathValue leaf : sorted) {
        if (leaf.path().startsWith(target)) {
          under.add(leaf);
        }
      }
      if (!under.isEmpty()) {
        out.put(target, assemble(target, under, models));
      }
    }
    return out;
  }

  private static List<LwM2mPath> objectPaths(List<PathValue> sorted) {
    List<LwM2mPath> objects = new ArrayList<>();
    for (PathValue leaf : sorted) {
      LwM2mPath object = LwM2mPath.of(leaf.path().objectId());
      if (objects.isEmpty() || !objects.get(objects.size() - 1).equals(object)) {
        objects.add(object);
      }
    }
    return objects;
  }

  /** Sorts leaves by path and checks each against the model and for duplicates. */
  private static List<PathValue> sortedChecked(List<PathValue> leaves, ModelLookup models) {
    List<PathValue> sorted = new ArrayList<>(leaves);
    boolean inOrder = true;
    for (int i = 1; i < sorted.size() && inOrder; i++) {
      inOrder = sorted.get(i - 1).path().compareTo(sorted.get(i).path()) < 0;
    }
    if (!inOrder) {
      sorted.sort(Comparator.comparing(PathValue::path));
    }
    for (int i = 0; i < sorted.size(); i++) {
      PathValue leaf = sorted.get(i);
      if (i > 0 && sorted.get(i - 1).path().equals(leaf.path())) {
        throw new CodecException("duplicate value for " + leaf.path());
      }
      ResourceModel model = resourceModel(leaf.path(), models);
      if (model.multiple() != leaf.path().isResourceInstance()) {
        throw new CodecException(model.multiple()
            ? "resource " + leaf.path() + " is multiple-instance; its values need resource-instance paths"
            : "resource " + leaf.path().parent() + " is single-instance; " + leaf.path() + " is not a valid path");
      }
      if (leaf.value().type() != model.type()) {
        throw new CodecException("value for " + leaf.path() + " is " + leaf.value().type()
            + " but the model says " + model.type());
      }
    }
    return sorted;
  }

  /**
   * The model of the resource {@code path} names (its first three ids).
   *
   * @throws CodecException if the object or resource is unknown
   */
  public static ResourceModel resourceModel(LwM2mPath path, ModelLookup models) {
    ObjectModel object = models.objectModel(path.objectId())
        .orElseThrow(() -> new CodecException("no model for object " + path.objectId() + " (path " + path + ")"));
    return object.resource(path.resourceId())
        .orElseThrow(() -> new CodecException("object " + object.id() + " (" + object.name()
            + ") has no resource " + path.resourceId() + " (path " + path + ")"));
  }

  // The builders below work on a sorted run [from, to) of leaves that all share the node's prefix.

  private static LwM2mObject buildObject(int objectId, List<PathValue> leaves, int from, int to) {
    List<LwM2mObjectInstance> instances = new ArrayList<>();
    int start = from;
    while (start < to) {
      int instanceId = leaves.get(start).path().instanceId();
      int end = start;
      while (end < to && leaves.get(end).path().instanceId() == instanceId) {
        end++;
      }
      instances.add(buildInstance(instanceId, leaves, start, end));
      start = end;
    }
    return new LwM2mObject(objectId, instances);
  }

  private static LwM2mObjectInstance buildInstance(int instanceId, List<PathValue> leaves, int from, int to) {
    List<LwM2mResource> resources = new ArrayList<>();
    int start = from;
    while (start < to) {
      LwM2mPath first = leaves.get(start).path();
      int resourceId = first.resourceId();
      int end = start;
      while (end < to && leaves.get(end).path().resourceId() == resourceId) {
        end++;
      }
      if (first.isResource()) {
        resources.add(SingleResource.of(resourceId, leaves.get(start).value()));
      } else {
        resources.add(multiple(resourceId, leaves.get(start).value().type(), leaves, start, end));
      }
      start = end;
    }
    return new LwM2mObjectInstance(instanceId, resources);
  }

  private static LwM2mResource buildResource(LwM2mPath target, ResourceModel model, List<PathValue> leaves, int from, int to) {
    if (model.multiple()) {
      return multiple(target.resourceId(), model.type(), leaves, from, to);
    }
    if (to - from != 1) {
      throw new CodecException("expected one value for single resource " + target + ", got " + (to - from));
    }
    return SingleResource.of(target.resourceId(), leaves.get(from).value());
  }

  private static MultipleResource multiple(int resourceId, org.lwm2m4j.core.model.ResourceType type,
      List<PathValue> leaves, int from, int to) {
    List<LwM2mResourceInstance> instances = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      PathValue leaf = leaves.get(i);
      instances.add(LwM2mResourceInstance.of(leaf.path().resourceInstanceId(), leaf.value()));
    }
    return new MultipleResource(resourceId, type, instances);
  }

}
