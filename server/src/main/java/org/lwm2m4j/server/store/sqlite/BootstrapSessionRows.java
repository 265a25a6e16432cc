package org.lwm2m4j.server.store.sqlite;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionJson;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code bootstrap_sessions} table: each endpoint's last bootstrap session as JSON. Memory
 * keeps a session only for an endpoint with a config, so load the configs first.
 */
final class BootstrapSessionRows extends RowTable<String, BootstrapSessionRecord> {
  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS bootstrap_sessions (endpoint TEXT PRIMARY KEY, session TEXT NOT NULL)";

  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final InMemoryBootstrapConfigStore memory;
  private final Path file;

  /** {@code file}: the database, named when a row cannot be read. */
  BootstrapSessionRows(Connection connection, InMemoryBootstrapConfigStore memory, Path file) throws SQLException {
    super(connection, "INSERT OR REPLACE INTO bootstrap_sessions (endpoint, session) VALUES (?,?)",
        "DELETE FROM bootstrap_sessions WHERE endpoint = ?");
    this.memory = memory;
    this.file = file;
  }

  /** Loads the sessions, skipping (with a warning) one that cannot be read. */
  @Override
  int load() throws SQLException {
    return loadRows("SELECT endpoint, session FROM bootstrap_sessions", rows -> {
      try {
        memory.recordSession(rows.getString(1), BootstrapSessionJson.parse(JSON.readTree(rows.getString(2))));
        return true;
      } catch (IOException e) {
        LOG.warn("skipping the unreadable bootstrap session of '{}' in {}: {}", rows.getString(1), file, e.getMessage());
        return false;
      }
    });
  }

  @Override
  Optional<BootstrapSessionRecord> current(String endpoint) {
    return memory.lastSession(endpoint);
  }

  @Override
  void bindKey(PreparedStatement delete, String endpoint) throws SQLException {
    delete.setString(1, endpoint);
  }

  @Override
  void bindRow(PreparedStatement upsert, String endpoint, BootstrapSessionRecord session) throws SQLException {
    upsert.setString(1, endpoint);
    upsert.setString(2, BootstrapSessionJson.toJson(session).toString());
  }
}
