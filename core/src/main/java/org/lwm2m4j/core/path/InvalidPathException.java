package org.lwm2m4j.core.path;

import org.lwm2m4j.core.error.InvalidRequestException;

/** A text or id sequence that is not a valid LwM2M path (answered with 4.00 Bad Request). */
public final class InvalidPathException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  public InvalidPathException(String message) {
    super(message);
  }
}
