package org.lwm2m4j.server.store.redis;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.transport.dtls.DtlsSessionCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DTLS sessions the nodes of a cluster share ({@code lwm2m:dtls-session:ID}, the session's
 * state as Scandium writes it, hex), so that a device whose node died resumes its session with the
 * node the balancer picks next. The state holds the session's master secret: Redis already holds
 * the clients' PSKs, which are worth as much. A session unused for {@link #TIME_TO_LIVE} is dropped
 * (written again at each handshake); a device that resumes after that handshakes in full.
 *
 * <p>Writes go out without waiting; a read waits at most {@link #READ_WAIT}, on the DTLS thread
 * handling the ClientHello. Either failing costs the device a full handshake, never an error.
 */
final class RedisDtlsSessions implements DtlsSessionCache {
  private static final Logger LOG = LoggerFactory.getLogger(RedisDtlsSessions.class);
  static final String PREFIX = RedisKeys.PREFIX + "dtls-session:";
  /** How long a shared session is kept after its last handshake: longer than any device sleeps. */
  static final Duration TIME_TO_LIVE = Duration.ofDays(30);
  /** How long a ClientHello waits for Redis before the device is answered with a full handshake. */
  static final Duration READ_WAIT = Duration.ofSeconds(1);

  private final StatefulRedisConnection<String, String> connection;

  RedisDtlsSessions(StatefulRedisConnection<String, String> connection) {
    this.connection = connection;
  }

  @Override
  public void put(byte[] sessionId, byte[] state) {
    connection.async().set(key(sessionId), HexFormat.of().formatHex(state), SetArgs.Builder.ex(TIME_TO_LIVE.toSeconds()))
        .exceptionally(failure -> {
          LOG.warn("cannot share a DTLS session in Redis (its device handshakes in full if its node dies): {}", failure.toString());
          return null;
        });
  }

  @Override
  public Optional<byte[]> get(byte[] sessionId) {
    try {
      String state = connection.async().get(key(sessionId)).get(READ_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.ofNullable(state).map(HexFormat.of()::parseHex);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (Exception e) {
      LOG.warn("cannot read a shared DTLS session from Redis (the device handshakes in full): {}", e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void remove(byte[] sessionId) {
    connection.async().del(key(sessionId)).exceptionally(failure -> null);
  }

  private static String key(byte[] sessionId) {
    return PREFIX + HexFormat.of().formatHex(sessionId);
  }
}
