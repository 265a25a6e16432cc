package org.lwm2m4j.bench.sidebyside;

import java.io.IOException;

/**
 * One LwM2M server under benchmark, as the child JVM drives it: CoAP and CoAP over DTLS on
 * 127.0.0.1 (PSK identities {@code bench-0 …} with {@link org.lwm2m4j.bench.dtls.DtlsHandshakeLoad#KEY}),
 * an HTTP API with the shape of our REST API's Read, and Reads and Observes through the server's own Java API.
 */
interface BenchedServer {
  /** PSK identities {@code bench-0 … bench-(n-1)} every server knows, for the DTLS handshake phase. */
  int PSK_IDENTITIES = 64;

  /** The UDP port the server's CoAP endpoint listens on. */
  int port();

  /** The UDP port of the server's CoAP-over-DTLS endpoint. */
  int coapsPort();

  /** The TCP port of its HTTP API: {@code GET /api/v1/clients/{endpoint}/data/3/0?format=tlv}. */
  int httpPort();

  /** Registrations the server holds now. */
  int registrations();

  /**
   * Reads {@code /3/0} (TLV) {@code count} times, {@code window} in flight, round robin over the
   * registered endpoints {@code prefix-0 … prefix-(clients-1)}; returns the Reads that failed.
   */
  int read(String prefix, int clients, int count, int window) throws InterruptedException;

  /**
   * Observes {@code /3/0/9} (TLV) on each of {@code prefix-0 … prefix-(count-1)} through the Java
   * API, {@code window} in flight; returns the Observes that failed.
   */
  int observe(String prefix, int count, int window) throws InterruptedException;

  /** Notifications the server's observation listener has been given so far. */
  long notifications();

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
