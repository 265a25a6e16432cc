package org.lwm2m4j.core.value;

import org.lwm2m4j.core.model.ResourceType;

/** The absent value of an executable resource. */
public record NoneValue() implements Value {
  static final NoneValue INSTANCE = new NoneValue();

  @Override
  public ResourceType type() {
    return ResourceType.NONE;
  }
}
