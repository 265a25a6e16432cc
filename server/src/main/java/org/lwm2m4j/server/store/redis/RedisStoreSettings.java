package org.lwm2m4j.server.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * How a {@link RedisStore} is opened: where Redis is, this node's id (recorded as the owner of the
 * registrations this node handles), the registration grace period (as the server's), the clock
 * registrations expire by, how long one Redis command may take, and the executor that completes
 * the futures callers wait on (one that outlives the store; by default a thread of the store's own).
 */
public record RedisStoreSettings(RedisUri uri, String nodeId, Duration registrationGrace, Clock clock, Duration commandTimeout,
    Optional<Executor> executor) {

  public RedisStoreSettings {
    Objects.requireNonNull(uri, "uri");
    if (nodeId == null || nodeId.isBlank() || nodeId.contains("\n")) {
      throw new IllegalArgumentException("the node id must be a non-empty line of text, got '" + nodeId + "'");
    }
    if (registrationGrace.isNegative()) {
      throw new IllegalArgumentException("the registration grace period must not be negative");
    }
    Objects.requireNonNull(clock, "clock");
    if (commandTimeout.isNegative() || commandTimeout.isZero()) {
      throw new IllegalArgumentException("the Redis command timeout must be positive");
    }
    Objects.requireNonNull(executor, "executor");
  }

  /**
   * Settings for {@code uri} ({@code redis://HOST:PORT[/DB]}) and {@code nodeId}: a 30 s grace
   * period, the system clock, a 5 s command timeout, a thread of the store's own for completions.
   *
   * @throws RedisUriException if {@code uri} is not of that form
   */
  public static RedisStoreSettings of(String uri, String nodeId) {
    return new RedisStoreSettings(RedisUri.parse(uri), nodeId, Duration.ofSeconds(30), Clock.systemUTC(), Duration.ofSeconds(5),
        Optional.empty());
  }

  public RedisStoreSettings withRegistrationGrace(Duration grace) {
    return new RedisStoreSettings(uri, nodeId, grace, clock, commandTimeout, executor);
  }

  public RedisStoreSettings withClock(Clock newClock) {
    return new RedisStoreSettings(uri, nodeId, registrationGrace, newClock, commandTimeout, executor);
  }

  public RedisStoreSettings withCommandTimeout(Duration timeout) {
    return new RedisStoreSettings(uri, nodeId, registrationGrace, clock, timeout, executor);
  }

  /** Completes the futures callers wait on with {@code completions}, which must outlive the store. */
  public RedisStoreSettings withExecutor(Executor completions) {
    return new RedisStoreSettings(uri, nodeId, registrationGrace, clock, commandTimeout, Optional.of(completions));
  }
}
