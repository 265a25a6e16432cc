package org.lwm2m4j.core.codec;

import java.util.ArrayList;
import java.util.List;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Turns a node into its leaf values in path order, for the record-oriented encoders. An empty
 * multiple resource or object has no leaves (record formats cannot say "empty").
 */
public final class NodeFlattener {
  private NodeFlattener() {}

  /**
   * The leaves of {@code node}, which lives at {@code path}.
   *
   * @throws CodecException if the node's level does not match the path's depth or its id differs
   *     from the path's last id
   */
  public static List<PathValue> leaves(LwM2mNode node, LwM2mPath path) {
    List<PathValue> out = new ArrayList<>();
    addLeaves(node, path, out);
    return out;
  }

  /**
   * The leaves of {@code node} at {@code path}, checked against the model and with each value
   * converted to its resource's type ({@link ValueConversion}): what a record-oriented encoder
   * writes.
   *
   * @throws CodecException if a resource is unknown or executable, a value sits at a
   *     resource-instance path of a single resource (or the reverse), or a value does not convert
   */
  public static List<PathValue> typedLeaves(LwM2mNode node, LwM2mPath path, ModelLookup models) {
    List<PathValue> leaves = leaves(node, path);
    for (int i = 0; i < leaves.size(); i++) {
      PathValue leaf = leaves.get(i);
      ResourceModel model = NodeAssembler.resourceModel(leaf.path(), models);
      if (model.type() == ResourceType.NONE) {
        throw new CodecException("resource " + leaf.path() + " (" + model.name() + ") is executable; it has no value to encode");
      }
      if (model.multiple() != leaf.path().isResourceInstance()) {
        throw new CodecException(model.multiple()
            ? "resource " + leaf.path() + " (" + model.name() + ") is multiple-instance; give it as a MultipleResource"
            : "resource " + leaf.path().parent() + " (" + model.name() + ") is single-instance; give it as a SingleResource");
      }
      if (leaf.value().type() != model.type()) {
        leaves.set(i, new PathValue(leaf.path(), ValueConversion.toType(leaf.value(), model.type(), leaf.path())));
      }
    }
    return leaves;
  }

  /** Appends the leaves of {@code node} at {@code path} to {@code out}. */
  public static void addLeaves(LwM2mNode node, LwM2mPath path, List<PathValue> out) {
    checkLevel(node, path);
    if (node instanceof LwM2mObject object) {
      for (LwM2mObjectInstance instance : object.instances()) {
        addInstance(instance, path.append(instance.id()), out);
      }
    } else if (node instanceof LwM2mObjectInstance instance) {
      addInstance(instance, path, out);
    } else if (node instanceof LwM2mResource resource) {
      addResource(resource, path, out);
    } else if (node instanceof LwM2mResourceInstance instance) {
      out.add(new PathValue(path, instance.value()));
    }
  }

  private static void addInstance(LwM2mObjectInstance instance, LwM2mPath path, List<PathValue> out) {
    for (LwM2mResource resource : instance.resources()) {
      addResource(resource, path.append(resource.id()), out);
    }
  }

  private static void addResource(LwM2mResource resource, LwM2mPath path, List<PathValue> out) {
    if (resource instanceof SingleResource single) {
      out.add(new PathValue(path, single.value()));
    } else if (resource instanceof MultipleResource multiple) {
      for (LwM2mResourceInstance instance : multiple.instances()) {
        out.add(new PathValue(path.append(instance.id()), instance.value()));
      }
    }
  }

  /**
   * Checks that {@code node} is of the level {@code path} names and carries its last id.
   *
   * @throws CodecException otherwise
   */
  public static void checkLevel(LwM2mNode node, LwM2mPath path) {
    int expectedDepth = depthOf(node);
    if (path.depth() != expectedDepth) {
      throw new CodecException("a " + node.getClass().getSimpleName() + " cannot live at " + path);
    }
    if (path.id(expectedDepth - 1) != node.id()) {
      throw new CodecException("node id " + node.id() + " does not match path " + path);
    }
  }

  /** The path depth at which a node of this kind lives: 1 object … 4 resource instance. */
  public static int depthOf(LwM2mNode node) {
    if (node instanceof LwM2mObject) {
      return 1;
    } else if (node instanceof LwM2mObjectInstance) {
      return 2;
    } else if (node instanceof LwM2mResource) {
      return 3;
    }
    return 4;
  }
}
