package org.lwm2m4j.server.observation;

import java.util.List;
import java.util.Optional;

/**
 * Where the server keeps its observations, keyed by token, with a per-registration view so that
 * all of a registration's observations can be found and dropped together. Thread-safe.
 */
public interface ObservationStore {
  /**
   * Adds an observation; one with the same token is replaced.
   *
   * @return the replaced observation, if any
   */
  Optional<Observation> add(Observation observation);

  /** The observation a notification with {@code token} belongs to. */
  Optional<Observation> byToken(Token token);

  /** Removes one observation (Cancel Observation, or a notification answered with RST). */
  Optional<Observation> remove(Token token);

  /** The observations of one registration. */
  List<Observation> byRegistration(String registrationId);

  /** Removes and returns every observation of one registration (it was replaced, de-registered or expired). */
  List<Observation> removeAll(String registrationId);

  int size();

  /**
   * Calls {@code action} for each observation; a weakly consistent view, safe during changes. The
   * server uses it at start to re-arm the observations a persistent store kept.
   */
  void forEach(java.util.function.Consumer<Observation> action);
}
