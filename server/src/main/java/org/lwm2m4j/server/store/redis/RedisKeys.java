package org.lwm2m4j.server.store.redis;

/**
 * The key names. Every key of one endpoint carries the hash tag {@code {endpoint}}, so that on a
 * Redis Cluster one endpoint's keys share a slot and one script changes them atomically; the
 * expiry index is the one key shared by all endpoints, changed by commands of its own.
 */
final class RedisKeys {
  static final String PREFIX = "lwm2m:";
  /** The change feed every node subscribes to. */
  static final String CHANNEL = "lwm2m:changes";
  /** Sorted set: member endpoint, score the epoch millisecond its registration expires (grace included). */
  static final String EXPIRY = "lwm2m:expiry";

  private RedisKeys() {}

  static String of(ChangeKind kind, String endpoint) {
    return PREFIX + kind.prefix() + ":{" + endpoint + "}";
  }

  /** The pattern that SCAN matches for every key of {@code kind}. */
  static String pattern(ChangeKind kind) {
    return PREFIX + kind.prefix() + ":{*";
  }

  /** The endpoint of a key built by {@link #of}. */
  static String endpointOf(String key) {
    return key.substring(key.indexOf('{') + 1, key.length() - 1);
  }
}
