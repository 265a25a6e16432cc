package org.lwm2m4j.server.store.sqlite;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.lwm2m4j.server.security.CredentialOrigin;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.SecurityStoreListener;

/**
 * Credentials in memory, written to SQLite by endpoint. Unlike registrations, a change returns
 * only once it is committed (credentials change rarely, through the REST API, whose caller should
 * know it is kept); a failed commit is thrown as a {@link org.lwm2m4j.server.store.StoreException}
 * after the change was made in memory, and the next commit of that endpoint writes it again.
 */
final class SqliteSecurityStore implements SecurityStore {
  private final InMemorySecurityStore memory;
  private final SecurityRows rows;
  private final WriteQueue writes;

  SqliteSecurityStore(InMemorySecurityStore memory, SecurityRows rows, WriteQueue writes) {
    this.memory = memory;
    this.rows = rows;
    this.writes = writes;
  }

  @Override
  public Optional<SecurityInfo> byEndpoint(String endpoint) {
    return memory.byEndpoint(endpoint);
  }

  @Override
  public Optional<PskSecurity> byPskIdentity(String identity) {
    return memory.byPskIdentity(identity);
  }

  @Override
  public Optional<RpkSecurity> byPublicKey(PublicKey publicKey) {
    return memory.byPublicKey(publicKey);
  }

  @Override
  public Optional<CredentialOrigin> origin(String endpoint) {
    return memory.origin(endpoint);
  }

  @Override
  public Optional<SecurityInfo> put(SecurityInfo info, CredentialOrigin origin) {
    Optional<SecurityInfo> previous = memory.put(info, origin);
    writes.add(new Dirty<>(rows, info.endpoint()));
    SqliteStore.await(writes.persisted(), "the credentials of '" + info.endpoint() + "'");
    return previous;
  }

  @Override
  public Optional<SecurityInfo> remove(String endpoint) {
    Optional<SecurityInfo> removed = memory.remove(endpoint);
    if (removed.isPresent()) {
      writes.add(new Dirty<>(rows, endpoint));
      SqliteStore.await(writes.persisted(), "the removal of the credentials of '" + endpoint + "'");
    }
    return removed;
  }

  @Override
  public List<SecurityInfo> all() {
    return memory.all();
  }

  @Override
  public void addListener(SecurityStoreListener listener) {
    memory.addListener(listener);
  }

  @Override
  public void removeListener(SecurityStoreListener listener) {
    memory.removeListener(listener);
  }
}
