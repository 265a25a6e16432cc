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

  /**
   * The exception for an error {@code code} — its dedicated type where there is one (4.04 → {@link
   * NotFoundException} …), else an {@link ErrorResponseException} — so a peer's error answer can
   * be handled like a local failure.
   *
   * @throws IllegalArgumentException if {@code code} is a success code
   */
  public static LwM2mException forCode(ResponseCode code, String message) {
    switch (code) {
      case BAD_REQUEST:
        return new InvalidRequestException(message);
      case UNAUTHORIZED:
        return new UnauthorizedException(message);
      case FORBIDDEN:
        return new ForbiddenException(message);
      case NOT_FOUND:
        return new NotFoundException(message);
      case METHOD_NOT_ALLOWED:
        return new MethodNotAllowedException(message);
      case NOT_ACCEPTABLE:
        return new NotAcceptableException(message);
      case CONFLICT:
        return new ConflictException(message);
      case PRECONDITION_FAILED:
        return new PreconditionFailedException(message);
      case UNSUPPORTED_CONTENT_FORMAT:
        return new UnsupportedContentFormatException(message);
      default:
        return new ErrorResponseException(code, message);
    }
  }
}
