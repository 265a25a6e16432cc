package org.lwm2m4j.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.server.security.CredentialOrigin;
import org.lwm2m4j.server.security.PskFileSync;
import org.lwm2m4j.server.security.PskSecurity;

/** {@code --psk-file} as the source of truth across restarts: the origin of each credential is kept in the store. */
class SqliteStorePskFileTest {
  private static final Path FILE = Path.of("psk.csv");

  @TempDir
  Path dataDir;

  private final List<SqliteStore> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(SqliteStore::close);
  }

  private SqliteStore open() {
    SqliteStore store = SqliteStore.open(dataDir);
    opened.add(store);
    return store;
  }

  private SqliteStore reopen(SqliteStore store) {
    store.close();
    opened.remove(store);
    return open();
  }

  private static PskSecurity psk(String endpoint) {
    return new PskSecurity(endpoint, endpoint + "-id", new byte[] {1, 2, 3, 4});
  }

  @Test
  void aLineRemovedFromTheFileIsRevokedAtTheNextStartAndAnApiCredentialSurvives() {
    SqliteStore store = open();
    PskFileSync.apply(store.security(), FILE, List.of(psk("dev1"), psk("dev2")));
    store.security().put(psk("dev-api"));

    store = reopen(store);
    assertThat(store.security().origin("dev1")).contains(CredentialOrigin.PSK_FILE);
    assertThat(store.security().origin("dev-api")).contains(CredentialOrigin.API);
    PskFileSync.Outcome outcome = PskFileSync.apply(store.security(), FILE, List.of(psk("dev1")));

    assertThat(outcome.revoked()).containsExactly("dev2");
    assertThat(store.security().all()).containsExactly(psk("dev-api"), psk("dev1"));
    store = reopen(store);
    assertThat(store.security().all()).as("the revocation is kept").containsExactly(psk("dev-api"), psk("dev1"));
    assertThat(store.security().byPskIdentity("dev2-id")).isEmpty();
  }

  @Test
  void aStoreFromBeforeOriginsWereKeptOpensWithItsCredentialsAsApiCredentials() throws Exception {
    Files.createDirectories(dataDir);
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE security (endpoint TEXT PRIMARY KEY, mode TEXT NOT NULL, identity TEXT, key BLOB)");
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO security VALUES ('old', 'psk', 'old-id', ?)")) {
        insert.setBytes(1, new byte[] {1, 2, 3, 4});
        insert.executeUpdate();
      }
    }

    SqliteStore store = open();
    assertThat(store.security().origin("old")).contains(CredentialOrigin.API);
    PskFileSync.apply(store.security(), FILE, List.of(psk("dev1")));
    store = reopen(store);

    assertThat(store.security().all()).containsExactly(psk("dev1"), new PskSecurity("old", "old-id", new byte[] {1, 2, 3, 4}));
    assertThat(PskFileSync.apply(store.security(), FILE, List.of()).revoked()).containsExactly("dev1");
    assertThat(reopen(store).security().all()).containsExactly(new PskSecurity("old", "old-id", new byte[] {1, 2, 3, 4}));
  }
}
