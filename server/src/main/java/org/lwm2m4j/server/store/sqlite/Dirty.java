package org.lwm2m4j.server.store.sqlite;

import java.sql.SQLException;

/**
 * A change to write: which row ({@code table} and key) differs from the database. It carries no
 * value: the writer reads the row's current state from the in-memory store when it writes the
 * batch, so changes to one key coalesce, arrive in any order and still leave the database equal to
 * memory (upsert if present, delete if gone).
 *
 * @param <K> the table's key
 */
record Dirty<K>(RowTable<K, ?> table, K key) {
  /** Adds the row's upsert or delete to the writer's transaction. */
  void write() throws SQLException {
    table.write(key);
  }
}
