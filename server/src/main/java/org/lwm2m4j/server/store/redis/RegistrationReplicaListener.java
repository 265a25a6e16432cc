package org.lwm2m4j.server.store.redis;

import java.util.Optional;
import org.lwm2m4j.server.registration.Registration;

/**
 * Hears of registration changes another node made, once this node's replica applied them (the
 * server's own {@code RegistrationListener}s hear only this node's changes). Called on the store's
 * completion executor, one change at a time in the order the replica changed, while the store's
 * write lock is held: return quickly, and do not change the store from here.
 */
@FunctionalInterface
public interface RegistrationReplicaListener {
  /**
   * The replica's registration of {@code endpoint} went from {@code before} to {@code after}
   * (either empty: it came or went; both present: updated, replaced or claimed by another node).
   *
   * @param owner the node that owns the endpoint now; empty when it is gone
   */
  void changed(String endpoint, Optional<Registration> before, Optional<Registration> after, Optional<String> owner);
}
