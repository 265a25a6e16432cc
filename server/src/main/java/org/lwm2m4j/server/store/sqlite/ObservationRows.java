package org.lwm2m4j.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;

/** The {@code observations} table: one row per token, the observed paths comma-separated. */
final class ObservationRows extends RowTable<Token, Observation> {
  static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS observations (token BLOB PRIMARY KEY,"
      + " registration_id TEXT NOT NULL, paths TEXT NOT NULL, composite INTEGER NOT NULL, content_format INTEGER,"
      + " created_at INTEGER NOT NULL) WITHOUT ROWID";

  private final InMemoryObservationStore memory;
  private final InMemoryRegistrationStore registrations;

  /** {@code registrations}: the loaded registrations, which an observation must belong to. */
  ObservationRows(Connection connection, InMemoryObservationStore memory, InMemoryRegistrationStore registrations)
      throws SQLException {
    super(connection, "INSERT OR REPLACE INTO observations (token, registration_id, paths, composite, content_format,"
        + " created_at) VALUES (?,?,?,?,?,?)", "DELETE FROM observations WHERE token = ?");
    this.memory = memory;
    this.registrations = registrations;
  }

  /**
   * Loads the observations of loaded registrations and deletes the others: observations of
   * registrations that are unknown or expired while the server was down. Load registrations first.
   */
  @Override
  int load() throws SQLException {
    List<Token> orphans = new ArrayList<>();
    int count = loadRows("SELECT token, registration_id, paths, composite, content_format, created_at FROM observations", rows -> {
      Observation observation = read(rows);
      if (registrations.byId(observation.registrationId()).isPresent()) {
        memory.add(observation);
        return true;
      }
      orphans.add(observation.token());
      return false;
    });
    for (Token token : orphans) {
      deleteNow(token);
    }
    return count;
  }

  @Override
  Optional<Observation> current(Token token) {
    return memory.byToken(token);
  }

  @Override
  void bindKey(PreparedStatement delete, Token token) throws SQLException {
    delete.setBytes(1, token.bytes());
  }

  @Override
  void bindRow(PreparedStatement s, Token token, Observation o) throws SQLException {
    s.setBytes(1, o.token().bytes());
    s.setString(2, o.registrationId());
    List<String> paths = new ArrayList<>(o.paths().size());
    for (LwM2mPath path : o.paths()) {
      paths.add(path.toString());
    }
    s.setString(3, String.join(",", paths));
    s.setInt(4, o.composite() ? 1 : 0);
    if (o.contentFormat().isPresent()) {
      s.setInt(5, o.contentFormat().getAsInt());
    } else {
      s.setNull(5, Types.INTEGER);
    }
    s.setLong(6, o.createdAt().toEpochMilli());
  }

  private static Observation read(ResultSet rows) throws SQLException {
    List<LwM2mPath> paths = new ArrayList<>();
    for (String path : rows.getString(3).split(",")) {
      paths.add(LwM2mPath.parse(path));
    }
    int format = rows.getInt(5);
    OptionalInt contentFormat = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(format);
    return new Observation(Token.of(rows.getBytes(1)), rows.getString(2), paths, rows.getInt(4) != 0, contentFormat,
        Instant.ofEpochMilli(rows.getLong(6)));
  }
}
