package org.lwm2m4j.server.firmware;

/** A firmware update was asked for a device that already has one running. */
public final class UpdateInProgressException extends RuntimeException {
  public UpdateInProgressException(String endpoint) {
    super("a firmware update of " + endpoint + " is already running");
  }
}
