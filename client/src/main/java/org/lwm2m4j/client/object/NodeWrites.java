package org.lwm2m4j.client.object;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The value changes both views make once their own checks have passed: writing an instance's
 * resources (replace or partial update), a resource, a resource instance, and removing a resource
 * instance. Callers hold the tree's lock and collect the changed paths to report after it.
 */
final class NodeWrites {
  private NodeWrites() {}

  /**
   * Writes the resources of {@code node} into {@code instance} at {@code path}; a replacing write
   * also removes the writable, optional resources the payload does not hold.
   */
  static void writeInstance(ObjectEntry entry, InstanceEnabler instance, LwM2mPath path, LwM2mObjectInstance node,
      boolean replace, Set<LwM2mPath> changed) {
    for (LwM2mResource resource : node.resources()) {
      boolean multiple = entry.model.resource(resource.id()).map(ResourceModel::multiple).orElse(false);
      instance.write(replace || !multiple ? resource : merge(instance.resource(resource.id()), resource));
      changed.add(path.append(resource.id()));
    }
    if (replace) {
      Set<Integer> given = new HashSet<>();
      node.resources().forEach(r -> given.add(r.id()));
      for (LwM2mResource present : instance.resources()) {
        Optional<ResourceModel> model = entry.model.resource(present.id());
        if (!given.contains(present.id()) && model.isPresent() && model.get().operations().isWritable()
            && !model.get().mandatory()) {
          instance.remove(present.id());
          changed.add(path.append(present.id()));
        }
      }
    }
  }

  /** Writes the resource or resource instance at {@code path} of an existing instance. */
  static void writeResource(InstanceEnabler instance, ResourceModel model, LwM2mPath path, LwM2mNode node, boolean replace,
      Set<LwM2mPath> changed) {
    if (path.isResource()) {
      LwM2mResource resource = requireNode(node, LwM2mResource.class, path);
      if (!replace && !model.multiple()) {
        throw new InvalidRequestException("a partial update of single resource " + path + " is not allowed; use a replacing Write (PUT)");
      }
      instance.write(replace ? resource : merge(instance.resource(model.id()), resource));
    } else {
      LwM2mResourceInstance value = requireNode(node, LwM2mResourceInstance.class, path);
      if (!replace) {
        throw new InvalidRequestException("a partial update of resource instance " + path + " is not allowed; use PUT");
      }
      MultipleResource current = existingMultiple(instance, model, path);
      instance.write(merge(Optional.of(current), new MultipleResource(model.id(), model.type(), List.of(value))));
    }
    changed.add(path.isResource() ? path : path.parent());
  }

  /** Removes the resource instance at {@code path}. */
  static void deleteResourceInstance(InstanceEnabler instance, ResourceModel model, LwM2mPath path, Set<LwM2mPath> changed) {
    MultipleResource multiple = existingMultiple(instance, model, path);
    List<LwM2mResourceInstance> kept = new ArrayList<>(multiple.instances());
    kept.removeIf(i -> i.id() == path.resourceInstanceId());
    instance.write(new MultipleResource(model.id(), model.type(), kept));
    changed.add(path.parent());
  }

  /** The multiple resource holding the resource instance at {@code path}, or 4.04. */
  private static MultipleResource existingMultiple(InstanceEnabler instance, ResourceModel model, LwM2mPath path) {
    LwM2mResource current = instance.resource(model.id()).orElseThrow(() -> new NotFoundException("no resource " + path.parent()));
    if (!(current instanceof MultipleResource multiple) || multiple.instance(path.resourceInstanceId()).isEmpty()) {
      throw new NotFoundException("no resource instance " + path);
    }
    return multiple;
  }

  /** {@code update} over {@code current}: resource instances of both, those of {@code update} winning. */
  static LwM2mResource merge(Optional<LwM2mResource> current, LwM2mResource update) {
    if (current.isEmpty() || !(current.get() instanceof MultipleResource old) || !(update instanceof MultipleResource added)) {
      return update;
    }
    Map<Integer, LwM2mResourceInstance> merged = new TreeMap<>();
    old.instances().forEach(i -> merged.put(i.id(), i));
    added.instances().forEach(i -> merged.put(i.id(), i));
    return new MultipleResource(old.id(), old.type(), new ArrayList<>(merged.values()));
  }

  /** {@code node} as a {@code type}, or 4.00 naming what the payload held. */
  static <T extends LwM2mNode> T requireNode(LwM2mNode node, Class<T> type, LwM2mPath path) {
    if (!type.isInstance(node)) {
      throw new InvalidRequestException("the payload for " + path + " holds a " + node.getClass().getSimpleName()
          + ", not a " + type.getSimpleName());
    }
    return type.cast(node);
  }

  /** 4.00 unless the instance payload is for the instance {@code path} names. */
  static void requireSameInstance(LwM2mObjectInstance node, LwM2mPath path) {
    if (node.id() != path.instanceId()) {
      throw new InvalidRequestException("the payload is for instance " + node.id() + ", the request for " + path);
    }
  }
}
