package org.lwm2m4j.core.error;

/** The operation is not allowed on the target by its model or its state (4.05 Method Not Allowed). */
public class MethodNotAllowedException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public MethodNotAllowedException(String message) {
    super(message);
  }

  public MethodNotAllowedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.METHOD_NOT_ALLOWED;
  }
}
