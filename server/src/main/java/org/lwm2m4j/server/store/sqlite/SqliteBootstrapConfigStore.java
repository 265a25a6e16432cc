package org.lwm2m4j.server.store.sqlite;

import java.util.Map;
import java.util.Optional;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.security.EndpointNames;

/**
 * Bootstrap configs and last sessions in memory, written to SQLite by endpoint. Every change
 * returns once committed; if the commit fails the change is undone in memory and the failure
 * thrown, as {@link BootstrapConfigStore} promises ("nothing changed then").
 */
final class SqliteBootstrapConfigStore implements BootstrapConfigStore {
  private final InMemoryBootstrapConfigStore memory;
  private final BootstrapConfigRows configRows;
  private final BootstrapSessionRows sessionRows;
  private final WriteQueue writes;

  SqliteBootstrapConfigStore(InMemoryBootstrapConfigStore memory, BootstrapConfigRows configRows,
      BootstrapSessionRows sessionRows, WriteQueue writes) {
    this.memory = memory;
    this.configRows = configRows;
    this.sessionRows = sessionRows;
    this.writes = writes;
  }

  @Override
  public Optional<BootstrapConfig> get(String endpoint) {
    return memory.get(endpoint);
  }

  @Override
  public synchronized Optional<BootstrapConfig> put(String endpoint, BootstrapConfig config) {
    EndpointNames.check(endpoint);
    Optional<BootstrapSessionRecord> session = memory.lastSession(endpoint);
    Optional<BootstrapConfig> previous = memory.put(endpoint, config);
    try {
      commit(configRows, endpoint, "the bootstrap config of '" + endpoint + "'");
    } catch (RuntimeException e) {
      restore(endpoint, previous, session);
      throw e;
    }
    return previous;
  }

  @Override
  public synchronized Optional<BootstrapConfig> remove(String endpoint) {
    Optional<BootstrapSessionRecord> session = memory.lastSession(endpoint);
    Optional<BootstrapConfig> removed = memory.remove(endpoint);
    if (removed.isPresent()) {
      try {
        writes.add(new Dirty<>(sessionRows, endpoint));
        commit(configRows, endpoint, "the removal of the bootstrap config of '" + endpoint + "'");
      } catch (RuntimeException e) {
        restore(endpoint, removed, session);
        throw e;
      }
    }
    return removed;
  }

  @Override
  public Map<String, BootstrapConfig> all() {
    return memory.all();
  }

  @Override
  public synchronized void recordSession(String endpoint, BootstrapSessionRecord record) {
    Optional<BootstrapSessionRecord> previous = memory.lastSession(endpoint);
    memory.recordSession(endpoint, record);
    if (memory.lastSession(endpoint).equals(previous)) {
      return; // ignored: the endpoint has no config
    }
    try {
      commit(sessionRows, endpoint, "the bootstrap session of '" + endpoint + "'");
    } catch (RuntimeException e) {
      previous.ifPresent(old -> memory.restoreSession(endpoint, old));
      throw e;
    }
  }

  @Override
  public Optional<BootstrapSessionRecord> lastSession(String endpoint) {
    return memory.lastSession(endpoint);
  }

  private void commit(RowTable<String, ?> table, String endpoint, String what) {
    writes.add(new Dirty<>(table, endpoint));
    SqliteStore.await(writes.persisted(), what);
  }

  /** Puts memory back as it was; the rows are marked dirty again so the database follows. */
  private void restore(String endpoint, Optional<BootstrapConfig> config, Optional<BootstrapSessionRecord> session) {
    if (config.isPresent()) {
      memory.put(endpoint, config.get());
      session.ifPresent(record -> memory.restoreSession(endpoint, record));
    } else {
      memory.remove(endpoint);
    }
    writes.add(new Dirty<>(configRows, endpoint));
    writes.add(new Dirty<>(sessionRows, endpoint));
  }
}
