package org.lwm2m4j.server.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Optional;
import org.lwm2m4j.server.security.CredentialOrigin;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.PublicKeys;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.X509Security;

/**
 * The {@code security} table: one row per endpoint, its mode ({@code psk}, {@code rpk}, {@code
 * x509}) with the PSK identity and key or the encoded public key, and where it came from ({@code
 * api} or {@code psk-file}).
 */
final class SecurityRows extends RowTable<String, SecurityInfo> {
  static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS security (endpoint TEXT PRIMARY KEY, mode TEXT NOT NULL,"
      + " identity TEXT, key BLOB, origin TEXT NOT NULL DEFAULT 'api')";
  private static final String API = "api";
  private static final String PSK_FILE = "psk-file";

  private final InMemorySecurityStore memory;

  SecurityRows(Connection connection, InMemorySecurityStore memory) throws SQLException {
    super(connection, "INSERT OR REPLACE INTO security (endpoint, mode, identity, key, origin) VALUES (?,?,?,?,?)",
        "DELETE FROM security WHERE endpoint = ?");
    this.memory = memory;
  }

  /**
   * Adds the origin column to a table created before origins were kept: its credentials were all
   * taken for the API's, so a PSK file revokes none of them (its lines are marked at their next load).
   */
  static void addOriginColumn(Statement statement) throws SQLException {
    try (ResultSet columns = statement.executeQuery("PRAGMA table_info(security)")) {
      while (columns.next()) {
        if (columns.getString("name").equals("origin")) {
          return;
        }
      }
    }
    statement.execute("ALTER TABLE security ADD COLUMN origin TEXT NOT NULL DEFAULT 'api'");
  }

  @Override
  int load() throws SQLException {
    return loadRows("SELECT endpoint, mode, identity, key, origin FROM security", rows -> {
      memory.put(read(rows), PSK_FILE.equals(rows.getString(5)) ? CredentialOrigin.PSK_FILE : CredentialOrigin.API);
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
    s.setString(5, memory.origin(endpoint).orElse(CredentialOrigin.API) == CredentialOrigin.PSK_FILE ? PSK_FILE : API);
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
