package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.RandomTokenGenerator;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.core.observe.InMemoryObservationStore;
import org.eclipse.californium.core.observe.ObservationStore;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.UDPConnector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.lwm2m4j.transport.dtls.DtlsConnectors;
import org.lwm2m4j.transport.dtls.DtlsSettings;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles Californium for one {@link CaliforniumEndpoint}: the configuration from {@link
 * CoapSettings}, our stack layers ({@link PeerState}: block-wise limits and deduplication caps),
 * the strict parser, and the connector — a UDP socket, DTLS, or an {@link InMemoryNetwork}.
 */
final class CaliforniumStack {
  private static final Logger LOG = LoggerFactory.getLogger(CaliforniumStack.class);
  /** The socket buffers every endpoint asks for (DTLS ones too), 4 MiB each way. */
  static final int SOCKET_BUFFER_BYTES = 4 << 20;

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private CaliforniumStack() {}

  /**
   * Binds {@code address} (port 0 picks a free port) and starts serving.
   *
   * @throws IOException if the address cannot be bound
   */
  static CaliforniumEndpoint start(InetSocketAddress address, CoapHandler handler, CoapSettings settings)
      throws IOException {
    return start(address, handler, settings, Optional.empty());
  }

  /**
   * Binds {@code address} for CoAP over DTLS ({@code coaps}) when {@code dtls} is present, else
   * plain CoAP, and starts serving. Requests over DTLS carry the peer's authenticated identity.
   *
   * @throws IOException if the address cannot be bound
   */
  static CaliforniumEndpoint start(InetSocketAddress address, CoapHandler handler, CoapSettings settings,
      Optional<DtlsSettings> dtls) throws IOException {
    return start(address, handler, settings, dtls, Optional.empty());
  }

  /**
   * Binds {@code address} (port 0 picks a free one) on the in-memory {@code network} instead of a
   * socket and starts serving plain CoAP there: the same message layer, handler and {@link #send},
   * with datagrams that never leave the process.
   *
   * @throws IOException if the address is bound already on that network
   */
  static CaliforniumEndpoint start(InMemoryNetwork network, InetSocketAddress address, CoapHandler handler,
      CoapSettings settings) throws IOException {
    return start(address, handler, settings, Optional.empty(), Optional.of(network));
  }

  private static CaliforniumEndpoint start(InetSocketAddress address, CoapHandler handler, CoapSettings settings,
      Optional<DtlsSettings> dtls, Optional<InMemoryNetwork> network) throws IOException {
    if (network.isEmpty()) {
      checkFree(address);
      // Scandium's cluster connector, failing to bind its internal channel, reports a NullPointerException instead
      if (dtls.isPresent() && dtls.get().cluster().isPresent()) {
        checkFree(dtls.get().cluster().get().internalAddress());
      }
    }
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(CoapConfig.ACK_TIMEOUT, settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    config.set(CoapConfig.MAX_RETRANSMIT, settings.maxRetransmit());
    // Block-wise bodies (firmware packages, both ways) are assembled up to this size: responses
    // by Californium, requests by our Block1Assembly (see PeerState), which sizes them by the data.
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, settings.maxBodySize());
    // A message remembered for deduplication keeps only what answering a retransmission needs:
    // its serialized response, not the request's payload and options.
    config.set(CoapConfig.USE_MESSAGE_OFFLOADING, true);
    // The kernel's default socket buffer (net.core.rmem_default, 208 KiB) holds only a few hundred
    // datagrams, counted with their kernel overhead: a GC pause or a burst of Registers overflows
    // it, and each request lost there comes back only after the 2-3 s ACK timeout, which is what
    // bounded the default store's registration rate in the benchmark. The kernel caps the request
    // at net.core.rmem_max / wmem_max; a buffer is a limit, not memory taken up front.
    config.set(UdpConfig.UDP_RECEIVE_BUFFER_SIZE, SOCKET_BUFFER_BYTES);
    config.set(UdpConfig.UDP_SEND_BUFFER_SIZE, SOCKET_BUFFER_BYTES);
    if (settings.sharedExecutor().isPresent()) {
      // the socket threads are all an endpoint on a shared executor keeps: one each way at most
      config.set(UdpConfig.UDP_RECEIVER_THREAD_COUNT, 1);
      config.set(UdpConfig.UDP_SENDER_THREAD_COUNT, 1);
    }
    if (dtls.isPresent()) {
      // A peer may handshake again (session expired, the other side restarted) while an
      // observation lives on: Californium's default (STRICT) matches a response or notification
      // only to the session its request went on. The same authenticated identity on a new
      // session is enough, both for a client sending notifications and for a server receiving them.
      config.set(CoapConfig.RESPONSE_MATCHING, CoapConfig.MatcherMode.PRINCIPAL);
    } else if (settings.relaxedResponseMatching()) {
      // Californium's UDP matcher then skips the address check, also for the exchange it makes up
      // for a notification on an observation taken up from its store (BaseMatcher.matchNotifyResponse)
      config.set(CoapConfig.RESPONSE_MATCHING, CoapConfig.MatcherMode.RELAXED);
    }
    RandomTokenGenerator tokens = new RandomTokenGenerator(config);
    ObservationStore cfObservations = new InMemoryObservationStore(config);
    PeerState peerState = PeerState.create(settings, config, tokens);
    org.eclipse.californium.core.network.CoapEndpoint.Builder endpointBuilder = peerState.install(new org.eclipse.californium.core.network.CoapEndpoint.Builder().setConfiguration(config)
        .setTokenGenerator(tokens).setObservationStore(cfObservations)
        .setDataSerializerAndParser(new UdpDataSerializer(),
            new BlockSizeCheckingParser(config.get(CoapConfig.STRICT_EMPTY_MESSAGE_FORMAT))));
    org.eclipse.californium.scandium.DTLSConnector dtlsConnector = null;
    if (dtls.isPresent()) {
      try {
        dtlsConnector = DtlsConnectors.create(address, dtls.get(), config, settings.sharedExecutor());
        endpointBuilder.setConnector(dtlsConnector);
      } catch (RuntimeException e) {
        throw new IOException("cannot set up DTLS on " + address + ": " + e.getMessage(), e);
      }
      if (dtls.get().sessionFile().isPresent()) {
        loadSessions(dtlsConnector, dtls.get().sessionFile().get());
      }
    } else if (network.isPresent()) {
      endpointBuilder.setConnector(new InMemoryConnector(network.get(), address, config.get(UdpConfig.UDP_DATAGRAM_SIZE)));
    } else {
      endpointBuilder.setConnector(peerState.answering(new UDPConnector(address, config)));
    }
    org.eclipse.californium.core.network.CoapEndpoint endpoint = endpointBuilder.build();
    CatchAllResource root = new CatchAllResource(handler);
    CoapServer server = new CoapServer(config) {
      @Override
      protected Resource createRoot() {
        return root;
      }
    };
    // detached: the executor is the caller's, and destroying this server must leave it running for the others
    settings.sharedExecutor().ifPresent(executor -> server.setExecutors(executor, executor, true));
    server.addEndpoint(endpoint);
    try {
      server.start();
    } catch (RuntimeException e) {
      server.destroy();
      throw new IOException("cannot start CoAP on " + address + ": " + e.getMessage(), e);
    }
    return new CaliforniumEndpoint(server, endpoint, root, tokens, Optional.ofNullable(dtlsConnector), dtls, cfObservations,
        peerState);
  }

  /**
   * Fails with a one-line message when {@code address} is taken. Californium would find out too,
   * but logs the bind failure with its stack trace before it throws; a user only needs to know
   * which port is in use.
   */
  private static void checkFree(InetSocketAddress address) throws IOException {
    if (address.getPort() == 0) {
      return;
    }
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(null)) {
      probe.setReuseAddress(false);
      probe.bind(address);
    } catch (java.net.BindException e) {
      throw new java.net.BindException("udp port " + address.getPort() + " on " + address.getHostString()
          + " is in use (another server running?)");
    } catch (java.net.SocketException e) {
      throw new IOException("cannot bind udp " + address.getHostString() + ":" + address.getPort() + ": " + e.getMessage(), e);
    }
  }

  /** Takes up the sessions a clean stop saved; a file that cannot be read costs the peers a handshake, not the start. */
  private static void loadSessions(org.eclipse.californium.scandium.DTLSConnector connector, java.nio.file.Path file) {
    try {
      int loaded = DtlsConnectors.loadSessions(connector, file);
      if (loaded > 0) {
        LOG.info("took up {} DTLS session(s) from {}", loaded, file);
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot take up the DTLS sessions in {} (peers will handshake again): {}", file, e.getMessage());
    }
  }
}
