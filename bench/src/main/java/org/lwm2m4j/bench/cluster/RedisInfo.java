package org.lwm2m4j.bench.cluster;

import java.util.OptionalLong;

/** Fields of Redis' {@code INFO} answer: {@code name:value} lines, sections headed by {@code # Name}. */
final class RedisInfo {
  private RedisInfo() {}

  /** The number {@code field} has in {@code info}, e.g. {@code used_memory}; empty if absent or not a whole number. */
  static OptionalLong number(String info, String field) {
    for (String line : info.split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).equals(field)) {
        try {
          return OptionalLong.of(Long.parseLong(line.substring(colon + 1).strip()));
        } catch (NumberFormatException notWhole) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
