package org.lwm2m4j.server.bootstrap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * What a bootstrap session does to one client: the paths to Bootstrap-Delete first, then the
 * instances to Bootstrap-Write in order (Security, Server, Access Control…), in a content format
 * (the client's {@code pct} unless the plan fixes one).
 */
public record BootstrapPlan(List<LwM2mPath> deletes, Map<LwM2mPath, LwM2mObjectInstance> writes, Optional<ContentFormat> format) {
  public BootstrapPlan {
    deletes = List.copyOf(deletes);
    writes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(writes));
    Objects.requireNonNull(format, "format");
    for (LwM2mPath path : writes.keySet()) {
      if (!path.isObjectInstance()) {
        throw new IllegalArgumentException("bootstrap writes are of whole instances, not " + path);
      }
    }
  }
}
