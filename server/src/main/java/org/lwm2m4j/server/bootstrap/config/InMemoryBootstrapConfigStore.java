package org.lwm2m4j.server.bootstrap.config;

import org.lwm2m4j.server.security.EndpointNames;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link BootstrapConfigStore} in memory, lost on restart: for tests and throw-away servers. Thread-safe. */
public final class InMemoryBootstrapConfigStore implements BootstrapConfigStore {
  private final Map<String, BootstrapConfig> configs = new HashMap<>();
  private final Map<String, BootstrapSessionRecord> sessions = new HashMap<>();

  @Override
  public synchronized Optional<BootstrapConfig> get(String endpoint) {
    return Optional.ofNullable(configs.get(endpoint));
  }

  @Override
  public synchronized Optional<BootstrapConfig> put(String endpoint, BootstrapConfig config) {
    EndpointNames.check(endpoint);
    Objects.requireNonNull(config, "config");
    return Optional.ofNullable(configs.put(endpoint, config));
  }

  @Override
  public synchronized Optional<BootstrapConfig> remove(String endpoint) {
    sessions.remove(endpoint);
    return Optional.ofNullable(configs.remove(endpoint));
  }

  @Override
  public synchronized Map<String, BootstrapConfig> all() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(configs));
  }

  @Override
  public synchronized void recordSession(String endpoint, BootstrapSessionRecord record) {
    Objects.requireNonNull(record, "record");
    if (configs.containsKey(endpoint)) {
      sessions.put(endpoint, record.after(Optional.ofNullable(sessions.get(endpoint))));
    }
  }

  /**
   * Puts {@code record} back as the last session of {@code endpoint} exactly as it is, without
   * {@link BootstrapSessionRecord#after}: for a persistent store that undoes a write it could not
   * commit. Ignored if the endpoint has no config.
   */
  public synchronized void restoreSession(String endpoint, BootstrapSessionRecord record) {
    Objects.requireNonNull(record, "record");
    if (configs.containsKey(endpoint)) {
      sessions.put(endpoint, record);
    }
  }

  @Override
  public synchronized Optional<BootstrapSessionRecord> lastSession(String endpoint) {
    return Optional.ofNullable(sessions.get(endpoint));
  }
}
