package org.lwm2m4j.core.error;

/** The requested content format cannot represent the target (4.06 Not Acceptable). */
public class NotAcceptableException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public NotAcceptableException(String message) {
    super(message);
  }

  public NotAcceptableException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.NOT_ACCEPTABLE;
  }
}
