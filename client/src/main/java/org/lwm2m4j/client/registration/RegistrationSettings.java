package org.lwm2m4j.client.registration;

import java.time.Duration;
import java.util.Objects;
import org.lwm2m4j.transport.CoapSettings;

/**
 * How the registration engine paces itself: the timeout of each Register/Update/De-register, the
 * first and longest wait between failed attempts (doubling in between), how long before the
 * lifetime ends an Update is sent, and — in queue mode — how long the client stays awake on its IP
 * side after it last sent or answered something (MAX_TRANSMIT_WAIT, 93 s, by default).
 */
public record RegistrationSettings(Duration requestTimeout, Duration firstRetry, Duration maxRetry, double updateAtLifetimeFraction,
    Duration awakeWindow) {
  /** The awake window of queue mode by default: CoAP's MAX_TRANSMIT_WAIT with the default parameters. */
  public static final Duration DEFAULT_AWAKE_WINDOW = CoapSettings.DEFAULTS.maxTransmitWait();

  public static final RegistrationSettings DEFAULTS =
      new RegistrationSettings(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofMinutes(10), 0.9);

  public RegistrationSettings {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(firstRetry, "firstRetry");
    Objects.requireNonNull(maxRetry, "maxRetry");
    Objects.requireNonNull(awakeWindow, "awakeWindow");
    if (updateAtLifetimeFraction <= 0 || updateAtLifetimeFraction >= 1) {
      throw new IllegalArgumentException("updateAtLifetimeFraction must be in (0, 1), got " + updateAtLifetimeFraction);
    }
    if (awakeWindow.isNegative() || awakeWindow.isZero()) {
      throw new IllegalArgumentException("the awake window must be positive, got " + awakeWindow);
    }
  }

  /** Settings with the default awake window. */
  public RegistrationSettings(Duration requestTimeout, Duration firstRetry, Duration maxRetry, double updateAtLifetimeFraction) {
    this(requestTimeout, firstRetry, maxRetry, updateAtLifetimeFraction, DEFAULT_AWAKE_WINDOW);
  }

  /** These settings with {@code window} as the queue-mode awake window. */
  public RegistrationSettings withAwakeWindow(Duration window) {
    return new RegistrationSettings(requestTimeout, firstRetry, maxRetry, updateAtLifetimeFraction, window);
  }
}
