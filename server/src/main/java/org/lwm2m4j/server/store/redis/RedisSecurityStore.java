package org.lwm2m4j.server.store.redis;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.lwm2m4j.server.security.CredentialOrigin;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.SecurityStoreListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials in this node's replica, written through to one key per endpoint. As in the SQLite
 * store, a change returns only once Redis acknowledged it, and a failure is thrown as a {@link
 * org.lwm2m4j.server.store.StoreException} after memory changed. Another node's change reaches
 * this node's {@link SecurityStoreListener}s too (a revoked key must be revoked on every node).
 */
final class RedisSecurityStore implements SecurityStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

  private final InMemorySecurityStore memory;
  private final RedisWrites writes;

  RedisSecurityStore(InMemorySecurityStore memory, RedisWrites writes) {
    this.memory = memory;
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
    String endpoint = info.endpoint();
    RedisWrites.Written<Optional<SecurityInfo>> written = writes.change(ChangeKind.CREDENTIALS, endpoint, "", redis -> {
      Optional<SecurityInfo> previous = memory.put(info, origin);
      return new RedisWrites.Sent<>(previous, List.<CompletionStage<?>>of(
          redis.set(RedisKeys.of(ChangeKind.CREDENTIALS, endpoint), ValueCodecs.credentials(info, origin))));
    });
    RedisStore.await(written.acknowledged(), "storing the credentials of '" + endpoint + "'");
    return written.value();
  }

  @Override
  public Optional<SecurityInfo> remove(String endpoint) {
    RedisWrites.Written<Optional<SecurityInfo>> written = writes.change(ChangeKind.CREDENTIALS, endpoint, "", redis -> {
      Optional<SecurityInfo> removed = memory.remove(endpoint);
      return removed.isEmpty() ? RedisWrites.Sent.nothing(removed) : new RedisWrites.Sent<>(removed,
          List.<CompletionStage<?>>of(redis.del(RedisKeys.of(ChangeKind.CREDENTIALS, endpoint))));
    });
    RedisStore.await(written.acknowledged(), "removing the credentials of '" + endpoint + "'");
    return written.value();
  }

  /** Applies what another node left for {@code endpoint} ({@code value}: empty when removed). Under the write lock. */
  void applyReplica(String endpoint, Optional<String> value) {
    try {
      if (value.isEmpty()) {
        memory.remove(endpoint);
        return;
      }
      SecurityInfo info = ValueCodecs.credentials(endpoint, value.get());
      if (!memory.byEndpoint(endpoint).equals(Optional.of(info))) {
        memory.put(info, ValueCodecs.origin(value.get()));
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot apply the credentials of '{}' from Redis: {}", endpoint, e.getMessage());
    }
  }

  /** Loads one credential read at open. */
  void load(String endpoint, String value) {
    memory.put(ValueCodecs.credentials(endpoint, value), ValueCodecs.origin(value));
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
