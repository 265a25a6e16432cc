package org.lwm2m4j.server.bootstrap;

import java.util.Optional;

/**
 * How a bootstrap session began, as operators see it in session records and events: its {@link
 * #label()} is the JSON form ({@code "request"}, {@code "pack"}, {@code "push"}).
 */
public enum BootstrapMode {
  /** The client sent Bootstrap-Request ({@code POST /bs}); the server then wrote step by step and ended with Bootstrap-Finish. */
  REQUEST("request"),
  /**
   * The client sent Bootstrap-Pack-Request ({@code GET /bspack}, LwM2M 1.2): one answer carries the
   * whole configuration and no Bootstrap-Finish follows, so the session ends when the pack is sent.
   */
  PACK("pack"),
  /** Server-initiated: the Bootstrap-Server wrote to a client that had not asked. */
  PUSH("push");

  private final String label;

  BootstrapMode(String label) {
    this.label = label;
  }

  /** The lower-case name used in JSON. */
  public String label() {
    return label;
  }

  /** The mode whose {@link #label()} is {@code label}, if any. */
  public static Optional<BootstrapMode> fromLabel(String label) {
    for (BootstrapMode mode : values()) {
      if (mode.label.equals(label)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
