package org.lwm2m4j.app.rest;

/** An HTTP request the REST API cannot act on (bad query parameter or body): answered 400. */
final class BadRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  BadRequestException(String message) {
    super(message);
  }
}
