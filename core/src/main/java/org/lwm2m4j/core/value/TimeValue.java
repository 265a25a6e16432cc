package org.lwm2m4j.core.value;

import java.time.Instant;
import org.lwm2m4j.core.model.ResourceType;

/** A Time resource value: signed seconds since the Unix epoch. */
public record TimeValue(long epochSeconds) implements Value {
  @Override
  public ResourceType type() {
    return ResourceType.TIME;
  }

  public Instant instant() {
    return Instant.ofEpochSecond(epochSeconds);
  }
}
