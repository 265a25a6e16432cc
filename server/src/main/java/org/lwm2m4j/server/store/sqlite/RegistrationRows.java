package org.lwm2m4j.server.store.sqlite;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.ObjectLinks;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.SecurityMode;

/** The {@code registrations} table: one row per endpoint, times in epoch milliseconds. */
final class RegistrationRows extends RowTable<String, Registration> {
  static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS registrations (endpoint TEXT PRIMARY KEY, id TEXT NOT NULL,"
      + " host TEXT NOT NULL, port INTEGER NOT NULL, lifetime INTEGER NOT NULL, version TEXT NOT NULL, binding TEXT NOT NULL,"
      + " queue_mode INTEGER NOT NULL, secure INTEGER NOT NULL, sms TEXT, object_links TEXT NOT NULL,"
      + " registered_at INTEGER NOT NULL, last_update INTEGER NOT NULL, security TEXT, peer_identity TEXT) WITHOUT ROWID";

  private final InMemoryRegistrationStore memory;

  RegistrationRows(Connection connection, InMemoryRegistrationStore memory) throws SQLException {
    super(connection, "INSERT OR REPLACE INTO registrations (endpoint, id, host, port, lifetime, version, binding, queue_mode,"
        + " secure, sms, object_links, registered_at, last_update, security, peer_identity) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        "DELETE FROM registrations WHERE endpoint = ?");
    this.memory = memory;
  }

  /**
   * Adds the security mode and identity columns to a table created before they were kept: its
   * secure registrations then read as {@link SecurityMode#DTLS}, mode unknown, until they register again.
   */
  static void addSecurityColumns(Statement statement) throws SQLException {
    boolean hasSecurity = false;
    boolean hasIdentity = false;
    try (ResultSet columns = statement.executeQuery("PRAGMA table_info(registrations)")) {
      while (columns.next()) {
        hasSecurity |= columns.getString("name").equals("security");
        hasIdentity |= columns.getString("name").equals("peer_identity");
      }
    }
    if (!hasSecurity) {
      statement.execute("ALTER TABLE registrations ADD COLUMN security TEXT");
    }
    if (!hasIdentity) {
      statement.execute("ALTER TABLE registrations ADD COLUMN peer_identity TEXT");
    }
  }

  @Override
  int load() throws SQLException {
    return loadRows("SELECT endpoint, id, host, port, lifetime, version, binding, queue_mode, secure,"
        + " sms, object_links, registered_at, last_update, security, peer_identity FROM registrations", rows -> {
          memory.add(read(rows));
          return true;
        });
  }

  /**
   * Removes from memory and from the table the registrations whose lifetime (plus the grace
   * period) ran out by {@code now}, that is while the server was down. Their observations are then
   * orphans, which {@link ObservationRows#load()} deletes.
   */
  List<Registration> deleteExpired(Instant now) throws SQLException {
    List<Registration> expired = memory.removeExpired(now);
    for (Registration registration : expired) {
      deleteNow(registration.endpoint());
    }
    return expired;
  }

  @Override
  Optional<Registration> current(String endpoint) {
    return memory.byEndpoint(endpoint);
  }

  @Override
  void bindKey(PreparedStatement delete, String endpoint) throws SQLException {
    delete.setString(1, endpoint);
  }

  @Override
  void bindRow(PreparedStatement s, String endpoint, Registration r) throws SQLException {
    s.setString(1, r.endpoint());
    s.setString(2, r.id());
    s.setString(3, r.address().getAddress().getHostAddress());
    s.setInt(4, r.address().getPort());
    s.setLong(5, r.lifetimeSeconds());
    s.setString(6, r.lwm2mVersion().toString());
    s.setString(7, r.binding());
    s.setInt(8, r.queueMode() ? 1 : 0);
    s.setInt(9, r.secure() ? 1 : 0);
    if (r.smsNumber().isPresent()) {
      s.setString(10, r.smsNumber().get());
    } else {
      s.setNull(10, Types.VARCHAR);
    }
    s.setString(11, r.objectLinksText());
    s.setLong(12, r.registeredAt().toEpochMilli());
    s.setLong(13, r.lastUpdate().toEpochMilli());
    s.setString(14, r.security().name());
    if (r.peerIdentity().isPresent()) {
      s.setString(15, r.peerIdentity().get());
    } else {
      s.setNull(15, Types.VARCHAR);
    }
  }

  /**
   * The object list as the string registrations with the same list share (a fleet mostly has one):
   * a million loaded registrations then keep one copy, not a million. A list the parser no longer
   * takes is kept as it was, to fail where it is used rather than at open.
   */
  private static String sharedText(String links) {
    try {
      return ObjectLinks.parseShared(links).text();
    } catch (InvalidRequestException e) {
      return links;
    }
  }

  private static Registration read(ResultSet rows) throws SQLException {
    InetSocketAddress address;
    try {
      // a literal address: no name look-up happens
      address = new InetSocketAddress(InetAddress.getByName(rows.getString(3)), rows.getInt(4));
    } catch (UnknownHostException e) {
      throw new SQLException("registration of '" + rows.getString(1) + "' has an invalid address " + rows.getString(3), e);
    }
    return Registration.builder(rows.getString(2), rows.getString(1), address)
        .lifetimeSeconds(rows.getLong(5))
        .lwm2mVersion(Version.parse(rows.getString(6)))
        .binding(rows.getString(7))
        .queueMode(rows.getInt(8) != 0)
        .security(SecurityMode.parse(String.valueOf(rows.getString(14)), rows.getInt(9) != 0), Optional.ofNullable(rows.getString(15)))
        .smsNumber(rows.getString(10))
        .objectLinks(sharedText(rows.getString(11)))
        .registeredAt(Instant.ofEpochMilli(rows.getLong(12)))
        .lastUpdate(Instant.ofEpochMilli(rows.getLong(13)))
        .build();
  }
}
