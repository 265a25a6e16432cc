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
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * The CoAP endpoints of a server: the plain one, made by the builder's {@link CoapEndpointFactory}
 * (a socket, an in-memory network or the twin), the DTLS one on a socket when the server has a
 * {@code coaps} address, and the SMS one when it has an SMS number; all serve inbound requests
 * through one handler. Closed with the server.
 */
final class ServerEndpoints implements AutoCloseable {
  private final CoapEndpoint plain;
  private final Optional<CoapEndpoint> secure;
  private final Optional<CoapEndpoint> sms;
  private final List<HandshakeObserver> handshakes;

  private ServerEndpoints(CoapEndpoint plain, Optional<CoapEndpoint> secure, Optional<CoapEndpoint> sms,
      List<HandshakeObserver> handshakes) {
    this.plain = plain;
    this.secure = secure;
    this.sms = sms;
    this.handshakes = handshakes;
  }

  /** The server's SMS number and the SMS transport that binds it. */
  record SmsBinding(String number, CoapEndpointFactory transport) {}

  /**
   * Binds the plain endpoint at {@code address} through {@code transport} and, when {@code
   * coapsAddress} is present, the DTLS one presenting {@code identity} and checking clients against
   * {@code credentials}, and when {@code sms} is present the SMS one at its number.
   *
   * @throws IOException if an address cannot be bound (nothing stays bound then)
   */
  static ServerEndpoints bind(CoapEndpointFactory transport, InetSocketAddress address, Optional<InetSocketAddress> coapsAddress,
      CoapSettings settings, ServerDtlsIdentity identity, SecurityStore credentials, Optional<java.nio.file.Path> dtlsSessionFile,
      Optional<org.lwm2m4j.transport.dtls.DtlsClusterSettings> dtlsCluster, Optional<SmsBinding> sms, CoapHandler handler)
      throws IOException {
    List<HandshakeObserver> handshakes = new CopyOnWriteArrayList<>();
    CoapEndpoint plain = transport.bind(address, handler);
    Optional<CoapEndpoint> secure = Optional.empty();
    try {
      if (coapsAddress.isPresent()) {
        secure = Optional.of(CoapEndpoint.start(coapsAddress.get(), handler, settings, Optional.of(identity.settings(credentials,
            (resumed, failure) -> handshakes.forEach(o -> o.finished(resumed, failure)), dtlsSessionFile, dtlsCluster))));
      }
      Optional<CoapEndpoint> smsEndpoint = Optional.empty();
      if (sms.isPresent()) {
        smsEndpoint = Optional.of(sms.get().transport().bind(SmsAddress.of(sms.get().number()), handler));
      }
      return new ServerEndpoints(plain, secure, smsEndpoint, handshakes);
    } catch (IOException | RuntimeException e) {
      secure.ifPresent(CoapEndpoint::close);
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

  /** The endpoint that sends and receives CoAP over SMS, if the server has an SMS number. */
  Optional<CoapEndpoint> sms() {
    return sms;
  }

  /** Every endpoint, the plain one first. */
  List<CoapEndpoint> all() {
    List<CoapEndpoint> all = new ArrayList<>(List.of(plain));
    secure.ifPresent(all::add);
    sms.ifPresent(all::add);
    return all;
  }

  /** Tells {@code observer} about every DTLS handshake on the secure endpoint. */
  void addHandshakeObserver(HandshakeObserver observer) {
    handshakes.add(observer);
  }

  @Override
  public void close() {
    sms.ifPresent(CoapEndpoint::close);
    secure.ifPresent(CoapEndpoint::close);
    plain.close();
  }
}
