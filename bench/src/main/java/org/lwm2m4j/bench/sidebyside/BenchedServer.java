package org.lwm2m4j.bench.sidebyside;

import java.io.IOException;

/**
 * One LwM2M server under benchmark, as the child JVM drives it: plain CoAP on 127.0.0.1, Reads
 * through the server's own Java API.
 */
interface BenchedServer {
  /** The UDP port the server's CoAP endpoint listens on. */
  int port();

  /** Registrations the server holds now. */
  int registrations();

  /**
   * Reads {@code /3/0} (TLV) {@code count} times, {@code window} in flight, round robin over the
   * registered endpoints {@code prefix-0 … prefix-(clients-1)}; returns the Reads that failed.
   */
  int read(String prefix, int clients, int count, int window) throws InterruptedException;

  /**
   * Stops the network side — CoAP endpoints stop, which clears their exchange and deduplication
   * state — and keeps the registrations, so what remains reachable is the server's steady state.
   */
  void stopNetwork() throws IOException;

  /**
   * Lets go of what still holds the stopped server from outside (thread pools that stopping keeps),
   * so that dropping the last reference frees it; called after {@link #stopNetwork}.
   */
  default void release() {}

  /** Starts a server of the given kind ({@code leshan}, {@code memory} or {@code sqlite}). */
  static BenchedServer start(String kind) throws IOException {
    return switch (kind) {
      case "leshan" -> LeshanBenchedServer.start();
      case "memory" -> OwnBenchedServer.start(false);
      case "sqlite" -> OwnBenchedServer.start(true);
      default -> throw new IllegalArgumentException("unknown server kind '" + kind + "': use leshan, memory or sqlite");
    };
  }
}
