package org.lwm2m4j.server.firmware;

/** No firmware image has the id asked for. */
public final class UnknownImageException extends RuntimeException {
  public UnknownImageException(String id) {
    super("no firmware image " + id);
  }
}
