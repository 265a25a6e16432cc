package org.lwm2m4j.server.store.sqlite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lwm2m4j.core.file.OwnerOnlyFiles;
import org.lwm2m4j.server.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's files are its owner's only: they hold PSK keys in clear. */
final class StoreFiles {
  // the store's logger: these lines read in the log as the store's
  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  /** The files SQLite may keep beside the database: write-ahead log, shared-memory index, rollback journal. */
  private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

  private StoreFiles() {}

  /**
   * Makes the database and the files SQLite keeps beside it {@code rw-------} (they hold PSK keys
   * in clear); with {@code create}, creates the database empty that way first, before SQLite opens
   * it with the umask's mode.
   */
  static void restrict(Path file, boolean create) {
    try {
      if (create) {
        OwnerOnlyFiles.createFile(file);
      }
      for (String suffix : SIDE_FILES) {
        OwnerOnlyFiles.restrict(Path.of(file + suffix));
      }
      OwnerOnlyFiles.restrict(file);
    } catch (IOException e) {
      throw new StoreException("cannot make the store " + file + " readable by its owner only (is it another user's?): " + e, e);
    }
  }

  static void warnIfShared(Path dataDir) {
    try {
      if (!OwnerOnlyFiles.isOwnerOnly(dataDir)) {
        LOG.warn("the data directory {} is open to other users: its files are owner-only, but `chmod 700 {}` hides their names too",
            dataDir, dataDir);
      }
    } catch (IOException e) {
      LOG.warn("cannot read the permissions of the data directory {}: {}", dataDir, e.toString());
    }
  }
}
