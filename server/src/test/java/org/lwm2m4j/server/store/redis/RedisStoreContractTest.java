package org.lwm2m4j.server.store.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.lwm2m4j.server.store.ServerStore;
import org.lwm2m4j.server.store.ServerStoreContractTest;

/** The store contract on the Redis store: one real redis-server for the class, emptied before each test. */
class RedisStoreContractTest extends ServerStoreContractTest {
  private static RedisServerProcess redis;

  private final List<RedisStore> opened = new ArrayList<>();

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @BeforeEach
  void empty() throws Exception {
    redis.command("FLUSHALL");
  }

  @AfterEach
  void closeAll() {
    opened.forEach(RedisStore::close);
  }

  @Override
  protected ServerStore open(Instant now) {
    RedisStore store = RedisStore.open(RedisStoreSettings.of(redis.uri(), "node-a").withRegistrationGrace(Duration.ZERO)
        .withClock(Clock.fixed(now, ZoneOffset.UTC)));
    opened.add(store);
    return store;
  }

  @Override
  protected Loaded loaded(ServerStore store) {
    RedisStore.Loaded loaded = ((RedisStore) store).loaded();
    return new Loaded(loaded.registrations(), loaded.observations(), loaded.credentials(), loaded.bootstrapConfigs(), loaded.expired());
  }
}
