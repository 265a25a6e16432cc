package org.lwm2m4j.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.transport.dtls.DtlsSessionCache;

/** The DTLS sessions two nodes share through a real Redis: what one node keeps, the other reads; none is kept forever. */
class RedisDtlsSessionsTest {
  private static final byte[] ID = {1, 2, 3, (byte) 0xfe};
  private static final byte[] STATE = {9, 8, 7, 0, (byte) 0x80};

  private RedisServerProcess redis;
  private RedisStore node1;
  private RedisStore node2;

  @BeforeEach
  void start() throws Exception {
    redis = RedisServerProcess.start();
    node1 = RedisStore.open(RedisStoreSettings.of(redis.uri(), "node-1"));
    node2 = RedisStore.open(RedisStoreSettings.of(redis.uri(), "node-2"));
  }

  @AfterEach
  void stop() throws Exception {
    node1.close();
    node2.close();
    redis.close();
  }

  @Test
  void aSessionOneNodeKeepsIsReadByAnotherUntilItIsRemovedAndExpiresUnlessUsed() throws Exception {
    DtlsSessionCache one = node1.dtlsSessions();
    DtlsSessionCache two = node2.dtlsSessions();

    one.put(ID, STATE);

    await().atMost(Duration.ofSeconds(10)).until(() -> two.get(ID).isPresent());
    assertThat(two.get(ID)).hasValueSatisfying(state -> assertThat(state).containsExactly(STATE));
    long ttl = Long.parseLong(redis.command("TTL " + RedisDtlsSessions.PREFIX + "010203fe").trim().replaceAll("[^0-9-]", ""));
    assertThat(ttl).isPositive().isLessThanOrEqualTo(RedisDtlsSessions.TIME_TO_LIVE.toSeconds());
    assertThat(two.get(new byte[] {5})).isEmpty();

    two.remove(ID);
    await().atMost(Duration.ofSeconds(10)).until(() -> one.get(ID).isEmpty());
  }

  @Test
  void withRedisGoneAReadFindsNothingAndNothingThrows() throws Exception {
    DtlsSessionCache one = node1.dtlsSessions();
    redis.kill();

    one.put(ID, STATE);
    assertThat(one.get(ID)).isEmpty();
    one.remove(ID);
  }
}
