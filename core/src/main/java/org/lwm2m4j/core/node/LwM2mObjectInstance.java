package org.lwm2m4j.core.node;

import java.util.List;
import java.util.Optional;

/** An object instance with its resources, sorted by resource id. */
public record LwM2mObjectInstance(int id, List<LwM2mResource> resources) implements LwM2mNode {
  public LwM2mObjectInstance {
    Children.checkId(id, "object instance");
    resources = Children.sortedCopy(resources, "object instance " + id);
  }

  public static LwM2mObjectInstance of(int id, LwM2mResource... resources) {
    return new LwM2mObjectInstance(id, List.of(resources));
  }

  /** The resource with this id, if present. */
  public Optional<LwM2mResource> resource(int resourceId) {
    int index = Children.indexOf(resources, resourceId);
    return index >= 0 ? Optional.of(resources.get(index)) : Optional.empty();
  }
}
