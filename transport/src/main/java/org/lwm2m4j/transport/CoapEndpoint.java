package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.lwm2m4j.transport.dtls.DtlsSettings;
import org.lwm2m4j.transport.memory.InMemoryNetwork;

/**
 * The transport seam: one CoAP endpoint, i.e. one local address that serves every inbound request
 * through one {@link CoapHandler} and sends requests, observations and pings to peers from that
 * same address. Servers and clients depend on this interface only.
 *
 * <p>Two implementations: the Californium one behind {@link #start} (UDP, DTLS, or datagrams on an
 * {@link InMemoryNetwork}), with CoAP retransmission, deduplication and block-wise transfer; and
 * the message-level twin in {@code org.lwm2m4j.transport.twin} for unit tests on virtual time, which
 * also runs a simulated fleet's devices over one socket ({@code org.lwm2m4j.transport.fleet.FleetNetwork}).
 */
public interface CoapEndpoint extends AutoCloseable {

  /**
   * Binds {@code address} (port 0 picks a free port) for plain CoAP and starts serving.
   *
   * @throws IOException if the address cannot be bound
   */
  static CoapEndpoint start(InetSocketAddress address, CoapHandler handler, CoapSettings settings) throws IOException {
    return CaliforniumStack.start(address, handler, settings);
  }

  /**
   * Binds {@code address} for CoAP over DTLS ({@code coaps}) when {@code dtls} is present, else
   * plain CoAP, and starts serving. Requests over DTLS carry the peer's authenticated identity.
   *
   * @throws IOException if the address cannot be bound or DTLS cannot be set up
   */
  static CoapEndpoint start(InetSocketAddress address, CoapHandler handler, CoapSettings settings,
      Optional<DtlsSettings> dtls) throws IOException {
    return CaliforniumStack.start(address, handler, settings, dtls);
  }

  /**
   * Binds {@code address} (port 0 picks a free one) on the in-memory {@code network} instead of a
   * socket and serves plain CoAP there: the same message layer as over UDP, with datagrams that
   * never leave the process.
   *
   * @throws IOException if the address is bound already on that network
   */
  static CoapEndpoint start(InMemoryNetwork network, InetSocketAddress address, CoapHandler handler,
      CoapSettings settings) throws IOException {
    return CaliforniumStack.start(network, address, handler, settings);
  }

  /** The bound address (with the real port when 0 was asked for). */
  InetSocketAddress address();

  /**
   * Sends {@code request} to {@code request.peer()} as a confirmable message. LwM2M servers reach
   * clients at the address their last Register or Update came from, so requests leave from this
   * endpoint's own address. The future completes with the response, with a {@link
   * java.util.concurrent.TimeoutException} after {@code timeout} (the exchange is then cancelled),
   * or with an {@link IOException} if the message was rejected or could not be sent.
   */
  CompletableFuture<CoapResponse> send(CoapRequest request, Duration timeout);

  /** A fresh random token for an observation from this endpoint; Observe requests must carry one. */
  byte[] newObserveToken();

  /**
   * Sends {@code request} with Observe = 0 and its token (from {@link #newObserveToken}): the
   * future completes with the first response as in {@link #send}; when that response is a success
   * carrying the Observe option, every later notification on the token goes to {@code
   * notifications} (on a transport thread — hand long work off) until {@link #forgetObservation}.
   * A notification older than one already received (RFC 7641 §3.4) is dropped.
   */
  CompletableFuture<CoapResponse> observe(CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications);

  /**
   * Forgets the observation with {@code token}: its notifications are no longer delivered, and the
   * next one is answered with RST so the peer ends it too (passive cancel, RFC 7641 §3.6).
   */
  void forgetObservation(byte[] token);

  /**
   * Takes up an observation this process made before a restart, without sending anything: {@code
   * original} is the Observe request as it was sent, and notifications carrying its token go to
   * {@code notifications} as after {@link #observe}. Over plain UDP they must come from {@code
   * original.peer()} unless the endpoint's settings relax matching ({@link
   * CoapSettings#withRelaxedResponseMatching()}).
   */
  void restoreObservation(CoapRequest original, Consumer<CoapResponse> notifications);

  /**
   * A CoAP ping (RFC 7252 §4.3), which a live peer answers with Reset: completes when it does,
   * with a {@link java.util.concurrent.TimeoutException} after {@code timeout}, or with an {@link
   * IOException} if it cannot be sent.
   */
  CompletableFuture<Void> ping(InetSocketAddress peer, Duration timeout);

  /** Makes the next exchange with each DTLS peer resume its session; nothing on plain CoAP. */
  void resumeSessions();

  /** Makes the next message to {@code peer} start with a DTLS handshake; nothing on plain CoAP. */
  void handshakeNextTime(InetSocketAddress peer);

  /** Forgets every DTLS session, so the next exchange with each peer starts with a full handshake. */
  void forgetSessions();

  /**
   * Tells {@code listener} how far each block-wise body goes (see {@link BlockProgress}), on a
   * transport thread (hand long work off). Endpoints without block-wise transfer (the twin, where
   * a body travels whole) report nothing: the answer to the request is the only sign of delivery.
   */
  default void addBlockProgressListener(Consumer<BlockProgress> listener) {}

  /**
   * The bound address of this endpoint's internal DTLS cluster channel (where the other nodes
   * forward records), when it is a node of a DTLS cluster ({@link
   * org.lwm2m4j.transport.dtls.DtlsSettings#cluster()}); empty otherwise. The cluster membership
   * publishes it for the other nodes' {@link org.lwm2m4j.transport.dtls.DtlsClusterNodes}.
   */
  default Optional<InetSocketAddress> dtlsClusterAddress() {
    return Optional.empty();
  }

  /** Whether this endpoint never touches a socket (an in-memory network or the twin). */
  boolean isInMemory();

  /** Stops serving and releases the address and any threads. */
  @Override
  void close();
}
