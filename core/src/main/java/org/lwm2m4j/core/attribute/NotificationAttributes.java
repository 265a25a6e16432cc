package org.lwm2m4j.core.attribute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * A set of NOTIFICATION attributes, each present or absent: either the values assigned at one
 * level (object, instance, resource or resource instance) for one server, or the effective set
 * of an observation after inheritance ({@link #effective}). Immutable; the {@code with…} methods
 * return modified copies.
 *
 * <pre>{@code
 * NotificationAttributes a = NotificationAttributes.NONE.withPmin(10).withGt(50);
 * a.pmin();                 // OptionalLong[10]
 * a.toLinkAttributes();     // [pmin=10, gt=50]
 * }</pre>
 */
public final class NotificationAttributes {
  /** The set with no attribute. */
  public static final NotificationAttributes NONE = new NotificationAttributes(new EnumMap<>(NotificationAttribute.class));

  /** Values are Long (periods, hqmax), Double (gt, lt, st) or Boolean (edge, con), as the attribute parses them. */
  private final Map<NotificationAttribute, Object> values;

  private NotificationAttributes(EnumMap<NotificationAttribute, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * The effective attributes of an observation: attribute by attribute, the value assigned on the
   * resource instance wins over the resource, which wins over the object instance, then the object,
   * then the server account's defaults. Pass {@link #NONE} for levels below the observed path.
   */
  public static NotificationAttributes effective(
      NotificationAttributes object,
      NotificationAttributes instance,
      NotificationAttributes resource,
      NotificationAttributes resourceInstance,
      ServerDefaults defaults) {
    return resourceInstance.orElse(resource).orElse(instance).orElse(object).orElse(defaults.asAttributes());
  }

  /** Minimum Period in seconds. */
  public OptionalLong pmin() {
    return longValue(NotificationAttribute.PMIN);
  }

  /** Maximum Period in seconds ({@code 0} means no maximum). */
  public OptionalLong pmax() {
    return longValue(NotificationAttribute.PMAX);
  }

  /** Greater Than threshold. */
  public OptionalDouble gt() {
    return doubleValue(NotificationAttribute.GT);
  }

  /** Less Than threshold. */
  public OptionalDouble lt() {
    return doubleValue(NotificationAttribute.LT);
  }

  /** Step, never negative. */
  public OptionalDouble st() {
    return doubleValue(NotificationAttribute.ST);
  }

  /** Minimum Evaluation Period in seconds. */
  public OptionalLong epmin() {
    return longValue(NotificationAttribute.EPMIN);
  }

  /** Maximum Evaluation Period in seconds. */
  public OptionalLong epmax() {
    return longValue(NotificationAttribute.EPMAX);
  }

  /** Edge: {@code true} ({@code edge=1}) notifies on rising, {@code false} ({@code edge=0}) on falling transitions. */
  public Optional<Boolean> edge() {
    return Optional.ofNullable((Boolean) values.get(NotificationAttribute.EDGE));
  }

  /** Confirmable Notification: {@code true} CON, {@code false} NON. */
  public Optional<Boolean> con() {
    return Optional.ofNullable((Boolean) values.get(NotificationAttribute.CON));
  }

  /** Maximum Historical Queue, never negative. */
  public OptionalLong hqmax() {
    return longValue(NotificationAttribute.HQMAX);
  }

  /** Whether {@code attribute} is present. */
  public boolean has(NotificationAttribute attribute) {
    return values.containsKey(attribute);
  }

  /** The present attributes, in spec order. */
  public Set<NotificationAttribute> names() {
    return values.isEmpty()
        ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(values.keySet()));
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** @throws IllegalArgumentException if {@code seconds} is negative */
  public NotificationAttributes withPmin(long seconds) {
    return with(NotificationAttribute.PMIN, nonNegative(NotificationAttribute.PMIN, seconds));
  }

  /** @throws IllegalArgumentException if {@code seconds} is negative */
  public NotificationAttributes withPmax(long seconds) {
    return with(NotificationAttribute.PMAX, nonNegative(NotificationAttribute.PMAX, seconds));
  }

  /** @throws IllegalArgumentException if {@code threshold} is not finite */
  public NotificationAttributes withGt(double threshold) {
    return with(NotificationAttribute.GT, finite(NotificationAttribute.GT, threshold));
  }

  /** @throws IllegalArgumentException if {@code threshold} is not finite */
  public NotificationAttributes withLt(double threshold) {
    return with(NotificationAttribute.LT, finite(NotificationAttribute.LT, threshold));
  }

  /** @throws IllegalArgumentException if {@code step} is negative or not finite */
  public NotificationAttributes withSt(double step) {
    double value = finite(NotificationAttribute.ST, step);
    if (value < 0) {
      throw new IllegalArgumentException("st must not be negative, got " + step);
    }
    return with(NotificationAttribute.ST, value);
  }

  /** @throws IllegalArgumentException if {@code seconds} is negative */
  public NotificationAttributes withEpmin(long seconds) {
    return with(NotificationAttribute.EPMIN, nonNegative(NotificationAttribute.EPMIN, seconds));
  }

  /** @throws IllegalArgumentException if {@code seconds} is negative */
  public NotificationAttributes withEpmax(long seconds) {
    return with(NotificationAttribute.EPMAX, nonNegative(NotificationAttribute.EPMAX, seconds));
  }

  /** {@code rising} true is {@code edge=1}, false is {@code edge=0}. */
  public NotificationAttributes withEdge(boolean rising) {
    return with(NotificationAttribute.EDGE, rising);
  }

  /** {@code confirmable} true is {@code con=1}, false is {@code con=0}. */
  public NotificationAttributes withCon(boolean confirmable) {
    return with(NotificationAttribute.CON, confirmable);
  }

  /** @throws IllegalArgumentException if {@code entries} is negative */
  public NotificationAttributes withHqmax(long entries) {
    return with(NotificationAttribute.HQMAX, nonNegative(NotificationAttribute.HQMAX, entries));
  }

  /** This set without {@code attribute}. */
  public NotificationAttributes without(NotificationAttribute attribute) {
    if (!values.containsKey(attribute)) {
      return this;
    }
    EnumMap<NotificationAttribute, Object> copy = copy();
    copy.remove(attribute);
    return new NotificationAttributes(copy);
  }

  /** Attribute by attribute, this set's value if present, else {@code fallback}'s. */
  public NotificationAttributes orElse(NotificationAttributes fallback) {
    if (fallback.values.isEmpty() || values.keySet().containsAll(fallback.values.keySet())) {
      return this;
    }
    EnumMap<NotificationAttribute, Object> merged = fallback.copy();
    merged.putAll(values);
    return new NotificationAttributes(merged);
  }

  /**
   * Checks that this set may be assigned at {@code level} as the spec's Write-Attributes rules
   * demand: gt/lt/st/edge only on a resource or resource instance; {@code lt < gt} and {@code lt +
   * 2·st < gt} when lt and gt are both present; {@code epmin < epmax} when both are present. Call
   * it on the set as it will be stored (after {@link AttributeUpdate#applyTo}). A {@code pmax}
   * below {@code pmin} is not an error: such a pmax is ignored when notifying. The empty set is
   * always valid, so unsetting never fails.
   *
   * @throws InvalidRequestException naming the offending attribute
   */
  public void validateAt(LwM2mPath level) {
    AssignmentRules.checkLevel(this, level);
    AssignmentRules.checkCombination(this);
  }

  /**
   * {@link #validateAt(LwM2mPath)}, plus the rules that need the resource's definition: the
   * resource must be readable; gt/lt/st need an Integer, Unsigned Integer or Float resource; edge
   * needs a Boolean one; a resource-instance level needs a multi-instance resource.
   *
   * @param level a resource or resource-instance path of {@code resource}
   * @throws InvalidRequestException naming the offending attribute
   * @throws IllegalArgumentException if {@code level} does not reach {@code resource}
   */
  public void validateAt(LwM2mPath level, ResourceModel resource) {
    if (level.depth() < 3 || level.resourceId() != resource.id()) {
      throw new IllegalArgumentException("path " + level + " is not a path of resource " + resource.id());
    }
    validateAt(level);
    AssignmentRules.checkResource(this, level, resource);
  }

  /** The attributes as link parameters, in spec order, for a Discover response: {@code pmin=10}, {@code gt=50}. */
  public List<LinkAttribute> toLinkAttributes() {
    List<LinkAttribute> links = new ArrayList<>(values.size());
    values.forEach((attribute, value) -> links.add(LinkAttribute.of(attribute.linkName(), attribute.format(value))));
    return List.copyOf(links);
  }

  /** The value of {@code attribute} as it is written after {@code name=}, e.g. {@code "42.2"}. */
  public Optional<String> text(NotificationAttribute attribute) {
    Object value = values.get(attribute);
    return value == null ? Optional.empty() : Optional.of(attribute.format(value));
  }

  /** Package use: set a value already checked by {@link NotificationAttribute#parse}. */
  NotificationAttributes with(NotificationAttribute attribute, Object value) {
    EnumMap<NotificationAttribute, Object> copy = copy();
    copy.put(attribute, value);
    return new NotificationAttributes(copy);
  }

  private EnumMap<NotificationAttribute, Object> copy() {
    return values.isEmpty() ? new EnumMap<>(NotificationAttribute.class) : new EnumMap<>(values);
  }

  private OptionalLong longValue(NotificationAttribute attribute) {
    Object value = values.get(attribute);
    return value == null ? OptionalLong.empty() : OptionalLong.of((Long) value);
  }

  private OptionalDouble doubleValue(NotificationAttribute attribute) {
    Object value = values.get(attribute);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of((Double) value);
  }

  private static long nonNegative(NotificationAttribute attribute, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(attribute.linkName() + " must not be negative, got " + value);
    }
    return value;
  }

  private static double finite(NotificationAttribute attribute, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(attribute.linkName() + " must be a finite number, got " + value);
    }
    return value == 0 ? 0.0 : value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NotificationAttributes other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  /** The attributes as link parameters: {@code NotificationAttributes[pmin=10;gt=50]}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("NotificationAttributes[");
    values.forEach((attribute, value) -> {
      if (out.charAt(out.length() - 1) != '[') {
        out.append(';');
      }
      out.append(attribute.linkName()).append('=').append(attribute.format(value));
    });
    return out.append(']').toString();
  }
}
