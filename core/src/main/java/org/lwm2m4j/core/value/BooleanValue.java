package org.lwm2m4j.core.value;

import org.lwm2m4j.core.model.ResourceType;

/** A Boolean resource value. */
public record BooleanValue(boolean value) implements Value {
  static final BooleanValue TRUE = new BooleanValue(true);
  static final BooleanValue FALSE = new BooleanValue(false);

  @Override
  public ResourceType type() {
    return ResourceType.BOOLEAN;
  }
}
