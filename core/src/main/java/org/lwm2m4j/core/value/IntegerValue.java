package org.lwm2m4j.core.value;

import org.lwm2m4j.core.model.ResourceType;

/** A signed 64-bit Integer resource value. */
public record IntegerValue(long value) implements Value {
  @Override
  public ResourceType type() {
    return ResourceType.INTEGER;
  }
}
