package org.lwm2m4j.client.registration;

import java.time.Duration;
import java.util.Objects;

/**
 * How the registration engine paces itself: the timeout of each Register/Update/De-register, the
 * first and longest wait between failed attempts (doubling in between), and how long before the
 * lifetime ends an Update is sent.
 */
public record RegistrationSettings(Duration requestTimeout, Duration firstRetry, Duration maxRetry, double updateAtLifetimeFraction) {
  public static final RegistrationSettings DEFAULTS =
      new RegistrationSettings(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofMinutes(10), 0.9);

  public RegistrationSettings {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxRetry, "maxRetry");
    if (updateAtLifetimeFraction <= 0 || updateAtLifetimeFraction >= 1) {
      throw new IllegalArgumentException("updateAtLifetimeFraction must be in (0, 1), got " + updateAtLifetimeFraction);
    }
  }
}
