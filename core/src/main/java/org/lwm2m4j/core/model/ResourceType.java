package org.lwm2m4j.core.model;

import java.util.Optional;

/**
 * The data types of LwM2M resources. {@link #NONE} is the "type" of executable resources, which
 * carry no value. {@link #UNSIGNED_INTEGER} and {@link #CORELNK} exist since LwM2M 1.1.
 */
public enum ResourceType {
  STRING("String"),
  INTEGER("Integer"),
  UNSIGNED_INTEGER("Unsigned Integer"),
  FLOAT("Float"),
  BOOLEAN("Boolean"),
  OPAQUE("Opaque"),
  TIME("Time"),
  OBJLNK("Objlnk"),
  CORELNK("Corelnk"),
  NONE("");

  private final String ddfName;

  ResourceType(String ddfName) {
    this.ddfName = ddfName;
  }

  /** The spelling used in DDF XML {@code <Type>} elements (empty for {@link #NONE}). */
  public String ddfName() {
    return ddfName;
  }

  /** The type for a DDF {@code <Type>} text; case and surrounding blanks are ignored. */
  public static Optional<ResourceType> fromDdfName(String text) {
    String trimmed = text.trim();
    for (ResourceType type : values()) {
      if (type.ddfName.equalsIgnoreCase(trimmed)) {
        return Optional.of(type);
      }
    }
    if (trimmed.equalsIgnoreCase("UnsignedInteger") || trimmed.equalsIgnoreCase("Unsigned")) {
      return Optional.of(UNSIGNED_INTEGER);
    }
    if (trimmed.equalsIgnoreCase("none")) {
      return Optional.of(NONE);
    }
    return Optional.empty();
  }

  /** Whether values of this type are numbers in SenML {@code v} / CBOR numbers. */
  public boolean isNumeric() {
    return this == INTEGER || this == UNSIGNED_INTEGER || this == FLOAT || this == TIME;
  }
}
