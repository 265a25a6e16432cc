package org.lwm2m4j.server.store.sqlite;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigJson;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;

/** The {@code bootstrap_configs} table: one row per endpoint, its config as JSON with the secrets. */
final class BootstrapConfigRows extends RowTable<String, BootstrapConfig> {
  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS bootstrap_configs (endpoint TEXT PRIMARY KEY, config TEXT NOT NULL)";

  private final InMemoryBootstrapConfigStore memory;

  BootstrapConfigRows(Connection connection, InMemoryBootstrapConfigStore memory) throws SQLException {
    super(connection, "INSERT OR REPLACE INTO bootstrap_configs (endpoint, config) VALUES (?,?)",
        "DELETE FROM bootstrap_configs WHERE endpoint = ?");
    this.memory = memory;
  }

  @Override
  int load() throws SQLException {
    return loadRows("SELECT endpoint, config FROM bootstrap_configs", rows -> {
      memory.put(rows.getString(1), BootstrapConfigJson.parse(rows.getString(2).getBytes(StandardCharsets.UTF_8)));
      return true;
    });
  }

  @Override
  Optional<BootstrapConfig> current(String endpoint) {
    return memory.get(endpoint);
  }

  @Override
  void bindKey(PreparedStatement delete, String endpoint) throws SQLException {
    delete.setString(1, endpoint);
  }

  @Override
  void bindRow(PreparedStatement upsert, String endpoint, BootstrapConfig config) throws SQLException {
    upsert.setString(1, endpoint);
    upsert.setString(2, BootstrapConfigJson.toJsonWithSecrets(config).toString());
  }
}
