package org.lwm2m4j.core.node;

import java.util.Objects;
import org.lwm2m4j.core.value.Value;

/** One instance of a multiple-instance resource and its value. */
public record LwM2mResourceInstance(int id, Value value) implements LwM2mNode {
  public LwM2mResourceInstance {
    Children.checkId(id, "resource instance");
    Objects.requireNonNull(value, "value");
  }

  public static LwM2mResourceInstance of(int id, Value value) {
    return new LwM2mResourceInstance(id, value);
  }
}
