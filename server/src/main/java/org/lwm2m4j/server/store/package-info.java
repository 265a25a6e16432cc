/**
 * Persistence of the server's state behind the in-memory indexes: the {@link
 * org.lwm2m4j.server.store.ServerStore} SPI and its write listener, and {@link
 * org.lwm2m4j.core.file.OwnerOnlyFiles}, which keeps the files that hold keys from other local
 * users; the embedded SQLite store is in {@code store.sqlite}.
 */
package org.lwm2m4j.server.store;
