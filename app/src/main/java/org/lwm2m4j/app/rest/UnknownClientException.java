package org.lwm2m4j.app.rest;

/** No client is registered under the endpoint name in the URL: answered 404. */
final class UnknownClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnknownClientException(String endpoint) {
    super("no client registered as '" + endpoint + "'");
  }
}
