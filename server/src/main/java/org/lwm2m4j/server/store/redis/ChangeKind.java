package org.lwm2m4j.server.store.redis;

/** What a key holds, and what a change message says was changed. */
enum ChangeKind {
  REGISTRATION("reg"),
  OBSERVATIONS("obs"),
  CREDENTIALS("sec"),
  BOOTSTRAP_CONFIG("bsc"),
  BOOTSTRAP_SESSION("bss"),
  FIRMWARE_JOB("fw");

  private final String prefix;

  ChangeKind(String prefix) {
    this.prefix = prefix;
  }

  String prefix() {
    return prefix;
  }

  static ChangeKind ofPrefix(String prefix) {
    for (ChangeKind kind : values()) {
      if (kind.prefix.equals(prefix)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown change kind '" + prefix + "'");
  }
}
