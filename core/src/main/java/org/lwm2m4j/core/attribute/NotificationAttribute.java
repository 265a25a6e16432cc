package org.lwm2m4j.core.attribute;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * The NOTIFICATION class attributes, the only ones Write-Attributes may change, in the order the
 * spec lists them (which is also the order they are written in queries and links). Each knows its
 * link/query parameter name and the syntax of its value.
 */
public enum NotificationAttribute {
  /** Minimum Period {@code pmin}: integer seconds between two notifications. */
  PMIN("pmin", Syntax.SECONDS, false),
  /** Maximum Period {@code pmax}: integer seconds after which a notification is sent anyway. */
  PMAX("pmax", Syntax.SECONDS, false),
  /** Greater Than {@code gt}: a decimal threshold, notify when the value crosses it. */
  GT("gt", Syntax.SIGNED_DECIMAL, true),
  /** Less Than {@code lt}: a decimal threshold, notify when the value crosses it. */
  LT("lt", Syntax.SIGNED_DECIMAL, true),
  /** Step {@code st}: a decimal &ge; 0, notify when the value moved this far from the last notified one. */
  ST("st", Syntax.DECIMAL, true),
  /** Minimum Evaluation Period {@code epmin} [1.1]: integer seconds. */
  EPMIN("epmin", Syntax.SECONDS, false),
  /** Maximum Evaluation Period {@code epmax} [1.1]: integer seconds. */
  EPMAX("epmax", Syntax.SECONDS, false),
  /** Edge {@code edge} [1.2]: {@code 1} notify on false&rarr;true, {@code 0} on true&rarr;false. */
  EDGE("edge", Syntax.FLAG, true),
  /** Confirmable Notification {@code con} [1.2]: {@code 1} CON, {@code 0} NON. */
  CON("con", Syntax.FLAG, false),
  /** Maximum Historical Queue {@code hqmax} [1.2]: integer &ge; 0 stored notifications. */
  HQMAX("hqmax", Syntax.COUNT, false);

  /** The PROPERTIES attributes: known, shown by Discover, never writable. */
  private static final Set<String> READ_ONLY = Set.of("ver", "dim", "ssid", "uri", "lwm2m");

  private final String linkName;
  private final Syntax syntax;
  private final boolean resourceLevelOnly;

  NotificationAttribute(String linkName, Syntax syntax, boolean resourceLevelOnly) {
    this.linkName = linkName;
    this.syntax = syntax;
    this.resourceLevelOnly = resourceLevelOnly;
  }

  /** The parameter name in queries and links, e.g. {@code pmin}. */
  public String linkName() {
    return linkName;
  }

  /**
   * Whether the attribute may only be assigned to a resource or resource instance ({@code gt},
   * {@code lt}, {@code st}, {@code edge}), not to an object or object instance.
   */
  public boolean isResourceLevelOnly() {
    return resourceLevelOnly;
  }

  /** The attribute called {@code name} (exact, lower-case spelling), if it is a NOTIFICATION one. */
  public static Optional<NotificationAttribute> fromLinkName(String name) {
    for (NotificationAttribute attribute : values()) {
      if (attribute.linkName.equals(name)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }

  /**
   * The attribute called {@code name}, for a Write-Attributes or Observe query.
   *
   * @throws InvalidRequestException if the name is a read-only PROPERTIES attribute or unknown
   */
  static NotificationAttribute writable(String name) {
    Optional<NotificationAttribute> attribute = fromLinkName(name);
    if (attribute.isPresent()) {
      return attribute.get();
    }
    if (READ_ONLY.contains(name)) {
      throw new InvalidRequestException("attribute '" + name + "' is read-only and cannot be written");
    }
    throw new InvalidRequestException("unknown attribute '" + name + "'");
  }

  /**
   * Parses a value as written after {@code name=}: a {@link Long} for periods and counts, a
   * {@link Double} for thresholds and step, a {@link Boolean} for flags.
   *
   * @throws InvalidRequestException naming the attribute when the text does not fit its syntax
   */
  Object parse(String text) {
    return syntax.parse(this, text);
  }

  /** The text of a value of this attribute, the inverse of {@link #parse}. */
  String format(Object value) {
    if (value instanceof Boolean flag) {
      return flag ? "1" : "0";
    }
    if (value instanceof Double decimal) {
      return BigDecimal.valueOf(decimal).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  /** Value syntaxes; decimals follow the spec ABNF {@code 1*DIGIT ["." 1*DIGIT]}. */
  private enum Syntax {
    SECONDS("a non-negative integer number of seconds"),
    COUNT("a non-negative integer"),
    SIGNED_DECIMAL("a decimal number"),
    DECIMAL("a non-negative decimal number"),
    FLAG("0 or 1");

    private static final Pattern INTEGER = Pattern.compile("[0-9]+");
    private static final Pattern UNSIGNED_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    // A leading '-' although the ABNF has none: negative thresholds are needed (OMA issue #563).
    private static final Pattern SIGNED = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

    private final String description;

    Syntax(String description) {
      this.description = description;
    }

    Object parse(NotificationAttribute attribute, String text) {
      switch (this) {
        case SECONDS:
        case COUNT:
          if (INTEGER.matcher(text).matches()) {
            try {
              return Long.parseLong(text);
            } catch (NumberFormatException tooLarge) {
              throw invalid(attribute, text, tooLarge);
            }
          }
          break;
        case SIGNED_DECIMAL:
          if (SIGNED.matcher(text).matches()) {
            return finite(attribute, text);
          }
          break;
        case DECIMAL:
          if (UNSIGNED_DECIMAL.matcher(text).matches()) {
            return finite(attribute, text);
          }
          break;
        case FLAG:
          if (text.equals("0") || text.equals("1")) {
            return text.equals("1");
          }
          break;
        default:
          break;
      }
      throw invalid(attribute, text, null);
    }

    private Double finite(NotificationAttribute attribute, String text) {
      double value = Double.parseDouble(text);
      if (Double.isInfinite(value)) {
        throw invalid(attribute, text, null);
      }
      return value == 0 ? 0.0 : value; // "-0" is zero; keep one zero so equal sets compare equal
    }

    private InvalidRequestException invalid(NotificationAttribute attribute, String text, Throwable cause) {
      String message = "attribute '" + attribute.linkName + "' must be " + description + ", got '" + text + "'";
      return cause == null ? new InvalidRequestException(message) : new InvalidRequestException(message, cause);
    }
  }
}
