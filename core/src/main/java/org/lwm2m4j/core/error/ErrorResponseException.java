package org.lwm2m4j.core.error;

import java.util.Objects;

/**
 * A failure with a response code that has no dedicated exception type (4.02, 4.08, 4.13, 5.xx…),
 * typically what a peer answered. Prefer {@link LwM2mException#forCode} to build one.
 */
public final class ErrorResponseException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  private final ResponseCode code;

  public ErrorResponseException(ResponseCode code, String message) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    if (code.isSuccess()) {
      throw new IllegalArgumentException(code + " is not an error code");
    }
  }

  @Override
  public ResponseCode code() {
    return code;
  }
}
