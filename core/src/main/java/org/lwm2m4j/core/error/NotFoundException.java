package org.lwm2m4j.core.error;

/** The target object, instance, resource or registration does not exist (4.04 Not Found). */
public class NotFoundException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.NOT_FOUND;
  }
}
