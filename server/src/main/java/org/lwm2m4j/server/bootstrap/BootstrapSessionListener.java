package org.lwm2m4j.server.bootstrap;

import java.net.InetSocketAddress;

/**
 * Told about bootstrap sessions, step by step, on the Bootstrap Server's event thread. A
 * Bootstrap-Pack session ({@link BootstrapMode#PACK}) has one step and finishes when the pack is
 * sent: the client confirms nothing.
 */
public interface BootstrapSessionListener {
  /** A session began with the client at {@code address}. */
  default void started(String endpoint, InetSocketAddress address, BootstrapMode mode) {}

  /** One operation done, e.g. {@code "Bootstrap-Write /0/0"}. */
  default void step(String endpoint, String operation) {}

  default void finished(String endpoint) {}

  default void failed(String endpoint, String reason) {}
}
