package org.lwm2m4j.client.object;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
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
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * The client's data: the objects it implements, each with its model and instances. Who may change
 * what depends on who asks, so the operations live in two views of the same tree:
 *
 * <ul>
 *   <li>{@link #dmView()} — what a Device Management server may do, with the model's rules and the
 *       spec's codes (4.04 what does not exist, 4.05 what the model does not allow, 4.00 a bad
 *       request). Access control (object 2) is checked before, by the client's inbound chain.
 *   <li>{@link #bootstrapView()} — what the Bootstrap-Server, and the client provisioning itself,
 *       may do: read and write every resource (Security included), write whole objects, create
 *       the instances it writes, delete every instance.
 * </ul>
 *
 * <p>The tree itself answers what exists ({@link #objectIds}, {@link #exists}, {@link #single})
 * and what to register ({@link #registrationLinks}).
 *
 * <p>Thread-safe: operations of both views run under one lock (this tree's monitor); listeners
 * are called after it is released.
 */
public final class ObjectTree implements ModelLookup {
  private final Map<Integer, ObjectEntry> objects = new TreeMap<>();
  private final List<TreeListener> listeners = new CopyOnWriteArrayList<>();
  /** The LwM2M version the client registers with: it implies the versions of the core objects. */
  private final Version lwm2mVersion;
  private final DmView dmView = new DmView(this);
  private final BootstrapView bootstrapView = new BootstrapView(this);

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

  /** The operations a Device Management server may perform, with the model's checks. */
  public DmView dmView() {
    return dmView;
  }

  /** The operations of the Bootstrap-Server and of the client's own provisioning, past the model's checks. */
  public BootstrapView bootstrapView() {
    return bootstrapView;
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
      ObjectEntry entry = new ObjectEntry(model, factory);
      objects.put(model.id(), entry);
      for (InstanceEnabler instance : instances) {
        put(entry, instance.id(), instance);
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
    ObjectEntry entry = objects.get(objectId);
    return entry == null ? Optional.empty() : Optional.of(entry.model);
  }

  /** The ids of the implemented objects. */
  public synchronized List<Integer> objectIds() {
    return new ArrayList<>(objects.keySet());
  }

  /** The ids of an object's instances (empty if the object is not implemented). */
  public synchronized List<Integer> instanceIds(int objectId) {
    ObjectEntry entry = objects.get(objectId);
    return entry == null ? List.of() : new ArrayList<>(entry.instances.keySet());
  }

  /** The enabler of one instance. */
  public synchronized Optional<InstanceEnabler> instance(int objectId, int instanceId) {
    ObjectEntry entry = objects.get(objectId);
    return entry == null ? Optional.empty() : Optional.ofNullable(entry.instances.get(instanceId));
  }

  /** True if the path names an object, instance, resource or resource instance that exists now. */
  public synchronized boolean exists(LwM2mPath path) {
    try {
      read(path, model -> true);
      return true;
    } catch (NotFoundException | MethodNotAllowedException e) {
      return e instanceof MethodNotAllowedException;
    }
  }

  /** A single value at {@code path} (a single resource), if present, whatever the model lets servers read. */
  public Optional<SingleResource> single(LwM2mPath path) {
    try {
      LwM2mNode node = read(path, model -> true);
      return node instanceof SingleResource single ? Optional.of(single) : Optional.empty();
    } catch (NotFoundException | MethodNotAllowedException e) {
      return Optional.empty();
    }
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
    for (ObjectEntry entry : objects.values()) {
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

  // ---- for the views -------------------------------------------------------------------------

  /**
   * The node at {@code path} with the resources {@code readable} lets through; a resource that
   * is named and not readable is 4.05. Executable resources hold no value and are never read.
   */
  synchronized LwM2mNode read(LwM2mPath path, Predicate<ResourceModel> readable) {
    if (path.isRoot()) {
      throw new MethodNotAllowedException("Read of / is not allowed; read an object, instance or resource");
    }
    ObjectEntry entry = entry(path);
    if (path.isObject()) {
      List<LwM2mObjectInstance> instances = new ArrayList<>();
      for (InstanceEnabler instance : entry.instances.values()) {
        instances.add(readInstance(entry, instance, readable));
      }
      return new LwM2mObject(entry.model.id(), instances);
    }
    InstanceEnabler instance = entry.instance(path);
    if (path.isObjectInstance()) {
      return readInstance(entry, instance, readable);
    }
    ResourceModel model = entry.resourceModel(path);
    if (!readable.test(model)) {
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

  private static LwM2mObjectInstance readInstance(ObjectEntry entry, InstanceEnabler instance, Predicate<ResourceModel> readable) {
    List<LwM2mResource> values = new ArrayList<>();
    for (LwM2mResource resource : instance.resources()) {
      Optional<ResourceModel> model = entry.model.resource(resource.id());
      if (model.isPresent() && readable.test(model.get()) && !model.get().operations().isExecutable()) {
        values.add(resource);
      }
    }
    return new LwM2mObjectInstance(instance.id(), values);
  }

  /**
   * Creates an instance of {@code objectId} with id {@code instanceId} or, if empty, the lowest free
   * id, after the checks every Create makes (single-instance objects, ids in use); {@code
   * initialise} writes the first values and may refuse with an exception, which leaves the tree as it was.
   */
  LwM2mPath create(int objectId, OptionalInt instanceId, BiConsumer<ObjectEntry, InstanceEnabler> initialise) {
    LwM2mPath created;
    synchronized (this) {
      ObjectEntry entry = entry(LwM2mPath.of(objectId));
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
      initialise.accept(entry, instance);
      put(entry, id, instance);
      created = LwM2mPath.of(objectId, id);
    }
    fireValuesChanged(Set.of(created));
    fireInstancesChanged();
    return created;
  }

  private static int lowestFreeId(ObjectEntry entry) {
    int id = 0;
    while (entry.instances.containsKey(id)) {
      id++;
    }
    if (id > LwM2mPath.MAX_ID) {
      throw new InvalidRequestException("object " + entry.model.id() + " has no free instance id");
    }
    return id;
  }

  /** Every object; call under this tree's lock. */
  Collection<ObjectEntry> entries() {
    return objects.values();
  }

  /** The object {@code path} names, or 4.04; call under this tree's lock. */
  ObjectEntry entry(LwM2mPath path) {
    ObjectEntry entry = objects.get(path.objectId());
    if (entry == null) {
      throw new NotFoundException("object " + path.objectId() + " is not implemented by this client");
    }
    return entry;
  }

  /** Adds {@code instance} to {@code entry} as {@code id}, reporting its value changes; call under this tree's lock. */
  void put(ObjectEntry entry, int id, InstanceEnabler instance) {
    int objectId = entry.model.id();
    instance.attach((instanceId, resourceIds) -> {
      Set<LwM2mPath> paths = new LinkedHashSet<>();
      for (int resourceId : resourceIds) {
        paths.add(LwM2mPath.of(objectId, instanceId, resourceId));
      }
      fireValuesChanged(paths);
    });
    entry.instances.put(id, instance);
  }

  /** Whether the client's LwM2M version implies the version of {@code model} ({@code ver} left off). */
  boolean versionImplied(ObjectModel model) {
    return CoreObjectVersions.isImplied(model.id(), model.version(), lwm2mVersion);
  }

  /** Tells the listeners that values at {@code paths} changed; call without holding the lock. */
  void fireValuesChanged(Set<LwM2mPath> paths) {
    if (paths.isEmpty()) {
      return;
    }
    Set<LwM2mPath> copy = Set.copyOf(paths);
    for (TreeListener listener : listeners) {
      listener.valuesChanged(copy);
    }
  }

  /** Tells the listeners that instances came or went; call without holding the lock. */
  void fireInstancesChanged() {
    for (TreeListener listener : listeners) {
      listener.instancesChanged();
    }
  }
}
