package org.lwm2m4j.client.object;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The object tree as a Device Management server sees it: Read, Write, Create, Delete, Execute and
 * Discover with the model's rules and the spec's codes — 4.04 for what does not exist, 4.05 for
 * what the model does not allow (reading a write-only resource, writing a read-only one, executing
 * a value, writing a whole object, deleting an object or the Device instance), 4.00 for a bad
 * request (an instance id in use, a Create missing mandatory resources). Which server may do what
 * (object 2, and the Security object closed to every DM server) is decided before, by the
 * client's access control.
 *
 * <p>Thread-safe: shares its tree's lock. Get it from {@link ObjectTree#dmView()}.
 */
public final class DmView {
  private final ObjectTree tree;

  DmView(ObjectTree tree) {
    this.tree = tree;
  }

  /** The tree this is a view of. */
  public ObjectTree tree() {
    return tree;
  }

  /** Read: the node at {@code path}, with readable resources only. */
  public LwM2mNode read(LwM2mPath path) {
    return tree.read(path, DmView::readable);
  }

  private static boolean readable(ResourceModel model) {
    return model.operations().isReadable();
  }

  /**
   * Write: replaces ({@code replace}) or partially updates the instance, resource or resource
   * instance at {@code path}. All checks happen before anything is written, so a refused request
   * changes nothing.
   */
  public void write(LwM2mPath path, LwM2mNode node, boolean replace) {
    Set<LwM2mPath> changed = new LinkedHashSet<>();
    synchronized (tree) {
      if (path.isRoot()) {
        throw new MethodNotAllowedException("Write on / is not allowed");
      }
      ObjectEntry entry = tree.entry(path);
      if (path.isObject()) {
        throw new MethodNotAllowedException("Write on an object (" + path + ") is not allowed; write an instance");
      }
      if (path.isObjectInstance()) {
        LwM2mObjectInstance instanceNode = NodeWrites.requireNode(node, LwM2mObjectInstance.class, path);
        NodeWrites.requireSameInstance(instanceNode, path);
        for (LwM2mResource resource : instanceNode.resources()) {
          ResourceModel model = entry.model.resource(resource.id())
              .orElseThrow(() -> new NotFoundException("object " + entry.model.id() + " has no resource " + resource.id()));
          requireWritable(model, path.append(resource.id()));
        }
        InstanceEnabler instance = entry.instances.get(path.instanceId());
        if (instance == null) {
          throw new NotFoundException("no instance " + path);
        }
        NodeWrites.writeInstance(entry, instance, path, instanceNode, replace, changed);
      } else {
        InstanceEnabler instance = entry.instance(path);
        ResourceModel model = entry.resourceModel(path);
        requireWritable(model, path);
        NodeWrites.writeResource(instance, model, path, node, replace, changed);
      }
    }
    tree.fireValuesChanged(changed);
  }

  private static void requireWritable(ResourceModel model, LwM2mPath path) {
    if (!model.operations().isWritable()) {
      throw new MethodNotAllowedException(path + " is not writable (" + model.operations().ddfName() + ")");
    }
  }

  /**
   * Create: a new instance of {@code objectId} with {@code resources}, with id {@code instanceId}
   * or, if empty, the lowest free id. Read-only values in the payload only initialise resources
   * the new instance has no value for; unknown and executable resources are ignored; every
   * mandatory resource must have a value.
   *
   * @return the new instance's path
   */
  public LwM2mPath create(int objectId, OptionalInt instanceId, List<LwM2mResource> resources) {
    return tree.create(objectId, instanceId, (entry, instance) -> {
      for (LwM2mResource resource : resources) {
        ResourceModel model = entry.model.resource(resource.id()).orElse(null);
        if (model == null || model.operations().isExecutable()) {
          continue;
        }
        // A read-only value in the payload is ignored where the enabler has its own (a sensor);
        // a generic stored instance has none, so the payload initialises it.
        if (model.operations().isWritable() || instance.resource(resource.id()).isEmpty()) {
          instance.write(resource);
        }
      }
      for (ResourceModel model : entry.model.resources()) {
        if (model.mandatory() && !model.operations().isExecutable() && instance.resource(model.id()).isEmpty()) {
          throw new InvalidRequestException("Create of /" + objectId + " lacks mandatory resource " + model.id() + " (" + model.name() + ")");
        }
      }
    });
  }

  /**
   * Delete: an object instance, or (1.2) one resource instance. The Device instance cannot be
   * deleted, nor whole objects (those only by the bootstrap server).
   */
  public void delete(LwM2mPath path) {
    Set<LwM2mPath> changed = new LinkedHashSet<>();
    boolean structure = false;
    synchronized (tree) {
      if (path.isRoot() || path.isObject()) {
        throw new MethodNotAllowedException("Delete of " + (path.isRoot() ? "/" : path) + " is only for the bootstrap server");
      } else if (path.isObjectInstance()) {
        ObjectEntry entry = tree.entry(path);
        if (path.objectId() == 3) {
          throw new MethodNotAllowedException("the Device instance " + path + " cannot be deleted");
        }
        entry.instance(path);
        entry.instances.remove(path.instanceId());
        changed.add(path);
        structure = true;
      } else if (path.isResourceInstance()) {
        ObjectEntry entry = tree.entry(path);
        InstanceEnabler instance = entry.instance(path);
        ResourceModel model = entry.resourceModel(path);
        requireWritable(model, path);
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

  /** Execute: runs the executable resource at {@code path} with {@code arguments} (checked for syntax, 4.00). */
  public void execute(LwM2mPath path, String arguments) {
    InstanceEnabler instance;
    synchronized (tree) {
      if (!path.isResource()) {
        throw new MethodNotAllowedException("Execute targets a resource, not " + (path.isRoot() ? "/" : path));
      }
      ObjectEntry entry = tree.entry(path);
      instance = entry.instance(path);
      ResourceModel model = entry.resourceModel(path);
      if (!model.operations().isExecutable()) {
        throw new MethodNotAllowedException(path + " is not executable (" + model.operations().ddfName() + ")");
      }
      ExecuteArguments.parse(arguments);
    }
    instance.execute(path.resourceId(), arguments);
  }

  /**
   * Discover: the links under {@code path} — the object with its version, instances, resources
   * with their dimension — each with the attributes {@code attributes} gives for it.
   */
  public List<Link> discover(LwM2mPath path, Function<LwM2mPath, List<LinkAttribute>> attributes) {
    synchronized (tree) {
      return new DiscoverLinks(tree, attributes).under(path);
    }
  }
}
