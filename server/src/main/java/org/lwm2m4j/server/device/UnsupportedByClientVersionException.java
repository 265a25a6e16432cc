package org.lwm2m4j.server.device;

import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.server.registration.Registration;

/**
 * The operation is not part of the LwM2M version the client registered with (Read-, Write- and
 * Observe-Composite need 1.1, observation attributes on Observe-Composite need 1.2), so nothing
 * was sent: a client that registered below it would answer with an error at best and misread the
 * request at worst. A bad request (4.00, HTTP 400), decided before any datagram leaves.
 */
public final class UnsupportedByClientVersionException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final String operation;
  private final Version needed;
  private final Version registered;

  /**
   * @param advice what to do instead, appended to the message; empty for none
   */
  public UnsupportedByClientVersionException(Registration registration, String operation, Version needed, String advice) {
    super(operation + " needs LwM2M " + needed + " or later, and " + registration.endpoint() + " registered with lwm2m="
        + registration.lwm2mVersion() + ", so nothing was sent" + (advice.isEmpty() ? "" : "; " + advice));
    this.operation = operation;
    this.needed = needed;
    this.registered = registration.lwm2mVersion();
  }

  /**
   * Checks that {@code registration}'s client implements {@code needed} or later.
   *
   * @throws UnsupportedByClientVersionException if it registered with an earlier version
   */
  public static void requireAtLeast(Registration registration, Version needed, String operation) {
    if (registration.lwm2mVersion().compareTo(needed) < 0) {
      throw new UnsupportedByClientVersionException(registration, operation, needed, "");
    }
  }

  /** The operation refused, e.g. {@code Read-Composite}. */
  public String operation() {
    return operation;
  }

  /** The first LwM2M version that has the operation. */
  public Version needed() {
    return needed;
  }

  /** The version the client registered with. */
  public Version registered() {
    return registered;
  }
}
