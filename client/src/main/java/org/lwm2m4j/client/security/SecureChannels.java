package org.lwm2m4j.client.security;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.dtls.DtlsSettings;
import org.lwm2m4j.transport.dtls.HandshakeObserver;

/**
 * The client's channels: plain {@code coap://} servers share one endpoint; each {@code coaps://}
 * server gets a DTLS endpoint of its own, set up from the credentials in its Security instance, so
 * that every server has its own secure session and the client keeps no credentials mixed. Each
 * full handshake on a server's channel counts as a new security context, which the registration
 * engine answers with a Register.
 *
 * <p>Made before the parts that use it and {@link #open opened} once the client's inbound handler
 * exists: the registration engine and the bootstrap client send through these channels, and the
 * handler that serves them routes to those same parts. A client with an {@link SmsTransport} also
 * has an SMS endpoint at its own number, for servers reached by SMS. The plain endpoint comes from the
 * client's {@link CoapEndpointFactory} (a socket, an in-memory network or the twin); DTLS ones
 * always bind sockets. Thread-safe.
 */
public final class SecureChannels implements AutoCloseable {
  private final CoapEndpointFactory transport;
  private final InetSocketAddress plainAddress;
  private final CoapSettings settings;
  private final InetAddress localAddress;
  private volatile CoapEndpoint plain;
  private volatile CoapHandler handler;
  private final Optional<SmsTransport> smsTransport;
  private volatile Optional<CoapEndpoint> sms = Optional.empty();
  private final Map<Integer, CoapEndpoint> secure = new ConcurrentHashMap<>();
  /** Per Short Server ID, the number of its channel's current security context (unique across channels). */
  private final Map<Integer, Long> contexts = new ConcurrentHashMap<>();
  private final AtomicLong lastContext = new AtomicLong();
  private final List<IntConsumer> contextListeners = new CopyOnWriteArrayList<>();

  /**
   * @param transport makes the plain endpoint
   * @param localAddress where the plain endpoint binds; DTLS endpoints bind its host, each on a free port
   * @param settings the CoAP settings of the DTLS endpoints
   */
  public SecureChannels(CoapEndpointFactory transport, InetSocketAddress localAddress, CoapSettings settings) {
    this(transport, localAddress, settings, Optional.empty());
  }

  /**
   * As {@link #SecureChannels(CoapEndpointFactory, InetSocketAddress, CoapSettings)}, with an SMS
   * endpoint too when {@code sms} is present, bound at the client's own number.
   */
  public SecureChannels(CoapEndpointFactory transport, InetSocketAddress localAddress, CoapSettings settings,
      Optional<SmsTransport> sms) {
    this.smsTransport = Objects.requireNonNull(sms, "sms");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.plainAddress = Objects.requireNonNull(localAddress, "localAddress");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.localAddress = localAddress.getAddress();
  }

  /**
   * Binds the plain endpoint and the SMS one if there is one, serving inbound requests with {@code
   * handler}, which every DTLS endpoint opened later serves with too. Call once.
   *
   * @return the plain endpoint (its owner closes it; {@link #close()} does not)
   * @throws IOException if the local address cannot be bound
   */
  public synchronized CoapEndpoint open(CoapHandler handler) throws IOException {
    if (plain != null) {
      throw new IllegalStateException("the client's channels are open already");
    }
    this.handler = Objects.requireNonNull(handler, "handler");
    this.plain = transport.bind(plainAddress, handler);
    if (smsTransport.isPresent()) {
      try {
        this.sms = Optional.of(smsTransport.get().transport().bind(smsTransport.get().address(), handler));
      } catch (IOException | RuntimeException e) {
        plain.close();
        throw e;
      }
    }
    return plain;
  }

  /** The client's own SMS number, when it has an SMS transport. */
  public Optional<String> ownSmsNumber() {
    return smsTransport.map(SmsTransport::ownNumber);
  }

  /**
   * The SMS endpoint, for a server whose traffic goes by SMS.
   *
   * @throws IllegalStateException if the client has no SMS transport or the channels are not open yet
   */
  public CoapEndpoint smsEndpoint(int shortServerId) {
    if (smsTransport.isEmpty()) {
      throw new IllegalStateException("server " + shortServerId + " is reached by SMS, but this client has no SMS transport "
          + "(give it one with LwM2mClient.builder(...).sms(ownNumber, transport))");
    }
    return sms.orElseThrow(() -> new IllegalStateException("the client's channels are not open yet"));
  }

  /**
   * The endpoint to reach the server with {@code shortServerId} at {@code uri} through, opened
   * with {@code credentials} if needed: the shared plain one for {@code coap://}, the server's own
   * DTLS one for {@code coaps://}.
   *
   * @throws IllegalStateException if the channel cannot be opened (bad credentials, no port, an
   *     in-memory plain endpoint) or the channels are not open yet
   */
  public CoapEndpoint endpointFor(int shortServerId, URI uri, ClientCredentials credentials) {
    if (plain == null) {
      throw new IllegalStateException("the client's channels are not open yet");
    }
    if (!"coaps".equals(uri.getScheme())) {
      if (!(credentials instanceof ClientCredentials.NoSec)) {
        throw new IllegalStateException("a coap:// server must use Security Mode 3 (NoSec), not " + credentials.securityMode());
      }
      return plain;
    }
    if (plain.isInMemory()) {
      throw new IllegalStateException("cannot open DTLS to " + uri + ": this client runs on an in-memory network, "
          + "where only coap:// servers are reachable");
    }
    return secure.computeIfAbsent(shortServerId, ssid -> open(ssid, uri, credentials));
  }

  /**
   * The security context the channel to server {@code shortServerId} is in: a number that changes
   * with each full DTLS handshake (a new security context) and stays the same across resumed
   * sessions; 0 for plain CoAP.
   */
  public long securityContext(int shortServerId) {
    return contexts.getOrDefault(shortServerId, 0L);
  }

  /**
   * Tells {@code listener} the Short Server ID of each server with which a full DTLS handshake has
   * just completed. Called on a DTLS thread: hand the work off.
   */
  public void onNewSecurityContext(IntConsumer listener) {
    contextListeners.add(listener);
  }

  private CoapEndpoint open(int shortServerId, URI uri, ClientCredentials credentials) {
    HandshakeObserver handshakes = (resumed, failure) -> {
      if (!resumed && failure.isEmpty()) {
        contexts.put(shortServerId, lastContext.incrementAndGet());
        contextListeners.forEach(listener -> listener.accept(shortServerId));
      }
    };
    try {
      return CoapEndpoint.start(new InetSocketAddress(localAddress, 0), handler, settings,
          Optional.of(dtls(credentials, handshakes)));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot open DTLS to " + uri + ": " + e.getMessage(), e);
    }
  }

  /**
   * The DTLS settings for {@code credentials}: offering only the CCM-8 suites, supporting Connection
   * ID, and handshaking again after a message went unanswered — a server that restarted without
   * its sessions drops our records in silence, and a handshake is what gets through to it again.
   * {@code handshakes} hears of every handshake.
   */
  static DtlsSettings dtls(ClientCredentials credentials, HandshakeObserver handshakes) {
    DtlsSettings.Builder builder = DtlsSettings.builder().connectionIdLength(0).handshakeAfterTimeout(true)
        .handshakeObserver(handshakes);
    if (credentials instanceof ClientCredentials.Psk psk) {
      builder.psk(psk.identity(), psk.key());
    } else if (credentials instanceof ClientCredentials.Rpk rpk) {
      builder.rawPublicKey(rpk.privateKey(), rpk.publicKey()).trustKey(rpk.serverPublicKey());
    } else if (credentials instanceof ClientCredentials.X509 x509) {
      // Usage 3 (domain-issued) pins the server's own certificate and skips the name check (security.md §4).
      builder.certificate(x509.privateKey(), x509.chain()).trustCertificates(List.of(x509.serverCertificate()))
          .verifyServerSubject(x509.certificateUsage() != 3);
    } else {
      throw new IllegalArgumentException("a coaps:// server needs PSK, RPK or X.509 credentials (Security Mode 0, 1 or 2)");
    }
    return builder.build();
  }

  /** Closes the channel of a server that is gone (the shared plain endpoint stays). */
  public void release(int shortServerId) {
    CoapEndpoint channel = secure.remove(shortServerId);
    contexts.remove(shortServerId);
    if (channel != null) {
      channel.close();
    }
  }

  /** Closes every secure channel and the SMS one (not the shared plain one). */
  @Override
  public void close() {
    secure.values().forEach(CoapEndpoint::close);
    secure.clear();
    sms.ifPresent(CoapEndpoint::close);
  }
}
