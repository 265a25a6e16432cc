package org.lwm2m4j.client.object;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The object tree as the Bootstrap-Server sees it, and the client itself when it provisions
 * accounts (factory configuration, smartcard, saved state) or keeps object 2 in step: every
 * resource may be read and written whatever its operations (the Security object's keys included),
 * a Write may target a whole object and creates the instances it names, a Create needs no
 * mandatory resources, and whole objects may be deleted. What the Bootstrap interface itself
 * forbids (Bootstrap-Read beyond objects 1 and 2, deleting the Device instance or the client's own
 * Bootstrap-Server account) is refused by its handler before it gets here.
 *
 * <p>Thread-safe: shares its tree's lock. Get it from {@link ObjectTree#bootstrapView()}.
 */
public final class BootstrapView {
  private final ObjectTree tree;

  BootstrapView(ObjectTree tree) {
    this.tree = tree;
  }

  /** The tree this is a view of. */
  public ObjectTree tree() {
    return tree;
  }

  /** Read: the node at {@code path} with every resource that holds a value, readable by servers or not. */
  public LwM2mNode read(LwM2mPath path) {
    return tree.read(path, model -> true);
  }

  /**
   * Write: replaces ({@code replace}) or partially updates the object, instance, resource or
   * resource instance at {@code path}; an instance the write names, or a resource of which it
   * writes, that does not exist is created.
   */
  public void write(LwM2mPath path, LwM2mNode node, boolean replace) {
    Set<LwM2mPath> changed = new LinkedHashSet<>();
    boolean created = false;
    synchronized (tree) {
      if (path.isRoot()) {
        throw new MethodNotAllowedException("Write on / is not allowed");
      }
      ObjectEntry entry = tree.entry(path);
      if (path.isObject()) {
        LwM2mObject object = NodeWrites.requireNode(node, LwM2mObject.class, path);
        for (LwM2mObjectInstance instance : object.instances()) {
          created |= writeInstance(entry, LwM2mPath.of(path.objectId(), instance.id()), instance, replace, changed);
        }
      } else if (path.isObjectInstance()) {
        created = writeInstance(entry, path, NodeWrites.requireNode(node, LwM2mObjectInstance.class, path), replace, changed);
      } else if (path.isResource() && !entry.instances.containsKey(path.instanceId())) {
        // Bootstrap-Write writes whatever exists: a resource of a missing instance brings the instance
        LwM2mResource resource = NodeWrites.requireNode(node, LwM2mResource.class, path);
        created = writeInstance(entry, path.parent(), new LwM2mObjectInstance(path.instanceId(), List.of(resource)), false, changed);
      } else {
        InstanceEnabler instance = entry.instance(path);
        ResourceModel model = entry.resourceModel(path);
        NodeWrites.writeResource(instance, model, path, node, replace, changed);
      }
    }
    tree.fireValuesChanged(changed);
    if (created) {
      tree.fireInstancesChanged();
    }
  }

  /** Writes an instance, creating it if missing; true if it was created. */
  private boolean writeInstance(ObjectEntry entry, LwM2mPath path, LwM2mObjectInstance node, boolean replace, Set<LwM2mPath> changed) {
    NodeWrites.requireSameInstance(node, path);
    for (LwM2mResource resource : node.resources()) {
      entry.model.resource(resource.id())
          .orElseThrow(() -> new NotFoundException("object " + entry.model.id() + " has no resource " + resource.id()));
    }
    InstanceEnabler instance = entry.instances.get(path.instanceId());
    boolean created = false;
    if (instance == null) {
      instance = entry.factory.create(path.instanceId());
      tree.put(entry, path.instanceId(), instance);
      created = true;
    }
    NodeWrites.writeInstance(entry, instance, path, node, replace, changed);
    return created;
  }

  /**
   * Create: a new instance of {@code objectId} with {@code resources} (unknown and executable ones
   * ignored), with id {@code instanceId} or, if empty, the lowest free id. Mandatory resources may
   * be left to the client's defaults.
   *
   * @return the new instance's path
   */
  public LwM2mPath create(int objectId, OptionalInt instanceId, List<LwM2mResource> resources) {
    return tree.create(objectId, instanceId, (entry, instance) -> {
      for (LwM2mResource resource : resources) {
        ResourceModel model = entry.model.resource(resource.id()).orElse(null);
        if (model != null && !model.operations().isExecutable()) {
          instance.write(resource);
        }
      }
    });
  }

  /**
   * Delete: every instance of every object ({@code /}), of one object ({@code /o}), one instance
   * or one resource instance.
   */
  public void delete(LwM2mPath path) {
    Set<LwM2mPath> changed = new LinkedHashSet<>();
    boolean structure = false;
    synchronized (tree) {
      if (path.isRoot() || path.isObject()) {
        for (ObjectEntry entry : path.isRoot() ? List.copyOf(tree.entries()) : List.of(tree.entry(path))) {
          if (!entry.instances.isEmpty()) {
            entry.instances.keySet().forEach(id -> changed.add(LwM2mPath.of(entry.model.id(), id)));
            entry.instances.clear();
            structure = true;
          }
        }
      } else if (path.isObjectInstance()) {
        ObjectEntry entry = tree.entry(path);
        entry.instance(path);
        entry.instances.remove(path.instanceId());
        changed.add(path);
        structure = true;
      } else if (path.isResourceInstance()) {
        ObjectEntry entry = tree.entry(path);
        InstanceEnabler instance = entry.instance(path);
        ResourceModel model = entry.resourceModel(path);
        NodeWrites.deleteResourceInstance(instance, model, path, changed);
      } else {
        throw new MethodNotAllowedException("Delete of resource " + path + " is not allowed; delete its instance");
      }
    }
    tree.fireValuesChanged(changed);
    if (structure) {
      tree.fireInstancesChanged();
    }
  }
}
