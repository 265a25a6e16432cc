package org.lwm2m4j.server.store.redis;

import java.util.Optional;

/**
 * One message of the change feed: which kind of key of which endpoint a node changed (for
 * observations, which tokens). It carries no value: a node that hears it reads the key again, so
 * the order of messages does not matter and each replica converges to Redis.
 *
 * @param detail for observations, the changed tokens comma-separated; else empty
 */
record ChangeMessage(ChangeKind kind, String origin, String detail, String endpoint) {
  /** One line per field, the endpoint last (it may hold anything). */
  String encode() {
    return kind.prefix() + "\n" + origin + "\n" + detail + "\n" + endpoint;
  }

  static Optional<ChangeMessage> decode(String text) {
    String[] parts = text.split("\n", 4);
    if (parts.length != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(new ChangeMessage(ChangeKind.ofPrefix(parts[0]), parts[1], parts[2], parts[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
