package org.lwm2m4j.client.object;

import java.util.TreeMap;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * One object of the tree: its model, the factory of new instances and the instances by id. Guarded
 * by the lock of the {@link ObjectTree} that holds it.
 */
final class ObjectEntry {
  final ObjectModel model;
  final InstanceFactory factory;
  final TreeMap<Integer, InstanceEnabler> instances = new TreeMap<>();

  ObjectEntry(ObjectModel model, InstanceFactory factory) {
    this.model = model;
    this.factory = factory;
  }

  /** The instance {@code path} names, or 4.04. */
  InstanceEnabler instance(LwM2mPath path) {
    InstanceEnabler instance = instances.get(path.instanceId());
    if (instance == null) {
      throw new NotFoundException("no instance /" + path.objectId() + "/" + path.instanceId());
    }
    return instance;
  }

  /** The model of the resource {@code path} names, or 4.04. */
  ResourceModel resourceModel(LwM2mPath path) {
    return model.resource(path.resourceId())
        .orElseThrow(() -> new NotFoundException("object " + path.objectId() + " has no resource " + path.resourceId()));
  }
}
