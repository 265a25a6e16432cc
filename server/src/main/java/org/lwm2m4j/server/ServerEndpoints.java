package org.lwm2m4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.ServerDtlsIdentity;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.dtls.HandshakeObserver;

/**
 * The CoAP endpoints of a server: the plain one, made by the builder's {@link CoapEndpointFactory}
 * (a socket, an in-memory network or the twin), and the DTLS one on a socket when the server has a
 * {@code coaps} address; both serve inbound requests through one handler. Closed with the server.
 */
final class ServerEndpoints implements AutoCloseable {
  private final CoapEndpoint plain;
  private final Optional<CoapEndpoint> secure;
  private final List<HandshakeObserver> handshakes;

  private ServerEndpoints(CoapEndpoint plain, Optional<CoapEndpoint> secure, List<HandshakeObserver> handshakes) {
    this.plain = plain;
    this.secure = secure;
    this.handshakes = handshakes;
  }

  /**
   * Binds the plain endpoint at {@code address} through {@code transport} and, when {@code
   * coapsAddress} is present, the DTLS one presenting {@code identity} and checking clients against
   * {@code credentials}.
   *
   * @throws IOException if an address cannot be bound (nothing stays bound then)
   */
  static ServerEndpoints bind(CoapEndpointFactory transport, InetSocketAddress address, Optional<InetSocketAddress> coapsAddress,
      CoapSettings settings, ServerDtlsIdentity identity, SecurityStore credentials, Optional<java.nio.file.Path> dtlsSessionFile,
      CoapHandler handler) throws IOException {
    List<HandshakeObserver> handshakes = new CopyOnWriteArrayList<>();
    CoapEndpoint plain = transport.bind(address, handler);
    if (coapsAddress.isEmpty()) {
      return new ServerEndpoints(plain, Optional.empty(), handshakes);
    }
    try {
      CoapEndpoint secure = CoapEndpoint.start(coapsAddress.get(), handler, settings, Optional.of(identity.settings(credentials,
          (resumed, failure) -> handshakes.forEach(o -> o.finished(resumed, failure)), dtlsSessionFile)));
      return new ServerEndpoints(plain, Optional.of(secure), handshakes);
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  /** The plain CoAP endpoint. */
  CoapEndpoint plain() {
    return plain;
  }

  /** The CoAP-over-DTLS endpoint, if the server has one. */
  Optional<CoapEndpoint> secure() {
    return secure;
  }

  /** Every endpoint, the plain one first. */
  List<CoapEndpoint> all() {
    List<CoapEndpoint> all = new ArrayList<>(List.of(plain));
    secure.ifPresent(all::add);
    return all;
  }

  /** Tells {@code observer} about every DTLS handshake on the secure endpoint. */
  void addHandshakeObserver(HandshakeObserver observer) {
    handshakes.add(observer);
  }

  @Override
  public void close() {
    secure.ifPresent(CoapEndpoint::close);
    plain.close();
  }
}
