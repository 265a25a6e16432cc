package org.lwm2m4j.server.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.store.redis.RedisServerProcess;
import org.lwm2m4j.server.store.redis.RedisStore;
import org.lwm2m4j.server.store.redis.RedisStoreSettings;

/** The bootstrap config contract on the Redis store, and configs shared by two nodes. */
class RedisBootstrapConfigStoreTest extends BootstrapConfigStoreContract {
  private static RedisServerProcess redis;
  private RedisStore store;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @BeforeEach
  void open() throws Exception {
    redis.command("FLUSHALL");
    store = RedisStore.open(RedisStoreSettings.of(redis.uri(), "node-a"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Override
  BootstrapConfigStore store() {
    return store.bootstrapConfigs();
  }

  @Test
  void configsAndSessionsSurviveAReopenAndReachTheOtherNodes() throws Exception {
    BootstrapConfig everything = TestConfigs.everything();
    try (RedisStore other = RedisStore.open(RedisStoreSettings.of(redis.uri(), "node-b"))) {
      store().put("dev1", everything);
      store().put("dev2", TestConfigs.designExample());
      store().recordSession("dev1", SESSION);
      store().remove("dev2");

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(other.bootstrapConfigs().all()).containsOnlyKeys("dev1");
        assertThat(other.bootstrapConfigs().lastSession("dev1")).contains(SESSION);
      });
    }
    store.close();
    store = RedisStore.open(RedisStoreSettings.of(redis.uri(), "node-a"));

    assertThat(store().get("dev1")).contains(everything);
    assertThat(store().lastSession("dev1")).contains(SESSION);
    assertThat(store.loaded().bootstrapConfigs()).isEqualTo(1);
  }
}
