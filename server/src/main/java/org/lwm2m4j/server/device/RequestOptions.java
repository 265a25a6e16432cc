package org.lwm2m4j.server.device;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.core.codec.ContentFormat;

/**
 * Per-request choices for the device API: a content format that overrides the one chosen for the
 * client, and how long to wait for the device's answer (retransmissions included).
 */
public record RequestOptions(Optional<ContentFormat> format, Optional<Duration> timeout) {
  /** No override: the client's format and the service's default timeout. */
  public static final RequestOptions DEFAULTS = new RequestOptions(Optional.empty(), Optional.empty());

  public RequestOptions {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(timeout, "timeout");
    timeout.ifPresent(t -> {
      if (t.isNegative() || t.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, got " + t);
      }
    });
  }

  public RequestOptions withFormat(ContentFormat format) {
    return new RequestOptions(Optional.of(format), timeout);
  }

  public RequestOptions withTimeout(Duration timeout) {
    return new RequestOptions(format, Optional.of(timeout));
  }
}
