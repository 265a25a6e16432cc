package org.lwm2m4j.core.codec;

import java.util.Objects;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * A leaf of the data tree: the value of a single resource ({@code /o/i/r}) or of a resource
 * instance ({@code /o/i/r/ri}). Record-oriented formats (SenML, LwM2M JSON) read and write these.
 */
public record PathValue(LwM2mPath path, Value value) {
  public PathValue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(value, "value");
    if (path.depth() < 3) {
      throw new IllegalArgumentException("a value lives at a resource or resource instance, not at " + path);
    }
  }
}
