package org.lwm2m4j.server.uplink;

import java.util.List;
import java.util.Objects;
import org.lwm2m4j.transport.CoapHandler;

/**
 * A row of an {@link UplinkRouter}'s table: the first Uri-Path segment a request must start with,
 * whether it may have more segments after it, and the handler that serves it.
 *
 * @param segment the first path segment, e.g. {@code rd}
 * @param exact true if the path must be exactly {@code /segment}; false if the handler also
 *     takes everything below it (and answers unknown sub-paths itself)
 * @param handler what serves a matching request
 */
public record Route(String segment, boolean exact, CoapHandler handler) {
  public Route {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(handler, "handler");
  }

  /** Requests to exactly {@code /segment}. */
  public static Route at(String segment, CoapHandler handler) {
    return new Route(segment, true, handler);
  }

  /** Requests to {@code /segment} and every path below it. */
  public static Route under(String segment, CoapHandler handler) {
    return new Route(segment, false, handler);
  }

  /** Whether a request to {@code path} goes to this route. */
  boolean matches(List<String> path) {
    return !path.isEmpty() && path.get(0).equals(segment) && (!exact || path.size() == 1);
  }
}
