package org.lwm2m4j.server.security;

import java.util.Optional;

/**
 * Hears that an endpoint's credentials changed, so that what they authenticated (DTLS sessions,
 * the registration) can be ended: the client must authenticate again with the new ones. Called on
 * the thread that changed the store, after the change is visible and outside any store lock;
 * implementations must be quick and must not block. Notifications of concurrent changes to one
 * endpoint may arrive in either order: read the store for the current state.
 */
public interface SecurityStoreListener {

  /**
   * {@code endpoint} got credentials (previous empty) or new ones.
   *
   * @param previous what it had before, e.g. to find sessions by the old PSK identity
   */
  void changed(String endpoint, Optional<SecurityInfo> previous);

  /**
   * {@code endpoint}'s credentials were removed: it can no longer authenticate.
   *
   * @param previous what it had
   */
  void removed(String endpoint, SecurityInfo previous);
}
