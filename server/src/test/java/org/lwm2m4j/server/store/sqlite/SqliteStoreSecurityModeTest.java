package org.lwm2m4j.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.SecurityMode;

/** The security mode and DTLS identity of registrations in the SQLite store, and files written before they were kept. */
class SqliteStoreSecurityModeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @TempDir
  Path dataDir;

  private SqliteStore open() {
    return SqliteStore.open(dataDir, Duration.ZERO, Clock.fixed(T0, ZoneOffset.UTC));
  }

  private static Registration registration(String endpoint, SecurityMode mode, Optional<String> identity) {
    return Registration.builder("id-" + endpoint, endpoint, new InetSocketAddress("127.0.0.1", 40_000 + endpoint.length()))
        .lifetimeSeconds(600).registeredAt(T0).security(mode, identity).build();
  }

  @Test
  void theModeAndIdentitySurviveAReopen() throws Exception {
    Registration psk = registration("psk-dev", SecurityMode.PSK, Optional.of("psk-dev-id"));
    Registration x509 = registration("x509-device", SecurityMode.X509, Optional.of("CN=x509-device,O=Test"));
    Registration plain = registration("plain", SecurityMode.NONE, Optional.empty());
    try (SqliteStore store = open()) {
      store.registrations().add(psk);
      store.registrations().add(x509);
      store.registrations().add(plain);
      store.registrations().persisted().get(5, TimeUnit.SECONDS);
    }
    try (SqliteStore reopened = open()) {
      Registration readPsk = reopened.registrations().byEndpoint("psk-dev").orElseThrow();
      assertThat(readPsk).isEqualTo(psk);
      assertThat(readPsk.security()).isEqualTo(SecurityMode.PSK);
      assertThat(readPsk.peerIdentity()).contains("psk-dev-id");
      assertThat(readPsk.secure()).isTrue();
      assertThat(reopened.registrations().byEndpoint("x509-device").orElseThrow().security()).isEqualTo(SecurityMode.X509);
      Registration readPlain = reopened.registrations().byEndpoint("plain").orElseThrow();
      assertThat(readPlain.security()).isEqualTo(SecurityMode.NONE);
      assertThat(readPlain.peerIdentity()).isEmpty();
    }
  }

  @Test
  void aFileWrittenBeforeModesWereKeptOpensAndItsSecureRegistrationsReadAsDtls() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve(SqliteStore.FILE_NAME));
        Statement statement = connection.createStatement()) {
      // the table as the store created it before the security and peer_identity columns
      statement.execute("CREATE TABLE registrations (endpoint TEXT PRIMARY KEY, id TEXT NOT NULL,"
          + " host TEXT NOT NULL, port INTEGER NOT NULL, lifetime INTEGER NOT NULL, version TEXT NOT NULL, binding TEXT NOT NULL,"
          + " queue_mode INTEGER NOT NULL, secure INTEGER NOT NULL, sms TEXT, object_links TEXT NOT NULL,"
          + " registered_at INTEGER NOT NULL, last_update INTEGER NOT NULL) WITHOUT ROWID");
      long at = T0.toEpochMilli();
      statement.execute("INSERT INTO registrations VALUES ('old-secure','r1','127.0.0.1',40001,600,'1.1','U',0,1,NULL,'</3/0>',"
          + at + "," + at + ")");
      statement.execute("INSERT INTO registrations VALUES ('old-plain','r2','127.0.0.1',40002,600,'1.1','U',0,0,NULL,'</3/0>',"
          + at + "," + at + ")");
    }

    try (SqliteStore store = open()) {
      assertThat(store.loaded().registrations()).isEqualTo(2);
      Registration secure = store.registrations().byEndpoint("old-secure").orElseThrow();
      assertThat(secure.security()).isEqualTo(SecurityMode.DTLS);
      assertThat(secure.secure()).isTrue();
      assertThat(secure.peerIdentity()).isEmpty();
      assertThat(store.registrations().byEndpoint("old-plain").orElseThrow().security()).isEqualTo(SecurityMode.NONE);

      // a new Register over the upgraded table keeps its mode
      store.registrations().add(registration("old-secure", SecurityMode.RPK, Optional.of("raw public key abcd")));
      store.registrations().persisted().get(5, TimeUnit.SECONDS);
    }
    try (SqliteStore reopened = open()) {
      assertThat(reopened.registrations().byEndpoint("old-secure").orElseThrow().security()).isEqualTo(SecurityMode.RPK);
      assertThat(reopened.registrations().byEndpoint("old-secure").orElseThrow().peerIdentity()).contains("raw public key abcd");
    }
  }
}
