package org.lwm2m4j.core.error;

/** The payload's content format is unknown or not usable for the target (4.15 Unsupported Content-Format). */
public class UnsupportedContentFormatException extends LwM2mException {
  private static final long serialVersionUID = 1L;

  public UnsupportedContentFormatException(String message) {
    super(message);
  }

  public UnsupportedContentFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ResponseCode code() {
    return ResponseCode.UNSUPPORTED_CONTENT_FORMAT;
  }
}
