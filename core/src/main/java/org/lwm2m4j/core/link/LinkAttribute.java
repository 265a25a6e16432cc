package org.lwm2m4j.core.link;

import java.util.Objects;
import java.util.Optional;

/**
 * One parameter of a link: {@code ver=1.1}, {@code rt="oma.lwm2m"}, or a bare name such as the
 * {@code Q} in {@code ;Q}. The value is kept unquoted and unescaped; whether it needs quotes on
 * the wire is the {@link LinkFormatWriter}'s business.
 *
 * @param name the parameter name, one or more RFC 8288 token characters ({@code pmin}, {@code ct})
 * @param value the unquoted value, empty for a bare parameter; may itself be the empty string
 *     ({@code title=""})
 */
public record LinkAttribute(String name, Optional<String> value) {
  public LinkAttribute {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a link parameter needs a name");
    }
    for (int i = 0; i < name.length(); i++) {
      if (!LinkSyntax.isNameChar(name.charAt(i))) {
        throw new IllegalArgumentException("link parameter name '" + name + "' has an invalid character at " + i);
      }
    }
  }

  /** {@code name=value}. */
  public static LinkAttribute of(String name, String value) {
    return new LinkAttribute(name, Optional.of(value));
  }

  /** A bare parameter with no value, like {@code Q}. */
  public static LinkAttribute of(String name) {
    return new LinkAttribute(name, Optional.empty());
  }

  /** Whether this parameter is called {@code name}, ignoring ASCII case as RFC 8288 does. */
  public boolean hasName(String name) {
    return this.name.equalsIgnoreCase(name);
  }

  /** The parameter as it is written in a link: {@code pmin=10}, {@code rt="oma.lwm2m"}, {@code Q}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    LinkFormatWriter.appendAttribute(out, this, false);
    return out.toString();
  }
}
