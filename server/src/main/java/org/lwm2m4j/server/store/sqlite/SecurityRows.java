package org.lwm2m4j.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.PublicKeys;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.X509Security;

/**
 * The {@code security} table: one row per endpoint, its mode ({@code psk}, {@code rpk}, {@code
 * x509}) with the PSK identity and key or the encoded public key.
 */
final class SecurityRows extends RowTable<String, SecurityInfo> {
  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS security (endpoint TEXT PRIMARY KEY, mode TEXT NOT NULL, identity TEXT, key BLOB)";

  private final InMemorySecurityStore memory;

  SecurityRows(Connection connection, InMemorySecurityStore memory) throws SQLException {
    super(connection, "INSERT OR REPLACE INTO security (endpoint, mode, identity, key) VALUES (?,?,?,?)",
        "DELETE FROM security WHERE endpoint = ?");
    this.memory = memory;
  }

  @Override
  int load() throws SQLException {
    return loadRows("SELECT endpoint, mode, identity, key FROM security", rows -> {
      memory.put(read(rows));
      return true;
    });
  }

  @Override
  Optional<SecurityInfo> current(String endpoint) {
    return memory.byEndpoint(endpoint);
  }

  @Override
  void bindKey(PreparedStatement delete, String endpoint) throws SQLException {
    delete.setString(1, endpoint);
  }

  @Override
  void bindRow(PreparedStatement s, String endpoint, SecurityInfo info) throws SQLException {
    s.setString(1, info.endpoint());
    s.setString(2, info.mode());
    if (info instanceof PskSecurity psk) {
      s.setString(3, psk.identity());
      s.setBytes(4, psk.key());
    } else if (info instanceof RpkSecurity rpk) {
      s.setNull(3, Types.VARCHAR);
      s.setBytes(4, rpk.publicKey().getEncoded());
    } else {
      s.setNull(3, Types.VARCHAR);
      s.setNull(4, Types.BLOB);
    }
  }

  private static SecurityInfo read(ResultSet rows) throws SQLException {
    String endpoint = rows.getString(1);
    return switch (rows.getString(2)) {
      case "psk" -> new PskSecurity(endpoint, rows.getString(3), rows.getBytes(4));
      case "rpk" -> new RpkSecurity(endpoint, PublicKeys.decode(rows.getBytes(4)));
      case "x509" -> new X509Security(endpoint);
      default -> throw new SQLException("credentials of '" + endpoint + "' have an unknown mode " + rows.getString(2));
    };
  }
}
