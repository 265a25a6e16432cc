package org.lwm2m4j.core.error;

/** A precondition of the request does not hold, e.g. a Register with an unsupported LwM2M version (4.12 Precondition Failed). */
public class PreconditionFailedException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public PreconditionFailedException(String message) {
    super(message);
  }

  public PreconditionFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.PRECONDITION_FAILED;
  }
}
