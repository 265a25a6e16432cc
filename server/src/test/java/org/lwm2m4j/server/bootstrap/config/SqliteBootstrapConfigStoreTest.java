package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.server.bootstrap.BootstrapMode;
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

  @Test
  void aFailureKeepsTheLastSuccessAcrossAReopenAndARowWrittenBeforeSuccessesWereKeptStillReads() throws Exception {
    store().put("dev1", TestConfigs.designExample());
    store().put("old", TestConfigs.designExample());
    store().recordSession("dev1", SESSION);
    store().recordSession("dev1", BootstrapSessionRecord.failed(Instant.parse("2025-01-02T10:00:00Z"),
        Instant.parse("2025-01-02T10:00:24Z"), "device did not answer", Optional.empty(), BootstrapMode.PUSH));
    sqlite.close();
    // a row as the previous version wrote it: no lastSuccess
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("lwm2m4j.db"))) {
      db.createStatement().executeUpdate("INSERT OR REPLACE INTO bootstrap_sessions (endpoint, session) VALUES ('old', "
          + "'{\"started\":\"2025-01-01T10:00:00Z\",\"finished\":\"2025-01-01T10:00:02Z\",\"outcome\":\"finished\",\"mode\":\"request\"}')");
    }

    sqlite = SqliteStore.open(dataDir);

    assertThat(store().lastSession("dev1").orElseThrow().failure()).contains("device did not answer");
    assertThat(store().lastSession("dev1").orElseThrow().lastSuccess()).isEqualTo(SESSION.lastSuccess());
    assertThat(store().lastSession("old").orElseThrow().lastSuccess().orElseThrow().finished())
        .isEqualTo(Instant.parse("2025-01-01T10:00:02Z"));
  }
}
