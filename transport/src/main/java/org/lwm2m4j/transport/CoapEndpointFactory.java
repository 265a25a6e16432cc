package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Makes the plain-CoAP endpoints of a server, client or bootstrap server: the socket by default,
 * an {@link org.lwm2m4j.transport.memory.InMemoryNetwork} or the message-level twin in tests.
 * DTLS endpoints are always made on sockets.
 */
@FunctionalInterface
public interface CoapEndpointFactory {
  /**
   * Binds {@code address} (port 0 picks a free one) and serves every inbound request through
   * {@code handler}.
   *
   * @throws IOException if the address cannot be bound
   */
  CoapEndpoint bind(InetSocketAddress address, CoapHandler handler) throws IOException;

  /** Endpoints on UDP sockets with {@code settings}. */
  static CoapEndpointFactory udp(CoapSettings settings) {
    return (address, handler) -> CoapEndpoint.start(address, handler, settings);
  }
}
