package org.lwm2m4j.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.store.StoreException;

/** The Redis address a store is opened with, and what a wrong one says. */
class RedisStoreSettingsTest {
  @Test
  void hostPortAndDatabaseAreRead() {
    assertThat(RedisUri.parse("redis://127.0.0.1:6379")).isEqualTo(new RedisUri("127.0.0.1", 6379, 0));
    assertThat(RedisUri.parse("redis://redis.example:7000/3")).isEqualTo(new RedisUri("redis.example", 7000, 3));
    assertThat(RedisUri.parse("redis://[::1]:6380/")).isEqualTo(new RedisUri("::1", 6380, 0));
    assertThat(RedisUri.parse("redis://[::1]:6380/2")).hasToString("redis://[::1]:6380/2");
  }

  @Test
  void aWrongAddressIsATypedErrorThatShowsTheExpectedForm() {
    for (String wrong : new String[] {"localhost:6379", "redis://localhost", "redis://:6379", "redis://host:port",
        "redis://host:70000", "redis://host:6379/x", "rediss://host:6379", "redis://user:pw@host:6379"}) {
      assertThatThrownBy(() -> RedisStoreSettings.of(wrong, "node-a")).as(wrong).isInstanceOf(RedisUriException.class)
          .hasMessageContaining("redis://HOST:PORT[/DB]");
    }
  }

  @Test
  void aNodeIdMustBeOneLineOfText() {
    assertThatThrownBy(() -> RedisStoreSettings.of("redis://127.0.0.1:6379", " ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node id");
  }

  @Test
  void aRedisThatDoesNotAnswerIsAClearErrorAtOpen() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String uri = "redis://127.0.0.1:" + port;

    assertThatThrownBy(() -> RedisStore.open(RedisStoreSettings.of(uri, "node-a"))).isInstanceOf(StoreException.class)
        .hasMessageContaining("cannot open the Redis store at " + uri);
  }
}
