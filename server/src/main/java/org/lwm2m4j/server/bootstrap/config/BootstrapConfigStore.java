package org.lwm2m4j.server.bootstrap.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where the Bootstrap Server keeps its configs, one per endpoint name, and the outcome of each
 * endpoint's last bootstrap. Implementations are thread-safe; a write either happens completely
 * or not at all, and a failed write leaves what was stored before.
 *
 * <p>A session is recorded only for an endpoint that has a config, and removing the config removes
 * its session too, so the store holds at most one session per config however many unknown
 * endpoints knock.
 */
public interface BootstrapConfigStore {
  /** The config of {@code endpoint}, if there is one. */
  Optional<BootstrapConfig> get(String endpoint);

  /**
   * Stores {@code config} for {@code endpoint}, replacing any previous one.
   *
   * @return the config it replaced, if any
   * @throws org.lwm2m4j.core.error.InvalidRequestException if the endpoint name is empty or not
   *     well-formed Unicode (or too long for a file store)
   * @throws java.io.UncheckedIOException if a persistent store cannot write; nothing changed then
   */
  Optional<BootstrapConfig> put(String endpoint, BootstrapConfig config);

  /**
   * Removes the config of {@code endpoint} and its last session.
   *
   * @return the removed config, if there was one
   * @throws java.io.UncheckedIOException if a persistent store cannot delete; nothing changed then
   */
  Optional<BootstrapConfig> remove(String endpoint);

  /** Every config by endpoint name, sorted by name: a snapshot. */
  Map<String, BootstrapConfig> all();

  /**
   * Records {@code record} as the last session of {@code endpoint}, replacing the previous one
   * but keeping its last success if {@code record} has none ({@link BootstrapSessionRecord#after});
   * ignored if the endpoint has no config.
   *
   * @throws java.io.UncheckedIOException if a persistent store cannot write; nothing changed then
   */
  void recordSession(String endpoint, BootstrapSessionRecord record);

  /** The last recorded session of {@code endpoint}, if any. */
  Optional<BootstrapSessionRecord> lastSession(String endpoint);
}
