package org.lwm2m4j.core.value;

import java.util.Objects;
import org.lwm2m4j.core.model.ResourceType;

/** A UTF-8 String resource value. */
public record StringValue(String value) implements Value {
  public StringValue {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public ResourceType type() {
    return ResourceType.STRING;
  }
}
