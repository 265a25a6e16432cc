package org.lwm2m4j.server.store.sqlite;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.server.store.ServerStore;
import org.lwm2m4j.server.store.ServerStoreContractTest;

/** The store contract on the SQLite store, one data directory per test. */
class SqliteStoreContractTest extends ServerStoreContractTest {
  @TempDir
  Path dataDir;

  private final List<SqliteStore> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(SqliteStore::close);
  }

  @Override
  protected ServerStore open(Instant now) {
    SqliteStore store = SqliteStore.open(dataDir, Duration.ZERO, Clock.fixed(now, ZoneOffset.UTC));
    opened.add(store);
    return store;
  }

  @Override
  protected Loaded loaded(ServerStore store) {
    SqliteStore.Loaded loaded = ((SqliteStore) store).loaded();
    return new Loaded(loaded.registrations(), loaded.observations(), loaded.credentials(), loaded.bootstrapConfigs(), loaded.expired());
  }
}
