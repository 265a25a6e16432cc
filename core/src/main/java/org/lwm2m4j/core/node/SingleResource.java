package org.lwm2m4j.core.node;

import java.util.Objects;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.Value;

/** A single-instance resource and its value. */
public record SingleResource(int id, Value value) implements LwM2mResource {
  public SingleResource {
    Children.checkId(id, "resource");
    Objects.requireNonNull(value, "value");
  }

  public static SingleResource of(int id, Value value) {
    return new SingleResource(id, value);
  }

  @Override
  public ResourceType type() {
    return value.type();
  }
}
