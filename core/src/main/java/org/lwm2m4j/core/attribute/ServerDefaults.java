package org.lwm2m4j.core.attribute;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The attribute defaults a server account gives, used when no level assigns the attribute:
 * {@code /1/x/2} Default Minimum Period, {@code /1/x/3} Default Maximum Period and {@code /1/x/26}
 * Default Notification Mode. Absent resources leave the attribute absent; notifying then treats
 * pmin as 0, pmax as "no maximum" and con as the client's choice.
 *
 * @param minimumPeriod {@code /1/x/2}, seconds
 * @param maximumPeriod {@code /1/x/3}, seconds ({@code 0} means no maximum)
 * @param confirmable {@code /1/x/26}: true for CON (1), false for NON (0)
 */
public record ServerDefaults(OptionalLong minimumPeriod, OptionalLong maximumPeriod, Optional<Boolean> confirmable) {
  /** An account without any of the three resources. */
  public static final ServerDefaults NONE = new ServerDefaults(OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

  /** @throws IllegalArgumentException if a period is negative */
  public ServerDefaults {
    Objects.requireNonNull(minimumPeriod, "minimumPeriod");
    Objects.requireNonNull(maximumPeriod, "maximumPeriod");
    Objects.requireNonNull(confirmable, "confirmable");
    if (minimumPeriod.orElse(0) < 0 || maximumPeriod.orElse(0) < 0) {
      throw new IllegalArgumentException("default periods must not be negative");
    }
  }

  /** The defaults as attributes: pmin, pmax and con where present. */
  public NotificationAttributes asAttributes() {
    NotificationAttributes attributes = NotificationAttributes.NONE;
    if (minimumPeriod.isPresent()) {
      attributes = attributes.withPmin(minimumPeriod.getAsLong());
    }
    if (maximumPeriod.isPresent()) {
      attributes = attributes.withPmax(maximumPeriod.getAsLong());
    }
    if (confirmable.isPresent()) {
      attributes = attributes.withCon(confirmable.get());
    }
    return attributes;
  }
}
