package org.lwm2m4j.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * One table of the {@link SqliteStore}: its two write statements and the mapping between its rows
 * and one in-memory store. A subclass says how to read every row into memory at open, where a
 * key's current state is in memory and how to bind it; writing is the same for every table: the
 * writer calls {@link #write} for each dirty key of a batch, which adds the upsert of the key's
 * current state, or its delete once it is gone, to the statements' JDBC batches, then {@link
 * #executeBatch} once per transaction (one native call per statement), or {@link #clearBatch} when
 * the transaction failed.
 *
 * <p>Used by one thread at a time: the opening thread for {@link #load}, then the writer thread.
 *
 * @param <K> the key of a row (an endpoint name, a token)
 * @param <V> what a row holds in memory
 */
abstract class RowTable<K, V> {
  private final Connection connection;
  private final PreparedStatement upsert;
  private final PreparedStatement delete;

  /**
   * Prepares the table's statements; the table must exist.
   *
   * @param upsertSql replaces the row of a key with the parameters {@link #bindRow} binds
   * @param deleteSql deletes the row of the key {@link #bindKey} binds
   */
  RowTable(Connection connection, String upsertSql, String deleteSql) throws SQLException {
    this.connection = connection;
    this.upsert = connection.prepareStatement(upsertSql);
    this.delete = connection.prepareStatement(deleteSql);
  }

  /** Reads every row into memory, at open; returns how many rows were loaded. */
  abstract int load() throws SQLException;

  /** Takes one row of a {@link #loadRows} query into memory. */
  @FunctionalInterface
  interface RowLoader {
    /** Loads the current row; false when it was skipped (unreadable, or no longer wanted). */
    boolean load(ResultSet row) throws SQLException;
  }

  /** Runs {@code select} and hands each row to {@code loader}; returns how many rows it loaded. */
  final int loadRows(String select, RowLoader loader) throws SQLException {
    int count = 0;
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(select)) {
      while (rows.next()) {
        if (loader.load(rows)) {
          count++;
        }
      }
    }
    return count;
  }

  /** The key's current state in memory; empty once it is gone. */
  abstract Optional<V> current(K key);

  /** Binds a row, the key's current state, to the upsert statement's parameters. */
  abstract void bindRow(PreparedStatement upsert, K key, V value) throws SQLException;

  /** Binds {@code key} to the first parameter of the delete statement. */
  abstract void bindKey(PreparedStatement delete, K key) throws SQLException;

  /** Adds the upsert of the key's current state, or its delete if it is gone, to this transaction. */
  final void write(K key) throws SQLException {
    Optional<V> current = current(key);
    if (current.isPresent()) {
      bindRow(upsert, key, current.get());
      upsert.addBatch();
    } else {
      bindKey(delete, key);
      delete.addBatch();
    }
  }

  /** Deletes the key's row at once: for rows dropped at open, before the writer runs. */
  final void deleteNow(K key) throws SQLException {
    bindKey(delete, key);
    delete.executeUpdate();
  }

  /** Executes what {@link #write} added. */
  final void executeBatch() throws SQLException {
    upsert.executeBatch();
    delete.executeBatch();
  }

  /** Drops what {@link #write} added, after a failed transaction. */
  final void clearBatch() {
    for (PreparedStatement statement : List.of(upsert, delete)) {
      try {
        statement.clearBatch();
      } catch (SQLException ignored) {
        // the statement is reused for the next batch either way
      }
    }
  }
}
