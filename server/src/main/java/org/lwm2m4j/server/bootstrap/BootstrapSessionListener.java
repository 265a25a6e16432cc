package org.lwm2m4j.server.bootstrap;

import java.net.InetSocketAddress;

/** Told about bootstrap sessions, step by step, on the Bootstrap Server's event thread. */
public interface BootstrapSessionListener {
  default void started(String endpoint, InetSocketAddress address, boolean pushed) {}

  /** One operation done, e.g. {@code "Bootstrap-Write /0/0"}. */
  default void step(String endpoint, String operation) {}

  default void finished(String endpoint) {}

  default void failed(String endpoint, String reason) {}
}
