package org.lwm2m4j.core.attribute;

import java.util.OptionalLong;

/**
 * The answer of {@link NotificationCriteria#decide}: send a notification now, send one at a later
 * time (a qualifying change arrived before pmin elapsed), or wait. Times are milliseconds on the
 * caller's clock.
 */
public sealed interface NotifyDecision {
  /** Send a notification now. */
  record SendNow() implements NotifyDecision {}

  /**
   * A qualifying change arrived before pmin elapsed: send at {@code atMillis} (the last
   * notification's time plus pmin) with the value current then, unless a send is already scheduled.
   */
  record SendAt(long atMillis) implements NotifyDecision {}

  /**
   * Nothing to send; if the observation has an active pmax, a notification is forced at {@code
   * pmaxDueAtMillis} even without a change.
   */
  record Wait(OptionalLong pmaxDueAtMillis) implements NotifyDecision {}
}
