package org.lwm2m4j.core.error;

/**
 * The root of every LwM2M failure that has an answer on the wire. Each subclass fixes its
 * {@link ResponseCode}, so the code a peer receives is decided by the exception's type in one
 * place and never by string matching. Messages are written for the person reading the log or the
 * CLI output: they say what was wrong and where.
 */
public abstract class LwM2mException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected LwM2mException(String message) {
    super(message);
  }

  protected LwM2mException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The response code this failure is answered with. */
  public abstract ResponseCode code();
}
