package org.lwm2m4j.core.node;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * A node at a path, measured at a time: one entry of a Send payload or of a notification that
 * carries historical values. No timestamp means "now" (the record had none).
 */
public record TimestampedNode(Optional<Instant> timestamp, LwM2mPath path, LwM2mNode node) {
  public TimestampedNode {
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(node, "node");
  }

  public static TimestampedNode at(Instant timestamp, LwM2mPath path, LwM2mNode node) {
    return new TimestampedNode(Optional.of(timestamp), path, node);
  }

  public static TimestampedNode untimed(LwM2mPath path, LwM2mNode node) {
    return new TimestampedNode(Optional.empty(), path, node);
  }
}
