package org.lwm2m4j.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.firmware.FirmwareJobStatus;
import org.lwm2m4j.server.firmware.FirmwareMethod;
import org.lwm2m4j.server.firmware.FirmwarePhase;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationUpdate;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.X509Security;
import org.lwm2m4j.server.store.StoreException;
import org.lwm2m4j.server.store.StoreWriteListener;

class SqliteStoreTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir
  Path dataDir;

  private final List<SqliteStore> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(SqliteStore::close);
  }

  private SqliteStore open(Instant now) {
    SqliteStore store = SqliteStore.open(dataDir, Duration.ZERO, Clock.fixed(now, ZoneOffset.UTC));
    opened.add(store);
    return store;
  }

  private SqliteStore reopen(SqliteStore store, Instant now) {
    store.close();
    opened.remove(store);
    return open(now);
  }

  private static Registration full(String endpoint, String id) throws Exception {
    return Registration.builder(id, endpoint, new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 40123))
        .lifetimeSeconds(600).lwm2mVersion(Version.V1_1).binding("UT").queueMode(true).secure(true).smsNumber("+4912345")
        .objectLinks("</>;rt=\"oma.lwm2m\",</1/0>,</3/0>,</3303/0>;ver=1.1").registeredAt(T0)
        .lastUpdate(T0.plusSeconds(60)).build();
  }

  @Test
  void manyChangesAreCommittedInFewBatchesAndReportedToListeners() throws Exception {
    SqliteStore store = open(T0);
    List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    store.addWriteListener(new StoreWriteListener() {
      @Override
      public void committed(int writes, Duration took) {
        batchSizes.add(writes);
      }
    });
    int count = 20_000;
    for (int i = 0; i < count; i++) {
      store.registrations().add(Registration.builder("id" + i, "dev" + i, new InetSocketAddress("127.0.0.1", 1000 + i % 50000))
          .registeredAt(T0).build());
    }
    store.registrations().persisted().get(30, TimeUnit.SECONDS);

    assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
    assertThat(batchSizes.size()).isLessThan(count);
    assertThat(batchSizes).allMatch(size -> size <= SqliteStore.MAX_BATCH);
    SqliteStore reopened = reopen(store, T0);
    assertThat(reopened.registrations().size()).isEqualTo(count);
  }

  @Test
  void persistedCompletesOnceTheChangeIsOnDisk() throws Exception {
    SqliteStore store = open(T0);
    assertThat(store.registrations().persisted()).isDone();
    store.registrations().add(full("dev1", "id1"));
    store.registrations().persisted().get(5, TimeUnit.SECONDS);

    // a second connection sees the row: it is committed, not only queued
    store.close();
    opened.remove(store);
    try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
        var rows = connection.createStatement().executeQuery("SELECT count(*) FROM registrations")) {
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void aFileThatIsNotADatabaseIsAClearError() throws Exception {
    Files.writeString(dataDir.resolve(SqliteStore.FILE_NAME), "this is not a database, just text that is long enough ".repeat(20));

    assertThatThrownBy(() -> open(T0)).isInstanceOf(StoreException.class)
        .hasMessageContaining(SqliteStore.FILE_NAME).hasMessageContaining("not a database");
  }

  @Test
  void aDataDirectoryThatIsAFileIsAClearError() throws Exception {
    Path file = Files.writeString(dataDir.resolve("plain-file"), "x");

    assertThatThrownBy(() -> SqliteStore.open(file.resolve("data"))).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot create the data directory");
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() {
    open(T0);

    assertThatThrownBy(() -> open(T0)).isInstanceOf(StoreException.class).hasMessageContaining("in use by another process");
  }
}
