package org.lwm2m4j.server.store.redis;

/** A Redis address that is not of the form {@code redis://HOST:PORT[/DB]}; the message says what is wrong. */
public final class RedisUriException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public RedisUriException(String message) {
    super(message);
  }
}
