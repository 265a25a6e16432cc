package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.TokenGenerator;
import org.eclipse.californium.core.observe.ObservationStore;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.lwm2m4j.transport.dtls.DtlsConnectors;
import org.lwm2m4j.transport.dtls.DtlsSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CoapEndpoint} on Californium: one UDP (or DTLS, or in-memory datagram) address that
 * hands every incoming request to a {@link CoapHandler} and sends requests to peers from the same
 * socket. Californium does the message layer: confirmable retransmission with the configured
 * {@link CoapSettings}, deduplication, block-wise transfer. Nothing outside this package sees it:
 * {@link CaliforniumStack} makes one.
 */
final class CaliforniumEndpoint implements CoapEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(CaliforniumEndpoint.class);

  private final CoapServer server;
  private final org.eclipse.californium.core.network.CoapEndpoint endpoint;

  private final CatchAllResource root;

  private final TokenGenerator tokens;
  /** Where each observation's notifications go, in RFC 7641 order (stale ones are dropped there). */
  private final Map<Token, NotificationOrder> observers = new ConcurrentHashMap<>();

  private final Optional<org.eclipse.californium.scandium.DTLSConnector> dtls;
  /** Where the DTLS sessions are written at close, if they are kept across restarts. */
  private final Optional<java.nio.file.Path> sessionFile;
  private final boolean handshakeAfterTimeout;
  /** Californium's record of our observations, by token: what lets it accept a notification. */
  private final ObservationStore cfObservations;
  /** What peers make this endpoint keep: block-wise bodies in progress, messages remembered. */
  private final PeerState peerState;

  CaliforniumEndpoint(CoapServer server, org.eclipse.californium.core.network.CoapEndpoint endpoint, CatchAllResource root, TokenGenerator tokens,
      Optional<org.eclipse.californium.scandium.DTLSConnector> dtls, Optional<DtlsSettings> dtlsSettings,
      ObservationStore cfObservations, PeerState peerState) {
    this.dtls = dtls;
    this.peerState = peerState;
    this.sessionFile = dtlsSettings.flatMap(DtlsSettings::sessionFile);
    this.handshakeAfterTimeout = dtls.isPresent() && dtlsSettings.map(DtlsSettings::handshakeAfterTimeout).orElse(false);
    if (handshakeAfterTimeout) {
      root.onNotificationTimeout(this::handshakeNextTime);
    }
    this.cfObservations = cfObservations;
    this.server = server;
    this.endpoint = endpoint;
    this.root = root;
    this.tokens = tokens;
    endpoint.addNotificationListener((request, response) -> {
      NotificationOrder observer = observers.get(response.getToken());
      if (observer != null && !observer.offer(CaliforniumMessages.fromCalifornium(response))) {
        LOG.debug("dropped a stale notification (Observe {}) on token {}", response.getOptions().getObserve(), response.getTokenString());
      }
    });
  }

  /**
   * A fresh random token for an observation sent from this endpoint; the caller keeps it to match
   * notifications and to cancel. Observe requests must carry a token made here.
   */
  @Override
  public byte[] newObserveToken() {
    return tokens.createToken(TokenGenerator.Scope.LONG_TERM).getBytes();
  }

  /**
   * Sends {@code request} to {@code request.peer()} from this endpoint's socket — LwM2M servers
   * reach clients at the address their last Register or Update came from — as a confirmable
   * message with CoAP retransmission. The future completes with the response, or with a {@link
   * java.util.concurrent.TimeoutException} after {@code timeout} (the exchange is then cancelled),
   * or with an {@link IOException} if the message was rejected or could not be sent.
   */
  @Override
  public CompletableFuture<CoapResponse> send(CoapRequest request, Duration timeout) {
    return exchange(request, timeout);
  }

  /**
   * Sends {@code request} with Observe = 0 and the request's token (from {@link #newObserveToken}):
   * the future completes with the first response as in {@link #send}; when that response is a
   * success carrying the Observe option, every later notification on the token goes to {@code
   * notifications} (on a transport thread — hand long work off) until {@link #forgetObservation}.
   * A notification older than one already received (RFC 7641 §3.4), the response included, is dropped.
   */
  @Override
  public CompletableFuture<CoapResponse> observe(CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications) {
    if (request.token().length == 0) {
      throw new IllegalArgumentException("an observe request needs a token from newObserveToken()");
    }
    Objects.requireNonNull(notifications, "notifications");
    Token key = new Token(request.token());
    NotificationOrder order = new NotificationOrder(notifications, System::nanoTime);
    observers.put(key, order);
    return exchange(request.withObserve(0, request.token()), timeout).whenComplete((first, failure) -> {
      if (failure != null || !first.code().isSuccess()) {
        forgetObservation(request.token());
      } else {
        first.observe().ifPresent(order::established);
      }
    });
  }

  /**
   * Forgets the observation with {@code token}: its notifications are no longer delivered, and
   * the next one is answered with RST so the peer ends it too (passive cancel, RFC 7641 §3.6).
   */
  @Override
  public void forgetObservation(byte[] token) {
    Token key = new Token(token);
    observers.remove(key);
    try {
      endpoint.cancelObservation(key);
    } catch (IllegalArgumentException e) {
      // a token this endpoint never made (another endpoint's, e.g. an SMS one): Californium refuses
      // those its generator would have made for single requests, and there is nothing to cancel
    }
  }

  /**
   * Takes up an observation this endpoint's process made before a restart, without sending
   * anything: {@code original} is the Observe request as it was sent (its token, peer, method,
   * path, accept and, for Observe-Composite, payload), and notifications carrying its token go to
   * {@code notifications} as after {@link #observe}. Californium accepts a notification only for a
   * token in its observation store, so the request is put there with the peer's address as its
   * endpoint context.
   *
   * <p>Over plain CoAP the client's next notification is simply accepted when it comes from the
   * address the observation was made with, and from any address with {@link
   * CoapSettings#withRelaxedResponseMatching()} (a node behind a UDP load balancer taking over
   * another node's devices). Over DTLS the server
   * lost its sessions in the restart: the client's next notification on its old session is
   * dropped by the DTLS layer, and once the client has handshaken again (LwM2M clients do so when
   * their next exchange fails, e.g. an Update) its notifications match, because the restored
   * context holds only the peer address and no session to compare.
   */
  @Override
  public void restoreObservation(CoapRequest original, Consumer<CoapResponse> notifications) {
    if (original.token().length == 0) {
      throw new IllegalArgumentException("an observation to restore needs its token");
    }
    Objects.requireNonNull(notifications, "notifications");
    Request request = CaliforniumMessages.toCalifornium(original.withObserve(0, original.token()));
    Token key = new Token(original.token());
    observers.put(key, new NotificationOrder(notifications, System::nanoTime));
    cfObservations.put(key, new org.eclipse.californium.core.observe.Observation(request,
        new AddressEndpointContext(original.peer())));
  }

  private CompletableFuture<CoapResponse> exchange(CoapRequest request, Duration timeout) {
    Request outgoing = CaliforniumMessages.toCalifornium(request);
    CompletableFuture<CoapResponse> result = new CompletableFuture<>();
    outgoing.addMessageObserver(new MessageObserverAdapter() {
      @Override
      public void onResponse(Response response) {
        result.complete(CaliforniumMessages.fromCalifornium(response));
      }

      @Override
      public void onReject() {
        result.completeExceptionally(new IOException(request.peer() + " rejected " + request.method() + " " + request.pathText()));
      }

      @Override
      public void onTimeout() {
        result.completeExceptionally(new TimeoutException(request.peer() + " did not answer " + request.method() + " " + request.pathText()));
      }

      @Override
      public void onRetransmission() {
        // called before the retransmission is handed down: it goes out behind the handshake, in the new session
        if (handshakeAfterTimeout) {
          handshakeNextTime(request.peer());
        }
      }

      @Override
      public void onSendError(Throwable error) {
        result.completeExceptionally(sendError(request.peer(), error));
      }
    });
    endpoint.sendRequest(outgoing);
    return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((response, failure) -> {
      if (failure != null) {
        outgoing.cancel();
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (handshakeAfterTimeout && cause instanceof TimeoutException) {
          handshakeNextTime(request.peer());
        }
      }
    });
  }

  /**
   * A CoAP ping (RFC 7252 §4.3): an empty confirmable message, which a live peer answers with
   * Reset. The future completes when it does, with a {@link TimeoutException} after {@code
   * timeout}, or with an {@link IOException} if it cannot be sent. Over DTLS the ping goes behind
   * any handshake the channel must make first (see {@link #handshakeNextTime}), which makes it the
   * lightest way to learn, before sending anything that matters, whether the peer still knows the
   * session.
   */
  @Override
  public CompletableFuture<Void> ping(InetSocketAddress peer, Duration timeout) {
    Request ping = Request.newPing();
    ping.setToken(Token.EMPTY);
    ping.setDestinationContext(new AddressEndpointContext(peer));
    CompletableFuture<Void> result = new CompletableFuture<>();
    ping.addMessageObserver(new MessageObserverAdapter() {
      @Override
      public void onReject() {
        result.complete(null);
      }

      @Override
      public void onResponse(Response response) {
        result.complete(null);
      }

      @Override
      public void onTimeout() {
        result.completeExceptionally(new TimeoutException(peer + " did not answer a ping"));
      }

      @Override
      public void onSendError(Throwable error) {
        result.completeExceptionally(sendError(peer, error));
      }
    });
    endpoint.sendRequest(ping);
    return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
      if (failure != null) {
        ping.cancel();
      }
    });
  }

  /** Why a message to {@code peer} could not go: a failed DTLS handshake is typed and says why it failed. */
  private static IOException sendError(InetSocketAddress peer, Throwable error) {
    Optional<String> handshake = DtlsConnectors.handshakeFailure(error);
    if (handshake.isPresent()) {
      return new DtlsHandshakeFailedException(peer, handshake.get(), error);
    }
    String where = peer.getHostString() + ":" + peer.getPort();
    return new IOException("cannot send to " + where + ": " + (error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName()), error);
  }

  /**
   * Makes the next exchange with each DTLS peer resume its session with an abbreviated handshake
   * (no key exchange) — what a client does after a long sleep. Does nothing on plain CoAP.
   */
  @Override
  public void resumeSessions() {
    dtls.ifPresent(connector -> connector.forceResumeAllSessions());
  }

  /**
   * Makes the next message to {@code peer} start with a handshake: a resumption, which becomes a
   * full handshake when the peer no longer knows the session (a server restarted without its
   * sessions). Does nothing on plain CoAP.
   */
  @Override
  public void handshakeNextTime(InetSocketAddress peer) {
    dtls.ifPresent(connector -> {
      LOG.debug("{} did not answer: the next message to it starts with a handshake", peer);
      connector.forceResumeSessionFor(peer);
    });
  }

  /** Forgets every DTLS session, so the next exchange with each peer starts with a full handshake. */
  @Override
  public void forgetSessions() {
    dtls.ifPresent(connector -> connector.clearConnectionState());
  }

  /** The state peers make this endpoint keep, for tests to see it stays bounded. */
  @Override
  public void addBlockProgressListener(java.util.function.Consumer<BlockProgress> listener) {
    peerState.progress().addListener(listener);
  }

  PeerState peerState() {
    return peerState;
  }

  /** The state peers make {@code endpoint} keep; for tests of the Californium endpoint only. */
  static PeerState peerStateOf(CoapEndpoint endpoint) {
    return ((CaliforniumEndpoint) endpoint).peerState();
  }

  /** The bound address (with the real port when 0 was asked for). */
  @Override
  public InetSocketAddress address() {
    return endpoint.getAddress();
  }

  @Override
  public Optional<InetSocketAddress> dtlsClusterAddress() {
    return dtls.flatMap(DtlsConnectors::clusterAddressOf);
  }

  /** Whether this endpoint runs on an in-memory network (no socket, and so no DTLS beside it). */
  @Override
  public boolean isInMemory() {
    return endpoint.getConnector() instanceof InMemoryConnector;
  }

  /**
   * Stops serving and releases the socket and threads. With a DTLS session file, the sessions are
   * written to it first (after the connector stopped, so none changes afterwards).
   */
  @Override
  public void close() {
    root.close();
    // stopped first, a server is destroyed at once: a running one waits up to 2 s for the
    // retransmission timers of exchanges that can no longer matter (the process is ending)
    server.stop();
    if (dtls.isPresent() && sessionFile.isPresent()) {
      try {
        int saved = DtlsConnectors.saveSessions(dtls.get(), sessionFile.get());
        LOG.info("kept {} DTLS session(s) in {} for the next start", saved, sessionFile.get());
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot keep the DTLS sessions in {} (peers will handshake again): {}", sessionFile.get(), e.getMessage());
      }
    }
    server.destroy();
  }

}
