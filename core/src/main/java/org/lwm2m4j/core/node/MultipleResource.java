package org.lwm2m4j.core.node;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.model.ResourceType;

/**
 * A multiple-instance resource: a sparse, id-sorted list of resource instances, all of {@link
 * #type()}. It may be empty (the type still says what it would hold).
 */
public record MultipleResource(int id, ResourceType type, List<LwM2mResourceInstance> instances)
    implements LwM2mResource {

  public MultipleResource {
    Children.checkId(id, "resource");
    Objects.requireNonNull(type, "type");
    instances = Children.sortedCopy(instances, "resource " + id);
    for (LwM2mResourceInstance instance : instances) {
      if (instance.value().type() != type) {
        throw new IllegalArgumentException("resource " + id + " holds " + type + " but instance "
            + instance.id() + " is " + instance.value().type());
      }
    }
  }

  public static MultipleResource of(int id, ResourceType type, LwM2mResourceInstance... instances) {
    return new MultipleResource(id, type, List.of(instances));
  }

  /** The instance with this id, if present. */
  public Optional<LwM2mResourceInstance> instance(int instanceId) {
    int index = Children.indexOf(instances, instanceId);
    return index >= 0 ? Optional.of(instances.get(index)) : Optional.empty();
  }
}
