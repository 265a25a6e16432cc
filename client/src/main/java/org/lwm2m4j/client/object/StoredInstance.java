package org.lwm2m4j.client.object;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.lwm2m4j.core.error.MethodNotAllowedException;
import org.lwm2m4j.core.node.LwM2mResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

/**
 * An instance that keeps its resources as written: the generic enabler that serves any modelled
 * object (IPSO, vendor) from stored values, and the base of the standard objects' enablers, which
 * override {@link #resource(int)} for live values and {@link #execute} for actions.
 */
public class StoredInstance implements InstanceEnabler {
  private final int id;
  private final Map<Integer, LwM2mResource> values = new ConcurrentSkipListMap<>();
  private volatile ResourceChangeListener listener = (instance, resources) -> { };

  public StoredInstance(int id) {
    this.id = id;
  }

  /** An instance holding {@code resources}. */
  public StoredInstance(int id, List<? extends LwM2mResource> resources) {
    this(id);
    for (LwM2mResource resource : resources) {
      values.put(resource.id(), resource);
    }
  }

  @Override
  public final int id() {
    return id;
  }

  @Override
  public List<LwM2mResource> resources() {
    List<LwM2mResource> present = new ArrayList<>();
    for (int resourceId : resourceIds()) {
      resource(resourceId).ifPresent(present::add);
    }
    return present;
  }

  /** The ids of the resources present; subclasses with live resources add theirs. */
  protected List<Integer> resourceIds() {
    return new ArrayList<>(values.keySet());
  }

  @Override
  public Optional<LwM2mResource> resource(int resourceId) {
    return Optional.ofNullable(values.get(resourceId));
  }

  @Override
  public void write(LwM2mResource resource) {
    values.put(resource.id(), resource);
  }

  @Override
  public void remove(int resourceId) {
    values.remove(resourceId);
  }

  @Override
  public void execute(int resourceId, String arguments) {
    throw new MethodNotAllowedException("resource " + resourceId + " of instance " + id + " cannot be executed here");
  }

  @Override
  public void attach(ResourceChangeListener listener) {
    this.listener = listener;
  }

  /** Sets a single resource's value without the server asking, and tells observers. */
  public void set(int resourceId, Value value) {
    values.put(resourceId, SingleResource.of(resourceId, value));
    changed(resourceId);
  }

  /** The stored value of a single resource, if present. */
  protected Optional<Value> stored(int resourceId) {
    LwM2mResource resource = values.get(resourceId);
    return resource instanceof SingleResource single ? Optional.of(single.value()) : Optional.empty();
  }

  /** Tells observers that these resources changed. */
  protected final void changed(int... resourceIds) {
    listener.changed(id, resourceIds);
  }
}
