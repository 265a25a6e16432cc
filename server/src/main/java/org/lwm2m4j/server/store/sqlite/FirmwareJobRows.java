package org.lwm2m4j.server.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.lwm2m4j.server.firmware.FirmwareJobStatus;
import org.lwm2m4j.server.firmware.FirmwareMethod;
import org.lwm2m4j.server.firmware.FirmwarePhase;
import org.lwm2m4j.server.firmware.InMemoryFirmwareJobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code firmware_jobs} table: each endpoint's last firmware update job, method and phase by
 * name, times in epoch milliseconds.
 */
final class FirmwareJobRows extends RowTable<String, FirmwareJobStatus> {
  static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS firmware_jobs (endpoint TEXT PRIMARY KEY,"
      + " image_id TEXT NOT NULL, method TEXT NOT NULL, phase TEXT NOT NULL, state INTEGER, result INTEGER, error TEXT,"
      + " started_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)";

  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

  private final InMemoryFirmwareJobStore memory;
  private final Path file;

  /** {@code file}: the database, named when a row cannot be read. */
  FirmwareJobRows(Connection connection, InMemoryFirmwareJobStore memory, Path file) throws SQLException {
    super(connection, "INSERT OR REPLACE INTO firmware_jobs (endpoint, image_id, method, phase, state, result, error,"
        + " started_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)", "DELETE FROM firmware_jobs WHERE endpoint = ?");
    this.memory = memory;
    this.file = file;
  }

  /** Loads the jobs, skipping (with a warning) one that cannot be read, such as a method or phase this version lacks. */
  @Override
  int load() throws SQLException {
    return loadRows("SELECT endpoint, image_id, method, phase, state, result, error, started_at, updated_at FROM firmware_jobs",
        rows -> {
          try {
            memory.put(read(rows));
            return true;
          } catch (IllegalArgumentException e) {
            LOG.warn("skipping the unreadable firmware job of '{}' in {}: {}", rows.getString(1), file, e.getMessage());
            return false;
          }
        });
  }

  @Override
  Optional<FirmwareJobStatus> current(String endpoint) {
    return memory.byEndpoint(endpoint);
  }

  @Override
  void bindKey(PreparedStatement delete, String endpoint) throws SQLException {
    delete.setString(1, endpoint);
  }

  @Override
  void bindRow(PreparedStatement s, String endpoint, FirmwareJobStatus job) throws SQLException {
    s.setString(1, job.endpoint());
    s.setString(2, job.imageId());
    s.setString(3, job.method().name());
    s.setString(4, job.phase().name());
    setOptionalInt(s, 5, job.state());
    setOptionalInt(s, 6, job.result());
    if (job.error().isPresent()) {
      s.setString(7, job.error().get());
    } else {
      s.setNull(7, Types.VARCHAR);
    }
    s.setLong(8, job.startedAt().toEpochMilli());
    s.setLong(9, job.updatedAt().toEpochMilli());
  }

  private static void setOptionalInt(PreparedStatement s, int index, OptionalInt value) throws SQLException {
    if (value.isPresent()) {
      s.setInt(index, value.getAsInt());
    } else {
      s.setNull(index, Types.INTEGER);
    }
  }

  private static FirmwareJobStatus read(ResultSet rows) throws SQLException {
    int state = rows.getInt(5);
    OptionalInt stateValue = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(state);
    int result = rows.getInt(6);
    OptionalInt resultValue = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(result);
    return new FirmwareJobStatus(rows.getString(1), rows.getString(2), FirmwareMethod.valueOf(rows.getString(3)),
        FirmwarePhase.valueOf(rows.getString(4)), stateValue, resultValue, Optional.ofNullable(rows.getString(7)),
        Instant.ofEpochMilli(rows.getLong(8)), Instant.ofEpochMilli(rows.getLong(9)));
  }
}
