package org.lwm2m4j.core.error;

/** The requester has no right to the target, e.g. a DM server touching the Security object (4.01 Unauthorized). */
public class UnauthorizedException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(String message) {
    super(message);
  }

  public UnauthorizedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.UNAUTHORIZED;
  }
}
