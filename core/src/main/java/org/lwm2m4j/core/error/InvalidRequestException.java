package org.lwm2m4j.core.error;

/** The request or its payload is malformed or inconsistent with the target (4.00 Bad Request). */
public class InvalidRequestException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }

  public InvalidRequestException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.BAD_REQUEST;
  }
}
