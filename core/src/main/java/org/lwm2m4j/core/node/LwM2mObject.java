package org.lwm2m4j.core.node;

import java.util.List;
import java.util.Optional;

/** An object with its instances (possibly none), sorted by instance id. */
public record LwM2mObject(int id, List<LwM2mObjectInstance> instances) implements LwM2mNode {
  public LwM2mObject {
    Children.checkId(id, "object");
    instances = Children.sortedCopy(instances, "object " + id);
  }

  public static LwM2mObject of(int id, LwM2mObjectInstance... instances) {
    return new LwM2mObject(id, List.of(instances));
  }

  /** The instance with this id, if present. */
  public Optional<LwM2mObjectInstance> instance(int instanceId) {
    int index = Children.indexOf(instances, instanceId);
    return index >= 0 ? Optional.of(instances.get(index)) : Optional.empty();
  }
}
