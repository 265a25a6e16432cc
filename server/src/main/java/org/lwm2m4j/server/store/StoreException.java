package org.lwm2m4j.server.store;

/**
 * A persistent store could not be opened, read or written: the data directory is missing rights,
 * the file is not a database or is used by another process, or a write failed. The message names
 * the file and the cause.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
