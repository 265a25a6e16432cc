package org.lwm2m4j.core.attribute;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.lwm2m4j.core.value.BooleanValue;
import org.lwm2m4j.core.value.FloatValue;
import org.lwm2m4j.core.value.IntegerValue;
import org.lwm2m4j.core.value.UnsignedIntegerValue;
import org.lwm2m4j.core.value.Value;

/**
 * Decides, for one observation with its effective attributes, whether a new value is worth a
 * notification and when it may be sent. Pure: the caller passes every time (milliseconds on any
 * monotonic clock) and keeps the last notified value and time itself, restarting both after each
 * notification it sends (the Observe response counts as the first).
 *
 * <p>The rule is the spec's: <i>(a change-value condition holds AND pmin has elapsed) OR pmax has
 * elapsed</i>. Change-value conditions, OR-ed when several are present:
 *
 * <ul>
 *   <li>numeric values (Integer, Unsigned Integer, Float) with gt, lt or st: the value crosses gt,
 *       crosses lt (see {@link ThresholdCrossing}), or moved by at least st from the last
 *       <em>notified</em> value;
 *   <li>Boolean values with edge: the transition to the edge value ({@code edge=1} false&rarr;true,
 *       {@code edge=0} true&rarr;false);
 *   <li>otherwise, any change: a value different from the last notified one.
 * </ul>
 *
 * <p>pmin absent counts as 0. pmax is active only when present, above 0 and not below pmin (the
 * spec ignores a pmax smaller than pmin). Immutable and thread-safe.
 */
public final class NotificationCriteria {
  private static final long MILLIS_PER_SECOND = 1000;

  private final NotificationAttributes attributes;
  private final ThresholdCrossing crossing;

  private NotificationCriteria(NotificationAttributes attributes, ThresholdCrossing crossing) {
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.crossing = Objects.requireNonNull(crossing, "crossing");
  }

  /** The criteria of an observation with these effective attributes, reading gt/lt crossings in both directions. */
  public static NotificationCriteria of(NotificationAttributes effective) {
    return new NotificationCriteria(effective, ThresholdCrossing.BIDIRECTIONAL);
  }

  /** The criteria of an observation with these effective attributes and this reading of gt/lt crossings. */
  public static NotificationCriteria of(NotificationAttributes effective, ThresholdCrossing crossing) {
    return new NotificationCriteria(effective, crossing);
  }

  public NotificationAttributes attributes() {
    return attributes;
  }

  public ThresholdCrossing crossing() {
    return crossing;
  }

  /** Whether {@code current} differs enough from the last notified value to be notified (timing aside). */
  public boolean isNotifiableChange(Optional<Value> lastNotified, Value current) {
    Objects.requireNonNull(current, "current");
    if (lastNotified.isEmpty()) {
      return true; // nothing was reported yet, so any value is news
    }
    Value old = lastNotified.get();
    OptionalDouble oldNumber = number(old);
    OptionalDouble newNumber = number(current);
    if (oldNumber.isPresent() && newNumber.isPresent() && hasNumericCondition()) {
      return numericConditionHolds(oldNumber.getAsDouble(), newNumber.getAsDouble());
    }
    if (old instanceof BooleanValue before && current instanceof BooleanValue after && attributes.edge().isPresent()) {
      boolean edge = attributes.edge().get();
      return before.value() != edge && after.value() == edge;
    }
    return !old.equals(current);
  }

  /**
   * What to do when the observed value is (re-)evaluated at {@code nowMillis}: on a change, on an
   * evaluation tick, or when the pmax timer fires.
   *
   * @param lastNotified the value carried by the last notification, empty if none was sent
   * @param lastNotifiedAtMillis when the last notification (or the Observe response) was sent
   */
  public NotifyDecision decide(Optional<Value> lastNotified, long lastNotifiedAtMillis, Value current, long nowMillis) {
    return decide(isNotifiableChange(lastNotified, current), lastNotifiedAtMillis, nowMillis);
  }

  /**
   * The timing half of {@link #decide(Optional, long, Value, long)}, for callers that judge the
   * change themselves, e.g. an observation of a whole object or instance, where any change of a
   * contained resource counts.
   *
   * @param notifiableChange whether a change-value condition holds
   */
  public NotifyDecision decide(boolean notifiableChange, long lastNotifiedAtMillis, long nowMillis) {
    OptionalLong pmaxDue = pmaxDueAt(lastNotifiedAtMillis);
    if (pmaxDue.isPresent() && nowMillis >= pmaxDue.getAsLong()) {
      return new NotifyDecision.SendNow();
    }
    if (!notifiableChange) {
      return new NotifyDecision.Wait(pmaxDue);
    }
    long earliest = earliestNotificationAt(lastNotifiedAtMillis);
    return nowMillis >= earliest ? new NotifyDecision.SendNow() : new NotifyDecision.SendAt(earliest);
  }

  /** The earliest time the next notification may be sent: the last one's time plus pmin. */
  public long earliestNotificationAt(long lastNotifiedAtMillis) {
    return plus(lastNotifiedAtMillis, attributes.pmin().orElse(0));
  }

  /** When pmax forces the next notification, empty when pmax is absent, 0, or below pmin. */
  public OptionalLong pmaxDueAt(long lastNotifiedAtMillis) {
    long pmin = attributes.pmin().orElse(0);
    long pmax = attributes.pmax().orElse(0);
    return pmax > 0 && pmax >= pmin ? OptionalLong.of(plus(lastNotifiedAtMillis, pmax)) : OptionalLong.empty();
  }

  /** Whether epmin allows evaluating the value again at {@code nowMillis}; always true without epmin. */
  public boolean mayEvaluate(long lastEvaluatedAtMillis, long nowMillis) {
    return nowMillis >= plus(lastEvaluatedAtMillis, attributes.epmin().orElse(0));
  }

  /** When epmax demands the next evaluation, empty when epmax is absent or 0. */
  public OptionalLong evaluationDueAt(long lastEvaluatedAtMillis) {
    long epmax = attributes.epmax().orElse(0);
    return epmax > 0 ? OptionalLong.of(plus(lastEvaluatedAtMillis, epmax)) : OptionalLong.empty();
  }

  private boolean hasNumericCondition() {
    return attributes.gt().isPresent() || attributes.lt().isPresent() || attributes.st().isPresent();
  }

  private boolean numericConditionHolds(double old, double current) {
    if (attributes.gt().isPresent() && crossing.crossesGt(old, current, attributes.gt().getAsDouble())) {
      return true;
    }
    if (attributes.lt().isPresent() && crossing.crossesLt(old, current, attributes.lt().getAsDouble())) {
      return true;
    }
    return attributes.st().isPresent() && Math.abs(current - old) >= attributes.st().getAsDouble();
  }

  /** The number a threshold is compared with; Time and the other types are only compared for change. */
  private static OptionalDouble number(Value value) {
    if (value instanceof IntegerValue v) {
      return OptionalDouble.of(v.value());
    } else if (value instanceof UnsignedIntegerValue v) {
      return OptionalDouble.of(v.toBigInteger().doubleValue());
    } else if (value instanceof FloatValue v) {
      return OptionalDouble.of(v.value());
    }
    return OptionalDouble.empty();
  }

  /** {@code time + seconds}, saturating instead of overflowing for absurd periods. */
  private static long plus(long timeMillis, long seconds) {
    long millis = seconds > Long.MAX_VALUE / MILLIS_PER_SECOND ? Long.MAX_VALUE : seconds * MILLIS_PER_SECOND;
    long sum = timeMillis + millis;
    return ((timeMillis ^ sum) & (millis ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  @Override
  public String toString() {
    return "NotificationCriteria[" + attributes + ", " + crossing + "]";
  }
}
