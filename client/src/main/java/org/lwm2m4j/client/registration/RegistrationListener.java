package org.lwm2m4j.client.registration;

/**
 * Told how the client's registrations go, per server (Short Server ID). Called on the registration
 * engine's thread; keep it short.
 */
public interface RegistrationListener {
  /**
   * The logger of the WARN lines that go with {@link #failed} and {@link #waiting}, apart from the
   * client's other lines so that an application that tells its user about attempts itself (as the
   * {@code lwm2m client} command does) can turn them off instead of saying everything twice.
   */
  String ATTEMPTS_LOGGER = "org.lwm2m4j.client.registration.attempts";

  /** A Register to the server is about to be sent. */
  default void registering(int shortServerId) {}

  default void registered(int shortServerId, String location) {}

  /** An Update to the server is about to be sent (at a fraction of the lifetime, or when something announced changed). */
  default void updating(int shortServerId) {}

  default void updated(int shortServerId) {}

  /**
   * A Register has had no answer for a couple of seconds: {@code reason} says what is known (e.g.
   * "connection refused (nothing listening on 127.0.0.1:5683?)"); the attempt goes on.
   */
  default void waiting(int shortServerId, String reason) {}

  /** A Register or Update failed; the engine retries after {@code retryInMillis}. */
  default void failed(int shortServerId, String reason, long retryInMillis) {}

  default void deregistered(int shortServerId) {}

  /** The server disabled the client (/1/x/4) for {@code seconds}. */
  default void disabled(int shortServerId, long seconds) {}
}
