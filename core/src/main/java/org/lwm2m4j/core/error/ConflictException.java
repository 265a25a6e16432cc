package org.lwm2m4j.core.error;

/** The request conflicts with the target's state, e.g. a Register whose object list cannot be determined (4.09 Conflict). */
public class ConflictException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }

  public ConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.CONFLICT;
  }
}
