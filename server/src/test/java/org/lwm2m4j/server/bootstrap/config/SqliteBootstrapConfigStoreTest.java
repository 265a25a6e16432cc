package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.server.store.sqlite.SqliteStore;

class SqliteBootstrapConfigStoreTest extends BootstrapConfigStoreContract {
  @TempDir
  Path dataDir;

  private SqliteStore sqlite;

  @BeforeEach
  void open() {
    sqlite = SqliteStore.open(dataDir);
  }

  @AfterEach
  void close() {
    sqlite.close();
  }

  @Override
  BootstrapConfigStore store() {
    return sqlite.bootstrapConfigs();
  }

  @Test
  void configsWithEverySecretAndSessionsSurviveAReopen() throws Exception {
    BootstrapConfig everything = TestConfigs.everything();
    store().put("dev1", everything);
    store().put("dev2", TestConfigs.designExample());
    store().recordSession("dev1", SESSION);
    store().remove("dev2");
    sqlite.close();

    sqlite = SqliteStore.open(dataDir);

    assertThat(store().all()).containsOnlyKeys("dev1");
    assertThat(store().get("dev1")).contains(everything);
    assertThat(store().lastSession("dev1")).contains(SESSION);
    assertThat(sqlite.loaded().bootstrapConfigs()).isEqualTo(1);
  }
}
