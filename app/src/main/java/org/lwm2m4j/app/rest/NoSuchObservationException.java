package org.lwm2m4j.app.rest;

/** The observation a cancel names is not held for that client: answered 404. */
final class NoSuchObservationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NoSuchObservationException(String message) {
    super(message);
  }
}
