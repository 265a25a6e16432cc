package org.lwm2m4j.server.store.redis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.security.EndpointNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstrap configs and last sessions in this node's replica, written through to two keys per
 * endpoint. Every change returns once Redis acknowledged it; if it failed, memory is put back and
 * the failure thrown, as {@link BootstrapConfigStore} promises.
 */
final class RedisBootstrapConfigStore implements BootstrapConfigStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

  private final InMemoryBootstrapConfigStore memory;
  private final RedisWrites writes;

  RedisBootstrapConfigStore(InMemoryBootstrapConfigStore memory, RedisWrites writes) {
    this.memory = memory;
    this.writes = writes;
  }

  @Override
  public Optional<BootstrapConfig> get(String endpoint) {
    return memory.get(endpoint);
  }

  @Override
  public synchronized Optional<BootstrapConfig> put(String endpoint, BootstrapConfig config) {
    EndpointNames.check(endpoint);
    Optional<BootstrapSessionRecord> session = memory.lastSession(endpoint);
    RedisWrites.Written<Optional<BootstrapConfig>> written = writes.change(ChangeKind.BOOTSTRAP_CONFIG, endpoint, "", redis ->
        new RedisWrites.Sent<>(memory.put(endpoint, config), List.<CompletionStage<?>>of(
            redis.set(RedisKeys.of(ChangeKind.BOOTSTRAP_CONFIG, endpoint), ValueCodecs.bootstrapConfig(config)))));
    try {
      RedisStore.await(written.acknowledged(), "storing the bootstrap config of '" + endpoint + "'");
    } catch (RuntimeException e) {
      restore(endpoint, written.value(), session);
      throw e;
    }
    return written.value();
  }

  @Override
  public synchronized Optional<BootstrapConfig> remove(String endpoint) {
    Optional<BootstrapSessionRecord> session = memory.lastSession(endpoint);
    RedisWrites.Written<Optional<BootstrapConfig>> written = writes.change(ChangeKind.BOOTSTRAP_CONFIG, endpoint, "", redis -> {
      Optional<BootstrapConfig> removed = memory.remove(endpoint);
      return removed.isEmpty() ? RedisWrites.Sent.nothing(removed) : new RedisWrites.Sent<>(removed, List.<CompletionStage<?>>of(
          redis.del(RedisKeys.of(ChangeKind.BOOTSTRAP_CONFIG, endpoint), RedisKeys.of(ChangeKind.BOOTSTRAP_SESSION, endpoint))));
    });
    try {
      RedisStore.await(written.acknowledged(), "removing the bootstrap config of '" + endpoint + "'");
    } catch (RuntimeException e) {
      restore(endpoint, written.value(), session);
      throw e;
    }
    return written.value();
  }

  @Override
  public Map<String, BootstrapConfig> all() {
    return memory.all();
  }

  @Override
  public synchronized void recordSession(String endpoint, BootstrapSessionRecord record) {
    Optional<BootstrapSessionRecord> previous = memory.lastSession(endpoint);
    RedisWrites.Written<Optional<BootstrapSessionRecord>> written = writes.change(ChangeKind.BOOTSTRAP_SESSION, endpoint, "",
        redis -> {
          memory.recordSession(endpoint, record);
          Optional<BootstrapSessionRecord> now = memory.lastSession(endpoint);
          return now.equals(previous) ? RedisWrites.Sent.nothing(now) : new RedisWrites.Sent<>(now, List.<CompletionStage<?>>of(
              redis.set(RedisKeys.of(ChangeKind.BOOTSTRAP_SESSION, endpoint), ValueCodecs.bootstrapSession(now.get()))));
        });
    try {
      RedisStore.await(written.acknowledged(), "storing the bootstrap session of '" + endpoint + "'");
    } catch (RuntimeException e) {
      previous.ifPresent(old -> memory.restoreSession(endpoint, old));
      throw e;
    }
  }

  @Override
  public Optional<BootstrapSessionRecord> lastSession(String endpoint) {
    return memory.lastSession(endpoint);
  }

  /** Puts memory back as it was before a change Redis did not take. */
  private void restore(String endpoint, Optional<BootstrapConfig> config, Optional<BootstrapSessionRecord> session) {
    if (config.isPresent()) {
      memory.put(endpoint, config.get());
      session.ifPresent(record -> memory.restoreSession(endpoint, record));
    } else {
      memory.remove(endpoint);
    }
  }

  /** Applies (or loads) another node's config of {@code endpoint} ({@code value}: empty when removed). */
  void applyConfig(String endpoint, Optional<String> value) {
    try {
      if (value.isEmpty()) {
        memory.remove(endpoint);
      } else {
        memory.put(endpoint, ValueCodecs.bootstrapConfig(value.get()));
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot apply the bootstrap config of '{}' from Redis: {}", endpoint, e.getMessage());
    }
  }

  /** Applies (or loads) another node's last session of {@code endpoint}, kept only while it has a config. */
  void applySession(String endpoint, Optional<String> value) {
    try {
      value.ifPresent(json -> memory.restoreSession(endpoint, ValueCodecs.bootstrapSession(json)));
    } catch (RuntimeException e) {
      LOG.warn("cannot apply the bootstrap session of '{}' from Redis: {}", endpoint, e.getMessage());
    }
  }
}
