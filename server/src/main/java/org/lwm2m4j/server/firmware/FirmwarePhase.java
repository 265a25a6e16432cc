package org.lwm2m4j.server.firmware;

/** Where a firmware update job stands, as the server sees it. */
public enum FirmwarePhase {
  /** Observing State and Update Result, checking the device is idle. */
  STARTING,
  /** The package is being written (push) or the device is fetching it (pull). */
  DOWNLOADING,
  /** The device holds the package (State 2); Update is being executed. */
  DOWNLOADED,
  /** Update executed; waiting for the Update Result. */
  UPDATING,
  /** Update Result 1. */
  SUCCEEDED,
  /** A failure result, a refused request or a timeout. */
  FAILED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }

  /** The lower-case name used in JSON. */
  public String text() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
