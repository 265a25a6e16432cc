package org.lwm2m4j.server.firmware;

/** A firmware update was asked for an endpoint that is not registered. */
public final class EndpointNotRegisteredException extends RuntimeException {
  public EndpointNotRegisteredException(String endpoint) {
    super("no client is registered as " + endpoint);
  }
}
