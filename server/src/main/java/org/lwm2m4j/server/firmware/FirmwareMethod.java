package org.lwm2m4j.server.firmware;

/** How the package reaches the device. */
public enum FirmwareMethod {
  /** The server writes the package into Package (/5/0/0), block-wise. */
  PUSH,
  /** The server writes Package URI (/5/0/1) pointing at its own {@code /fw/{id}} resource; the device downloads. */
  PULL;

  /** The lower-case name used in JSON. */
  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
