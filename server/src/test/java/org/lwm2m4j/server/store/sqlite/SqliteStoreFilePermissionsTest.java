package org.lwm2m4j.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.server.security.PskSecurity;

/**
 * The store holds PSK keys in clear, so the data directory it creates is {@code rwx------} and
 * the database with its write-ahead log and shared-memory file {@code rw-------}, whatever the
 * umask; files an earlier version left readable are made owner-only at open.
 */
class SqliteStoreFilePermissionsTest {
  @TempDir
  Path temp;

  @BeforeEach
  void posixOnly() throws Exception {
    assumeThat(Files.getFileStore(temp).supportsFileAttributeView("posix")).isTrue();
  }

  private static String mode(Path path) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static List<Path> databaseFiles(Path dataDir) {
    Path db = dataDir.resolve(SqliteStore.FILE_NAME);
    return List.of(db, Path.of(db + "-wal"), Path.of(db + "-shm"), Path.of(db + "-journal"));
  }

  @Test
  void theDataDirectoryItCreatesAndTheDatabaseFilesAreOwnerOnly() throws Exception {
    Path dataDir = temp.resolve("data/nested");
    try (SqliteStore store = SqliteStore.open(dataDir)) {
      store.security().put(new PskSecurity("dev1", "dev1", HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f")));

      assertThat(mode(dataDir)).isEqualTo("rwx------");
      assertThat(mode(temp.resolve("data"))).isEqualTo("rwx------");
      assertThat(Path.of(dataDir.resolve(SqliteStore.FILE_NAME) + "-wal")).as("the key is in the write-ahead log").exists();
      for (Path file : databaseFiles(dataDir)) {
        if (Files.exists(file)) {
          assertThat(mode(file)).as(file.getFileName().toString()).isEqualTo("rw-------");
        }
      }
    }
  }

  @Test
  void filesAnEarlierVersionLeftReadableAreMadeOwnerOnlyAndAChosenDirectoryIsLeftAsItIs() throws Exception {
    Path dataDir = Files.createDirectory(temp.resolve("data"));
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    SqliteStore.open(dataDir).close();
    Path db = dataDir.resolve(SqliteStore.FILE_NAME);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

    try (SqliteStore store = SqliteStore.open(dataDir)) {
      assertThat(mode(db)).isEqualTo("rw-------");
      assertThat(mode(dataDir)).as("an existing directory may be shared: its mode is the operator's").isEqualTo("rwxr-xr-x");
    }
  }
}
