package org.lwm2m4j.bench.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * What the bench reads from the cluster's Redis: {@code INFO memory}, {@code MEMORY USAGE} of a key, and the
 * owner node the Redis store records in each registration's hash ({@code lwm2m:reg:{ep}}, field {@code o}).
 */
final class RedisProbe implements AutoCloseable {
  /** The Redis store's registration key of {@code endpoint} (see {@code org.lwm2m4j.server.store.redis.RedisStore}). */
  static String registrationKey(String endpoint) {
    return "lwm2m:reg:{" + endpoint + "}";
  }

  /** The Redis store's sorted set of expiry times, one member per registration. */
  static final String EXPIRY_KEY = "lwm2m:expiry";

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  RedisProbe(String uri) {
    this.client = RedisClient.create(uri);
    this.connection = client.connect();
  }

  /** {@code used_memory} of {@code INFO memory}: bytes Redis has allocated for data and its own state. */
  long usedMemory() {
    String info = connection.sync().info("memory");
    OptionalLong used = RedisInfo.number(info, "used_memory");
    return used.orElseThrow(() -> new IllegalStateException("INFO memory has no used_memory: " + info));
  }

  /** {@code MEMORY USAGE key}: the bytes one key and its value take; 0 when there is no such key. */
  long memoryUsage(String key) {
    Long usage = connection.sync().memoryUsage(key);
    return usage == null ? 0 : usage;
  }

  /** The owner of each of {@code endpoints}' registrations, pipelined; endpoints without one are left out. */
  Map<String, String> owners(List<String> endpoints) throws Exception {
    List<RedisFuture<String>> replies = new ArrayList<>(endpoints.size());
    for (String endpoint : endpoints) {
      replies.add(connection.async().hget(registrationKey(endpoint), "o"));
    }
    Map<String, String> owners = new HashMap<>();
    for (int i = 0; i < endpoints.size(); i++) {
      String owner = replies.get(i).get(30, TimeUnit.SECONDS);
      if (owner != null) {
        owners.put(endpoints.get(i), owner);
      }
    }
    return owners;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
