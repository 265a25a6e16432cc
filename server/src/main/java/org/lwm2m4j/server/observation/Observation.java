package org.lwm2m4j.server.observation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * An observation the server holds on a client: the token its notifications carry, the
 * registration it belongs to, the observed paths (one for Observe, several for
 * Observe-Composite), the content format asked for, and when it was made.
 */
public record Observation(Token token, String registrationId, List<LwM2mPath> paths, boolean composite,
    OptionalInt contentFormat, Instant createdAt) {

  public Observation {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(registrationId, "registrationId");
    paths = List.copyOf(paths);
    if (paths.isEmpty()) {
      throw new IllegalArgumentException("an observation observes at least one path");
    }
    if (!composite && paths.size() != 1) {
      throw new IllegalArgumentException("a single observation has exactly one path, got " + paths.size());
    }
    Objects.requireNonNull(contentFormat, "contentFormat");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** An Observe on one path. */
  public static Observation single(Token token, String registrationId, LwM2mPath path, OptionalInt contentFormat, Instant at) {
    return new Observation(token, registrationId, List.of(path), false, contentFormat, at);
  }
}
