package org.lwm2m4j.core.error;

/** The request is understood but refused by policy (4.03 Forbidden). */
public class ForbiddenException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message);
  }

  public ForbiddenException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.FORBIDDEN;
  }
}
