package org.lwm2m4j.client.object;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.model.CoreObjectVersions;
import org.lwm2m4j.core.model.ModelLookup;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The client's data: the objects it implements, each with its model and instances, and the Device
 * Management operations on them with the spec's rules and codes — 4.04 for what does not exist,
 * 4.05 for what the model does not allow (reading a write-only resource, writing a read-only one,
 * executing a value, deleting the Device instance), 4.00 for a bad request (an instance id in use,
 * a Create missing mandatory resources). Requests from the bootstrap server bypass the operation
 * checks ({@code bootstrap = true}).
 *
 * <p>Thread-safe: operations run under one lock; listeners are called after it is released.
 */
public final class ObjectTree implements ModelLookup {
  private final Map<Integer, Entry> objects = new TreeMap<>();
  private final List<TreeListener> listeners = new CopyOnWriteArrayList<>();
  /** The LwM2M version the client registers with: it implies the versions of the core objects. */
  private final Version lwm2mVersion;

  /** The tree of a client registering with LwM2M 1.1. */
  public ObjectTree() {
    this(Version.V1_1);
  }

  /**
   * The tree of a client registering with {@code lwm2mVersion}: links to objects at a version
   * that release implies leave {@code ver} off (see {@link CoreObjectVersions#isImplied}).
   */
  public ObjectTree(Version lwm2mVersion) {
    this.lwm2mVersion = Objects.requireNonNull(lwm2mVersion, "lwm2mVersion");
  }

  private static final class Entry {
    final ObjectModel model;
    final InstanceFactory factory;
    final TreeMap<Integer, InstanceEnabler> instances = new TreeMap<>();

    Entry(ObjectModel model, InstanceFactory factory) {
      this.model = model;
      this.factory = factory;
    }
  }

  /**
   * Adds an object the client implements, with its initial instances; {@code factory} makes the
   * instances servers create.
   *
   * @throws IllegalArgumentException if the object is already in the tree
   */
  public void addObject(ObjectModel model, InstanceFactory factory, List<? extends InstanceEnabler> instances) {
    synchronized (this) {
      if (objects.containsKey(model.id())) {
        throw new IllegalArgumentException("object " + model.id() + " is already in the tree");
      }
      Entry entry = new Entry(model, factory);
      objects.put(model.id(), entry);
      for (InstanceEnabler instance : instances) {
        attach(model.id(), instance);
        entry.instances.put(instance.id(), instance);
      }
    }
    fireInstancesChanged();
  }

  /** Adds a listener for value and instance changes. */
  public void addListener(TreeListener listener) {
    listeners.add(listener);
  }

  @Override
  public synchronized Optional<ObjectModel> objectModel(int objectId) {
    Entry entry = objects.get(objectId);
    return entry == null ? Optional.empty() : Optional.of(entry.model);
  }

  /** The ids of the implemented objects. */
  public synchronized List<Integer> objectIds() {
    return new ArrayList<>(objects.keySet());
  }

  /** The ids of an object's instances (empty if the object is not implemented). */
  public synchronized List<Integer> instanceIds(int objectId) {
    Entry entry = objects.get(objectId);
    return entry == null ? List.of() : new ArrayList<>(entry.instances.keySet());
  }

  /** The enabler of one instance. */
  public synchronized Optional<InstanceEnabler> instance(int objectId, int instanceId) {
    Entry entry = objects.get(objectId);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.instances.get(instanceId));
  }

  /** True if the path names an object, instance, resource or resource instance that exists now. */
  public synchronized boolean exists(LwM2mPath path) {
    try {
      read(path, true);
      return true;
    } catch (NotFoundException | MethodNotAllowedException e) {
      return e instanceof MethodNotAllowedException;
    }
  }

  // ---- Read ----------------------------------------------------------------------------------

  /** Read: the node at {@code path}, with readable resources only. */
  public synchronized LwM2mNode read(LwM2mPath path) {
    return read(path, false);
  }

  /** Read, for the bootstrap server too ({@code bootstrap} lifts the readable check). */
  public synchronized LwM2mNode read(LwM2mPath path, boolean bootstrap) {
    if (path.isRoot()) {
      throw new MethodNotAllowedException("Read of / is not allowed; read an object, instance or resource");
    }
    Entry entry = entry(path);
    if (path.isObject()) {
      List<LwM2mObjectInstance> instances = new ArrayList<>();
      for (InstanceEnabler instance : entry.instances.values()) {
        instances.add(readInstance(entry, instance, bootstrap));
      }
      return new LwM2mObject(entry.model.id(), instances);
    }
    InstanceEnabler instance = instance(entry, path);
    if (path.isObjectInstance()) {
      return readInstance(entry, instance, bootstrap);
    }
    ResourceModel model = resourceModel(entry, path);
    if (!bootstrap && !model.operations().isReadable()) {
      throw new MethodNotAllowedException(path + " is not readable (" + model.operations().ddfName() + ")");
    }
    LwM2mResource resource = instance.resource(path.resourceId())
        .orElseThrow(() -> new NotFoundException("no resource " + path.resourceId() + " in " + path.parent()));
    if (path.isResource()) {
      return resource;
    }
    if (!(resource instanceof MultipleResource multiple)) {
      throw new NotFoundException(path.parent() + " is a single resource; it has no instance " + path.resourceInstanceId());
    }
    return multiple.instance(path.resourceInstanceId())
        .orElseThrow(() -> new NotFoundException("no resource instance " + path));
  }

  private static LwM2mObjectInstance readInstance(Entry entry, InstanceEnabler instance, boolean bootstrap) {
    List<LwM2mResource> readable = new ArrayList<>();
    for (LwM2mResource resource : instance.resources()) {
      Optional<ResourceModel> model = entry.model.resource(resource.id());
      if (model.isPresent() && (bootstrap || model.get().operations().isReadable()) && !model.get().operations().isExecutable()) {
        readable.add(resource);
      }
    }
    return new LwM2mObjectInstance(instance.id(), readable);
  }

  // ---- Write ---------------------------------------------------------------------------------

  /**
   * Write: replaces ({@code replace}) or partially updates the node at {@code path}. All checks
   * happen before anything is written, so a refused request changes nothing. The bootstrap server
   * may write an object, and a write of an instance, or of one of its resources, that does not
   * exist creates the instance.
   */
  public void write(LwM2mPath path, LwM2mNode node, boolean replace, boolean bootstrap) {
    Set<LwM2mPath> changed = new LinkedHashSet<>();
    boolean created = false;
    synchronized (this) {
      if (path.isRoot()) {
        throw new MethodNotAllowedException("Write on / is not allowed");
      }
      Entry entry = entry(path);
      if (path.isObject()) {
        if (!bootstrap) {
          throw new MethodNotAllowedException("Write on an object (" + path + ") is not allowed; write an instance");
        }
        LwM2mObject object = requireNode(node, LwM2mObject.class, path);
        for (LwM2mObjectInstance instance : object.instances()) {
          created |= writeInstance(entry, LwM2mPath.of(path.objectId(), instance.id()), instance, replace, true, changed);
        }
      } else if (path.isObjectInstance()) {
        created = writeInstance(entry, path, requireNode(node, LwM2mObjectInstance.class, path), replace, bootstrap, changed);
      } else if (bootstrap && path.isResource() && !entry.instances.containsKey(path.instanceId())) {
        // Bootstrap-Write writes whatever exists: a resource of a missing instance brings the instance
        LwM2mResource resource = requireNode(node, LwM2mResource.class, path);
        created = writeInstance(entry, path.parent(), new LwM2mObjectInstance(path.instanceId(), List.of(resource)), false, true, changed);
      } else {
        InstanceEnabler instance = instance(entry, path);
        ResourceModel model = resourceModel(entry, path);
        requireWritable(model, path, bootstrap);
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
          LwM2mResource current = instance.resource(model.id()).orElseThrow(() -> new NotFoundException("no resource " + path.parent()));
          if (!(current instanceof MultipleResource multiple) || multiple.instance(path.resourceInstanceId()).isEmpty()) {
            throw new NotFoundException("no resource instance " + path);
          }
          instance.write(merge(Optional.of(current), new MultipleResource(model.id(), model.type(), List.of(value))));
        }
        changed.add(path.isResource() ? path : path.parent());
      }
    }
    fireValuesChanged(changed);
    if (created) {
      fireInstancesChanged();
    }
  }

  private boolean writeInstance(Entry entry, LwM2mPath path, LwM2mObjectInstance node, boolean replace, boolean bootstrap,
      Set<LwM2mPath> changed) {
    if (node.id() != path.instanceId()) {
      throw new InvalidRequestException("the payload is for instance " + node.id() + ", the request for " + path);
    }
    for (LwM2mResource resource : node.resources()) {
      ResourceModel model = entry.model.resource(resource.id())
          .orElseThrow(() -> new NotFoundException("object " + entry.model.id() + " has no resource " + resource.id()));
      requireWritable(model, path.append(resource.id()), bootstrap);
    }
    InstanceEnabler instance = entry.instances.get(path.instanceId());
    boolean created = false;
    if (instance == null) {
      if (!bootstrap) {
        throw new NotFoundException("no instance " + path);
      }
      instance = entry.factory.create(path.instanceId());
      attach(entry.model.id(), instance);
      entry.instances.put(path.instanceId(), instance);
      created = true;
    }
    for (LwM2mResource resource : node.resources()) {
      boolean multiple = entry.model.resource(resource.id()).map(ResourceModel::multiple).orElse(false);
      instance.write(replace || !multiple ? resource : merge(instance.resource(resource.id()), resource));
      changed.add(path.append(resource.id()));
    }
    if (replace) {
      Set<Integer> given = new java.util.HashSet<>();
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
    return created;
  }

  private static LwM2mResource merge(Optional<LwM2mResource> current, LwM2mResource update) {
    if (current.isEmpty() || !(current.get() instanceof MultipleResource old) || !(update instanceof MultipleResource added)) {
      return update;
    }
    Map<Integer, LwM2mResourceInstance> merged = new TreeMap<>();
    old.instances().forEach(i -> merged.put(i.id(), i));
    added.instances().forEach(i -> merged.put(i.id(), i));
    return new MultipleResource(old.id(), old.type(), new ArrayList<>(merged.values()));
  }

  private static void requireWritable(ResourceModel model, LwM2mPath path, boolean bootstrap) {
    if (!bootstrap && !model.operations().isWritable()) {
      throw new MethodNotAllowedException(path + " is not writable (" + model.operations().ddfName() + ")");
    }
  }

  // ---- Create / Delete -----------------------------------------------------------------------

  /**
   * Create: a new instance of {@code objectId} with {@code resources}, with id {@code instanceId}
   * or, if empty, the lowest free id. Read-only values in the payload only initialise resources
   * the new instance has no value for; unknown and executable resources are ignored.
   *
   * @return the new instance's path
   */
  public LwM2mPath create(int objectId, OptionalInt instanceId, List<LwM2mResource> resources, boolean bootstrap) {
    LwM2mPath created;
    Set<LwM2mPath> changed = new LinkedHashSet<>();
    synchronized (this) {
      Entry entry = entry(LwM2mPath.of(objectId));
      if (!entry.model.multiple() && !entry.instances.isEmpty()) {
        throw new InvalidRequestException("object " + objectId + " is single-instance and already has instance "
            + entry.instances.firstKey());
      }
      int id = instanceId.orElseGet(() -> lowestFreeId(entry));
      if (entry.instances.containsKey(id)) {
        throw new InvalidRequestException("instance /" + objectId + "/" + id + " already exists");
      }
      if (!entry.model.multiple() && id != 0) {
        throw new InvalidRequestException("object " + objectId + " is single-instance: its instance id must be 0, not " + id);
      }
      InstanceEnabler instance = entry.factory.create(id);
      for (LwM2mResource resource : resources) {
        ResourceModel model = entry.model.resource(resource.id()).orElse(null);
        if (model == null || model.operations().isExecutable()) {
          continue;
        }
        // A read-only value in the payload is ignored where the enabler has its own (a sensor);
        // a generic stored instance has none, so the payload initialises it.
        if (bootstrap || model.operations().isWritable() || instance.resource(resource.id()).isEmpty()) {
          instance.write(resource);
        }
      }
      // A bootstrap may leave mandatory resources to the client's defaults; a DM Create may not.
      for (ResourceModel model : bootstrap ? List.<ResourceModel>of() : entry.model.resources()) {
        if (model.mandatory() && !model.operations().isExecutable() && instance.resource(model.id()).isEmpty()) {
          throw new InvalidRequestException("Create of /" + objectId + " lacks mandatory resource " + model.id() + " (" + model.name() + ")");
        }
      }
      attach(objectId, instance);
      entry.instances.put(id, instance);
      created = LwM2mPath.of(objectId, id);
      changed.add(created);
    }
    fireValuesChanged(changed);
    fireInstancesChanged();
    return created;
  }

  private static int lowestFreeId(Entry entry) {
    int id = 0;
    while (entry.instances.containsKey(id)) {
      id++;
    }
    if (id > LwM2mPath.MAX_ID) {
      throw new InvalidRequestException("object " + entry.model.id() + " has no free instance id");
    }
    return id;
  }

  /**
   * Delete: an object instance, or (1.2) one resource instance. The Device instance cannot be
   * deleted; whole objects only by the bootstrap server ({@code bootstrap}).
   */
  public void delete(LwM2mPath path, boolean bootstrap) {
    Set<LwM2mPath> changed = new LinkedHashSet<>();
    boolean structure = false;
    synchronized (this) {
      if (path.isRoot() || path.isObject()) {
        if (!bootstrap) {
          throw new MethodNotAllowedException("Delete of " + (path.isRoot() ? "/" : path) + " is only for the bootstrap server");
        }
        for (Entry entry : path.isRoot() ? objects.values() : List.of(entry(path))) {
          if (!entry.instances.isEmpty()) {
            entry.instances.keySet().forEach(id -> changed.add(LwM2mPath.of(entry.model.id(), id)));
            entry.instances.clear();
            structure = true;
          }
        }
      } else if (path.isObjectInstance()) {
        Entry entry = entry(path);
        if (!bootstrap && path.objectId() == 3) {
          throw new MethodNotAllowedException("the Device instance " + path + " cannot be deleted");
        }
        instance(entry, path);
        entry.instances.remove(path.instanceId());
        changed.add(path);
        structure = true;
      } else if (path.isResourceInstance()) {
        Entry entry = entry(path);
        InstanceEnabler instance = instance(entry, path);
        ResourceModel model = resourceModel(entry, path);
        requireWritable(model, path, bootstrap);
        LwM2mResource current = instance.resource(model.id()).orElseThrow(() -> new NotFoundException("no resource " + path.parent()));
        if (!(current instanceof MultipleResource multiple) || multiple.instance(path.resourceInstanceId()).isEmpty()) {
          throw new NotFoundException("no resource instance " + path);
        }
        List<LwM2mResourceInstance> kept = new ArrayList<>(multiple.instances());
        kept.removeIf(i -> i.id() == path.resourceInstanceId());
        instance.write(new MultipleResource(model.id(), model.type(), kept));
        changed.add(path.parent());
      } else {
        throw new MethodNotAllowedException("Delete of resource " + path + " is not allowed; delete its instance");
      }
    }
    fireValuesChanged(changed);
    if (structure) {
      fireInstancesChanged();
    }
  }

  // ---- Execute -------------------------------------------------------------------------------

  /** Execute: runs the executable resource at {@code path} with {@code arguments} (checked for syntax, 4.00). */
  public void execute(LwM2mPath path, String arguments) {
    InstanceEnabler instance;
    synchronized (this) {
      if (!path.isResource()) {
        throw new MethodNotAllowedException("Execute targets a resource, not " + (path.isRoot() ? "/" : path));
      }
      Entry entry = entry(path);
      instance = instance(entry, path);
      ResourceModel model = resourceModel(entry, path);
      if (!model.operations().isExecutable()) {
        throw new MethodNotAllowedException(path + " is not executable (" + model.operations().ddfName() + ")");
      }
      ExecuteArguments.parse(arguments);
    }
    instance.execute(path.resourceId(), arguments);
  }

  // ---- Discover and registration links -------------------------------------------------------

  /**
   * Discover: the links under {@code path} — the object with its version, instances, resources
   * with their dimension — each with the attributes {@code attributes} gives for it.
   */
  public synchronized List<Link> discover(LwM2mPath path, Function<LwM2mPath, List<LinkAttribute>> attributes) {
    if (path.isRoot()) {
      throw new MethodNotAllowedException("Discover of / is not allowed");
    }
    Entry entry = entry(path);
    List<Link> links = new ArrayList<>();
    if (path.isObject()) {
      List<LinkAttribute> objectAttributes = new ArrayList<>();
      if (!versionImplied(entry.model)) {
        objectAttributes.add(LinkAttribute.of("ver", entry.model.version().toString()));
      }
      objectAttributes.addAll(attributes.apply(path));
      links.add(Link.of(path, objectAttributes.toArray(new LinkAttribute[0])));
      for (InstanceEnabler instance : entry.instances.values()) {
        addInstanceLinks(entry, instance, links, attributes);
      }
      return links;
    }
    InstanceEnabler instance = instance(entry, path);
    if (path.isObjectInstance()) {
      addInstanceLinks(entry, instance, links, attributes);
      return links;
    }
    ResourceModel model = resourceModel(entry, path);
    Optional<LwM2mResource> present = instance.resource(model.id());
    // Executable resources hold no value but exist by the model (the instance's Discover lists them).
    if (present.isEmpty() && !(path.isResource() && model.operations().isExecutable())) {
      throw new NotFoundException("no resource " + path);
    }
    if (path.isResourceInstance()) {
      throw new MethodNotAllowedException("Discover of a resource instance is not allowed");
    }
    if (present.isEmpty()) {
      links.add(Link.of(path, attributes.apply(path).toArray(new LinkAttribute[0])));
      return links;
    }
    LwM2mResource resource = present.get();
    links.add(resourceLink(path, resource, attributes));
    if (resource instanceof MultipleResource multiple) {
      for (LwM2mResourceInstance ri : multiple.instances()) {
        LwM2mPath riPath = path.append(ri.id());
        links.add(Link.of(riPath, attributes.apply(riPath).toArray(new LinkAttribute[0])));
      }
    }
    return links;
  }

  private static void addInstanceLinks(Entry entry, InstanceEnabler instance, List<Link> links,
      Function<LwM2mPath, List<LinkAttribute>> attributes) {
    LwM2mPath instancePath = LwM2mPath.of(entry.model.id(), instance.id());
    links.add(Link.of(instancePath, attributes.apply(instancePath).toArray(new LinkAttribute[0])));
    Map<Integer, LwM2mResource> present = new HashMap<>();
    instance.resources().forEach(r -> present.put(r.id(), r));
    for (ResourceModel model : entry.model.resources()) {
      LwM2mPath resourcePath = instancePath.append(model.id());
      if (present.containsKey(model.id())) {
        links.add(resourceLink(resourcePath, present.get(model.id()), attributes));
      } else if (model.operations().isExecutable()) {
        links.add(Link.of(resourcePath, attributes.apply(resourcePath).toArray(new LinkAttribute[0])));
      }
    }
  }

  private static Link resourceLink(LwM2mPath path, LwM2mResource resource, Function<LwM2mPath, List<LinkAttribute>> attributes) {
    List<LinkAttribute> list = new ArrayList<>();
    if (resource instanceof MultipleResource multiple) {
      list.add(LinkAttribute.of("dim", Integer.toString(multiple.instances().size())));
    }
    list.addAll(attributes.apply(path));
    return Link.of(path, list.toArray(new LinkAttribute[0]));
  }

  /**
   * The object links of a Register or Update payload: each instance as {@code </o/i>}, objects
   * without instances as {@code </o>}, with {@code ver} where the client's LwM2M version does not
   * imply the object's version (a core object at another version than that release's, any other
   * object not at 1.0); objects in {@code excluded} (Security, OSCORE) are left out, as the spec
   * requires.
   */
  public synchronized List<Link> registrationLinks(Set<Integer> excluded) {
    List<Link> links = new ArrayList<>();
    for (Entry entry : objects.values()) {
      int id = entry.model.id();
      if (excluded.contains(id)) {
        continue;
      }
      boolean versioned = !versionImplied(entry.model);
      if (entry.instances.isEmpty() || versioned) {
        links.add(versioned ? Link.of(LwM2mPath.of(id), LinkAttribute.of("ver", entry.model.version().toString()))
            : Link.of(LwM2mPath.of(id)));
      }
      for (int instanceId : entry.instances.keySet()) {
        links.add(Link.of(LwM2mPath.of(id, instanceId)));
      }
    }
    return links;
  }

  // ---- helpers -------------------------------------------------------------------------------

  private boolean versionImplied(ObjectModel model) {
    return CoreObjectVersions.isImplied(model.id(), model.version(), lwm2mVersion);
  }

  private Entry entry(LwM2mPath path) {
    Entry entry = objects.get(path.objectId());
    if (entry == null) {
      throw new NotFoundException("object " + path.objectId() + " is not implemented by this client");
    }
    return entry;
  }

  private static InstanceEnabler instance(Entry entry, LwM2mPath path) {
    InstanceEnabler instance = entry.instances.get(path.instanceId());
    if (instance == null) {
      throw new NotFoundException("no instance /" + path.objectId() + "/" + path.instanceId());
    }
    return instance;
  }

  private static ResourceModel resourceModel(Entry entry, LwM2mPath path) {
    return entry.model.resource(path.resourceId())
        .orElseThrow(() -> new NotFoundException("object " + path.objectId() + " has no resource " + path.resourceId()));
  }

  private static <T extends LwM2mNode> T requireNode(LwM2mNode node, Class<T> type, LwM2mPath path) {
    if (!type.isInstance(node)) {
      throw new InvalidRequestException("the payload for " + path + " holds a " + node.getClass().getSimpleName()
          + ", not a " + type.getSimpleName());
    }
    return type.cast(node);
  }

  private void attach(int objectId, InstanceEnabler instance) {
    instance.attach((instanceId, resourceIds) -> {
      Set<LwM2mPath> paths = new LinkedHashSet<>();
      for (int resourceId : resourceIds) {
        paths.add(LwM2mPath.of(objectId, instanceId, resourceId));
      }
      fireValuesChanged(paths);
    });
  }

  private void fireValuesChanged(Set<LwM2mPath> paths) {
    if (paths.isEmpty()) {
      return;
    }
    Set<LwM2mPath> copy = Set.copyOf(paths);
    for (TreeListener listener : listeners) {
      listener.valuesChanged(copy);
    }
  }

  private void fireInstancesChanged() {
    for (TreeListener listener : listeners) {
      listener.instancesChanged();
    }
  }

  /** A single value at {@code path} (a single resource), if present and readable. */
  public Optional<SingleResource> single(LwM2mPath path) {
    try {
      LwM2mNode node = read(path, true);
      return node instanceof SingleResource single ? Optional.of(single) : Optional.empty();
    } catch (NotFoundException | MethodNotAllowedException e) {
      return Optional.empty();
    }
  }
}
