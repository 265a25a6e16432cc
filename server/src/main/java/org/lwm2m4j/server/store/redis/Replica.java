package org.lwm2m4j.server.store.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's replica current: reads a key again when the change feed says another node
 * changed it, and applies what Redis holds now (so messages may come in any order, and twice).
 * Reads go on the command connection, after every change this node sent before them.
 */
final class Replica {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

  private final RedisWrites writes;
  private final RedisRegistrationStore registrations;
  private final RedisObservationStore observations;
  private final RedisSecurityStore security;
  private final RedisBootstrapConfigStore bootstrapConfigs;
  private final RedisFirmwareJobStore firmwareJobs;

  Replica(RedisWrites writes, RedisRegistrationStore registrations, RedisObservationStore observations, RedisSecurityStore security,
      RedisBootstrapConfigStore bootstrapConfigs, RedisFirmwareJobStore firmwareJobs) {
    this.writes = writes;
    this.registrations = registrations;
    this.observations = observations;
    this.security = security;
    this.bootstrapConfigs = bootstrapConfigs;
    this.firmwareJobs = firmwareJobs;
  }

  /** Reads {@code message}'s key and applies it, unless a change of this node to it is on its way (then later). */
  void reread(ChangeMessage message) {
    RedisAsyncCommands<String, String> redis = writes.redis();
    String key = RedisKeys.of(message.kind(), message.endpoint());
    String endpoint = message.endpoint();
    var read = switch (message.kind()) {
      case REGISTRATION -> redis.hgetall(key).thenAccept(hash ->
          writes.applyUnlessChanging(message, () -> registrations.applyReplica(endpoint, hash)));
      case OBSERVATIONS -> redis.hgetall(key).thenAccept(hash ->
          writes.applyUnlessChanging(message, () -> observations.applyReplica(endpoint, message.detail(), hash)));
      case CREDENTIALS -> redis.get(key).thenAccept(value ->
          writes.applyUnlessChanging(message, () -> security.applyReplica(endpoint, Optional.ofNullable(value))));
      case BOOTSTRAP_CONFIG -> redis.get(key).thenAccept(value ->
          writes.applyUnlessChanging(message, () -> bootstrapConfigs.applyConfig(endpoint, Optional.ofNullable(value))));
      case BOOTSTRAP_SESSION -> redis.get(key).thenAccept(value ->
          writes.applyUnlessChanging(message, () -> bootstrapConfigs.applySession(endpoint, Optional.ofNullable(value))));
      case FIRMWARE_JOB -> redis.get(key).thenAccept(value -> writes.applyUnlessChanging(message, () -> {
        if (value != null) {
          firmwareJobs.apply(endpoint, value);
        }
      }));
    };
    read.exceptionally(failure -> {
      LOG.warn("cannot read {} again after a change by {}: {} (the replica catches up when Redis is back)", key, message.origin(),
          failure.toString());
      return null;
    });
  }
}
