package org.lwm2m4j.server.registration;

/**
 * Told about registration changes. Called on the registration service's event thread, never on a
 * network thread, one event at a time in the order they happened; a slow listener delays other
 * listeners' events but never a device's Register or Update. Default methods do nothing.
 */
public interface RegistrationListener {
  /**
   * A client registered.
   *
   * @param replaced its previous registration, whose observations are gone, if it had one
   */
  default void registered(Registration registration, java.util.Optional<Registration> replaced) {}

  default void updated(UpdatedRegistration update) {}

  default void deregistered(Registration registration) {}

  /** No Update arrived within the lifetime (plus grace). */
  default void expired(Registration registration) {}
}
