package org.lwm2m4j.core.value;

import java.util.Objects;
import org.lwm2m4j.core.model.ResourceType;

/** A Corelnk resource value (LwM2M 1.1): CoRE link-format text, kept as written. */
public record CorelnkValue(String links) implements Value {
  public CorelnkValue {
    Objects.requireNonNull(links, "links");
  }

  @Override
  public ResourceType type() {
    return ResourceType.CORELNK;
  }
}
