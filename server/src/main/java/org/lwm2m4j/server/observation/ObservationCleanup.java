package org.lwm2m4j.server.observation;

import java.util.Optional;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observation state dies with its registration: when a client registers again (replacing its
 * registration), de-registers or expires, its observations are dropped. Add it as a listener of
 * the registration service.
 */
public final class ObservationCleanup implements RegistrationListener {
  private static final Logger LOG = LoggerFactory.getLogger(ObservationCleanup.class);

  private final ObservationStore observations;

  public ObservationCleanup(ObservationStore observations) {
    this.observations = observations;
  }

  @Override
  public void registered(Registration registration, Optional<Registration> replaced) {
    replaced.ifPresent(this::drop);
  }

  @Override
  public void deregistered(Registration registration) {
    drop(registration);
  }

  @Override
  public void expired(Registration registration) {
    drop(registration);
  }

  private void drop(Registration registration) {
    int dropped = observations.removeAll(registration.id()).size();
    if (dropped > 0) {
      LOG.debug("dropped {} observations of {} ({})", dropped, registration.endpoint(), registration.id());
    }
  }
}
