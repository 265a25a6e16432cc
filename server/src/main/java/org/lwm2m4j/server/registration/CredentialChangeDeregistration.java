package org.lwm2m4j.server.registration;

import java.util.Optional;
import org.lwm2m4j.core.error.NotFoundException;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.SecurityStoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the registration of an endpoint whose credentials changed or were removed: the client must
 * register again with the new ones (security.md §6). An endpoint that gets its first credentials
 * keeps its registration.
 */
public final class CredentialChangeDeregistration implements SecurityStoreListener {
  private static final Logger LOG = LoggerFactory.getLogger(CredentialChangeDeregistration.class);

  private final RegistrationService registrations;

  public CredentialChangeDeregistration(RegistrationService registrations) {
    this.registrations = registrations;
  }

  @Override
  public void changed(String endpointName, Optional<SecurityInfo> previous) {
    previous.ifPresent(old -> deregister(endpointName, "its credentials changed"));
  }

  @Override
  public void removed(String endpointName, SecurityInfo previous) {
    deregister(endpointName, "its credentials were removed");
  }

  private void deregister(String endpointName, String why) {
    registrations.store().byEndpoint(endpointName).ifPresent(registration -> {
      LOG.info("ending the registration of {} ({}): {}", endpointName, registration.id(), why);
      try {
        registrations.deregister(registration.id());
      } catch (NotFoundException alreadyGone) {
        // it went away meanwhile
      }
    });
  }
}
