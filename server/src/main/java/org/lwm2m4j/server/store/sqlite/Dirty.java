package org.lwm2m4j.server.store.sqlite;

/**
 * A change to write: which row ({@code table} and key) differs from the database. It carries no
 * value: the writer reads the row's current state from the in-memory store when it writes the
 * batch, so changes to one key coalesce, arrive in any order and still leave the database equal to
 * memory (upsert if present, delete if gone).
 */
record Dirty(Table table, Object key) {
  /** The kinds of rows. */
  enum Table { REGISTRATION, OBSERVATION, SECURITY, BOOTSTRAP_CONFIG, BOOTSTRAP_SESSION, FIRMWARE_JOB }
}
