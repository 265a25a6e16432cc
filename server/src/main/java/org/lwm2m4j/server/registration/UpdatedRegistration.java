package org.lwm2m4j.server.registration;

import java.util.Objects;

/** A registration before and after an Update, so listeners can see what changed. */
public record UpdatedRegistration(Registration previous, Registration current) {
  public UpdatedRegistration {
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
  }
}
