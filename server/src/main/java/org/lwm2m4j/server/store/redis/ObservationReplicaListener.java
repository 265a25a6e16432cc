package org.lwm2m4j.server.store.redis;

import java.util.Optional;
import org.lwm2m4j.server.observation.Observation;

/**
 * Hears of observations another node made or dropped, once this node's replica applied them: a
 * node taking over a device can arm its transport for their tokens. Called as {@link
 * RegistrationReplicaListener}: in order, on the store's completion executor, under the store's
 * write lock; return quickly and do not change the store from here.
 */
@FunctionalInterface
public interface ObservationReplicaListener {
  /** The observation of {@code before}'s or {@code after}'s token came ({@code before} empty), changed, or went ({@code after} empty). */
  void changed(Optional<Observation> before, Optional<Observation> after);
}
