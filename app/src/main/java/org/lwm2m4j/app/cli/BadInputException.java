package org.lwm2m4j.app.cli;

/** Input given on the command line or stdin that the user must fix (exit status 2). */
public final class BadInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
