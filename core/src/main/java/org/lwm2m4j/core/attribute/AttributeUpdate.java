package org.lwm2m4j.core.attribute;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * What one Write-Attributes request asks for: attributes to set and attributes to unset at the
 * target level. It is the query of {@code PUT /3/0/9?pmin=10&gt=45&pmax}: set pmin and gt, unset
 * pmax. The client parses it ({@link #parseQuery}) and merges it into the stored set ({@link
 * #applyTo}); the server builds it and writes it out ({@link #toQuery}).
 *
 * <pre>{@code
 * AttributeUpdate update = AttributeUpdate.parseQuery(List.of("pmin=10", "pmax"));
 * NotificationAttributes stored = update.applyTo(current);
 * stored.validateAt(path);
 * }</pre>
 *
 * @param set the attributes assigned a value
 * @param unset the attributes removed from the level; never also in {@code set}
 */
public record AttributeUpdate(NotificationAttributes set, Set<NotificationAttribute> unset) {
  /** @throws IllegalArgumentException if an attribute is both set and unset */
  public AttributeUpdate {
    Objects.requireNonNull(set, "set");
    unset = unset.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(unset));
    for (NotificationAttribute attribute : unset) {
      if (set.has(attribute)) {
        throw new IllegalArgumentException("attribute '" + attribute.linkName() + "' is both set and unset");
      }
    }
  }

  /** An update that only assigns these values. */
  public static AttributeUpdate setting(NotificationAttributes set) {
    return new AttributeUpdate(set, Set.of());
  }

  /** An update that only removes these attributes. */
  public static AttributeUpdate unsetting(NotificationAttribute... attributes) {
    Set<NotificationAttribute> unset = EnumSet.noneOf(NotificationAttribute.class);
    Collections.addAll(unset, attributes);
    return new AttributeUpdate(NotificationAttributes.NONE, unset);
  }

  /**
   * Parses the Uri-Query options of a Write-Attributes request, one {@code name=value} or bare
   * {@code name} per entry. A bare name or an empty value ({@code pmin=}) unsets the attribute.
   *
   * @throws InvalidRequestException naming the parameter when it is not a NOTIFICATION attribute
   *     (unknown, or read-only like {@code dim} and {@code ver}), appears twice, or has a value
   *     its syntax does not allow ({@code pmin=-5}, {@code st=-1}, {@code edge=2}, {@code gt=1e3})
   */
  public static AttributeUpdate parseQuery(List<String> queryParameters) {
    NotificationAttributes set = NotificationAttributes.NONE;
    Set<NotificationAttribute> unset = EnumSet.noneOf(NotificationAttribute.class);
    for (String parameter : queryParameters) {
      int equals = parameter.indexOf('=');
      String name = equals < 0 ? parameter : parameter.substring(0, equals);
      String value = equals < 0 ? "" : parameter.substring(equals + 1);
      NotificationAttribute attribute = NotificationAttribute.writable(name);
      if (set.has(attribute) || unset.contains(attribute)) {
        throw new InvalidRequestException("attribute '" + name + "' appears more than once");
      }
      if (value.isEmpty()) {
        unset.add(attribute);
      } else {
        set = set.with(attribute, attribute.parse(value));
      }
    }
    return new AttributeUpdate(set, unset);
  }

  /** The Uri-Query options for this update, in spec order: {@code pmin=10}, {@code gt=45}, {@code pmax}. */
  public List<String> toQuery() {
    List<String> query = new ArrayList<>();
    for (NotificationAttribute attribute : NotificationAttribute.values()) {
      if (set.has(attribute)) {
        query.add(attribute.linkName() + "=" + set.text(attribute).orElseThrow());
      } else if (unset.contains(attribute)) {
        query.add(attribute.linkName());
      }
    }
    return List.copyOf(query);
  }

  /** The stored set after this update: {@code current} without the unset attributes, overridden by the set ones. */
  public NotificationAttributes applyTo(NotificationAttributes current) {
    NotificationAttributes result = current;
    for (NotificationAttribute attribute : unset) {
      result = result.without(attribute);
    }
    return set.orElse(result);
  }

  /** Whether the update neither sets nor unsets anything. */
  public boolean isEmpty() {
    return set.isEmpty() && unset.isEmpty();
  }
}
