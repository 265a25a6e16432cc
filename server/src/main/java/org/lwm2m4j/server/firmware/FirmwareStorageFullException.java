package org.lwm2m4j.server.firmware;

/** An upload that would take the firmware repository over its size limit. */
public final class FirmwareStorageFullException extends RuntimeException {
  public FirmwareStorageFullException(String message) {
    super(message);
  }
}
