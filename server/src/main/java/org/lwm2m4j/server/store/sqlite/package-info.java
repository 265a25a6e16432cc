/**
 * The embedded SQLite store, {@link org.lwm2m4j.server.store.sqlite.SqliteStore}: registrations,
 * observations, credentials, bootstrap configurations and firmware jobs held in memory and written
 * behind to one SQLite file by one writer thread in group-committed batches, one package-private
 * table class per kind.
 */
package org.lwm2m4j.server.store.sqlite;
