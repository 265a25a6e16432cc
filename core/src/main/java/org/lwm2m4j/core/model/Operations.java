package org.lwm2m4j.core.model;

import java.util.Optional;

/**
 * What the Device Management interface may do with a resource: read, write, both, execute, or
 * nothing ({@link #NONE}: reachable only through bootstrap, like every Security resource).
 */
public enum Operations {
  NONE(""),
  R("R"),
  W("W"),
  RW("RW"),
  E("E");

  private final String ddfName;

  Operations(String ddfName) {
    this.ddfName = ddfName;
  }

  /** The DDF {@code <Operations>} text ({@code "RW"}; empty for {@link #NONE}). */
  public String ddfName() {
    return ddfName;
  }

  public boolean isReadable() {
    return this == R || this == RW;
  }

  public boolean isWritable() {
    return this == W || this == RW;
  }

  public boolean isExecutable() {
    return this == E;
  }

  /** Parses DDF text, ignoring case and blanks ({@code "rw"}, {@code " R "}, {@code ""}). */
  public static Optional<Operations> fromDdfName(String text) {
    String trimmed = text.trim();
    for (Operations ops : values()) {
      if (ops.ddfName.equalsIgnoreCase(trimmed)) {
        return Optional.of(ops);
      }
    }
    if (trimmed.equalsIgnoreCase("WR")) {
      return Optional.of(RW);
    }
    return Optional.empty();
  }
}
