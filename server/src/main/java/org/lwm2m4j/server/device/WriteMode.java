package org.lwm2m4j.server.device;

/** How a Write treats what the payload does not mention. */
public enum WriteMode {
  /** {@code PUT}: the target becomes exactly the payload. */
  REPLACE,
  /** {@code POST}: only what the payload names is written (partial update). */
  UPDATE
}
