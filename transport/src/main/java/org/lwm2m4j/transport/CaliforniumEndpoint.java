package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.network.RandomTokenGenerator;
import org.eclipse.californium.core.network.TokenGenerator;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.core.observe.InMemoryObservationStore;
import org.eclipse.californium.core.observe.ObservationStore;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.dtls.DtlsConnectors;
import org.lwm2m4j.transport.dtls.DtlsSettings;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CoapEndpoint} on Californium: one UDP (or DTLS, or in-memory datagram) address that
 * hands every incoming request to a {@link CoapHandler} and sends requests to peers from the same
 * socket. Californium does the message layer: confirmable retransmission with the configured
 * {@link CoapSettings}, deduplication, block-wise transfer. Nothing outside this package sees it:
 * {@link CoapEndpoint#start} makes one.
 */
final class CaliforniumEndpoint implements CoapEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(CaliforniumEndpoint.class);

  static {
    CoapConfig.register();
    UdpConfig.register();
  }

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

  private CaliforniumEndpoint(CoapServer server, org.eclipse.californium.core.network.CoapEndpoint endpoint, CatchAllResource root, TokenGenerator tokens,
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
      if (observer != null && !observer.offer(fromCalifornium(response))) {
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
    Configuration config = Configuration.createStandardWithoutFile();
    config.set(CoapConfig.ACK_TIMEOUT, settings.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
    config.set(CoapConfig.MAX_RETRANSMIT, settings.maxRetransmit());
    // Block-wise bodies (firmware packages, both ways) are assembled up to this size: responses
    // by Californium, requests by our Block1Assembly (see PeerState), which sizes them by the data.
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, settings.maxBodySize());
    // A message remembered for deduplication keeps only what answering a retransmission needs:
    // its serialized response, not the request's payload and options.
    config.set(CoapConfig.USE_MESSAGE_OFFLOADING, true);
    if (dtls.isPresent()) {
      // A peer may handshake again (session expired, the other side restarted) while an
      // observation lives on: Californium's default (STRICT) matches a response or notification
      // only to the session its request went on. The same authenticated identity on a new
      // session is enough, both for a client sending notifications and for a server receiving them.
      config.set(CoapConfig.RESPONSE_MATCHING, CoapConfig.MatcherMode.PRINCIPAL);
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
        dtlsConnector = DtlsConnectors.create(address, dtls.get(), config);
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
      endpointBuilder.setInetSocketAddress(address);
    }
    org.eclipse.californium.core.network.CoapEndpoint endpoint = endpointBuilder.build();
    CatchAllResource root = new CatchAllResource(handler);
    CoapServer server = new CoapServer(config) {
      @Override
      protected Resource createRoot() {
        return root;
      }
    };
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
    endpoint.cancelObservation(key);
  }

  /**
   * Takes up an observation this endpoint's process made before a restart, without sending
   * anything: {@code original} is the Observe request as it was sent (its token, peer, method,
   * path, accept and, for Observe-Composite, payload), and notifications carrying its token go to
   * {@code notifications} as after {@link #observe}. Californium accepts a notification only for a
   * token in its observation store, so the request is put there with the peer's address as its
   * endpoint context.
   *
   * <p>Over plain CoAP the client's next notification is simply accepted. Over DTLS the server
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
    Request request = toCalifornium(original.withObserve(0, original.token()));
    Token key = new Token(original.token());
    observers.put(key, new NotificationOrder(notifications, System::nanoTime));
    cfObservations.put(key, new org.eclipse.californium.core.observe.Observation(request,
        new AddressEndpointContext(original.peer())));
  }

  private static Request toCalifornium(CoapRequest request) {
    Request outgoing = new Request(code(request.method()), CoAP.Type.CON);
    if (!request.path().isEmpty()) {
      outgoing.getOptions().setUriPath(String.join("/", request.path()));
    }
    for (String query : request.query()) {
      outgoing.getOptions().addUriQuery(query);
    }
    request.contentFormat().ifPresent(format -> outgoing.getOptions().setContentFormat(format));
    request.accept().ifPresent(format -> outgoing.getOptions().setAccept(format));
    request.observe().ifPresent(value -> outgoing.getOptions().setObserve(value));
    if (request.token().length > 0) {
      outgoing.setToken(request.token());
    }
    if (request.payload().length > 0) {
      outgoing.setPayload(request.payload());
    }
    outgoing.setDestinationContext(new AddressEndpointContext(request.peer()));
    return outgoing;
  }

  private CompletableFuture<CoapResponse> exchange(CoapRequest request, Duration timeout) {
    Request outgoing = toCalifornium(request);
    CompletableFuture<CoapResponse> result = new CompletableFuture<>();
    outgoing.addMessageObserver(new MessageObserverAdapter() {
      @Override
      public void onResponse(Response response) {
        result.complete(fromCalifornium(response));
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
      public void onSendError(Throwable error) {
        result.completeExceptionally(new IOException("cannot send to " + request.peer() + ": " + error.getMessage(), error));
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

  private static CoapResponse fromCalifornium(Response response) {
    ResponseCode code = ResponseCode.fromValue(response.getCode().value).orElse(ResponseCode.INTERNAL_SERVER_ERROR);
    OptionalInt format = response.getOptions().hasContentFormat() ? OptionalInt.of(response.getOptions().getContentFormat()) : OptionalInt.empty();
    byte[] payload = response.getPayload() == null ? new byte[0] : response.getPayload();
    OptionalInt observe = response.getOptions().hasObserve() ? OptionalInt.of(response.getOptions().getObserve()) : OptionalInt.empty();
    return new CoapResponse(code, format, response.getOptions().getLocationPath(), payload, observe);
  }

  private static CoAP.Code code(CoapMethod method) {
    return switch (method) {
      case GET -> CoAP.Code.GET;
      case POST -> CoAP.Code.POST;
      case PUT -> CoAP.Code.PUT;
      case DELETE -> CoAP.Code.DELETE;
      case FETCH -> CoAP.Code.FETCH;
      case PATCH -> CoAP.Code.PATCH;
      case IPATCH -> CoAP.Code.IPATCH;
    };
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
        result.completeExceptionally(new IOException("cannot ping " + peer + ": " + error.getMessage(), error));
      }
    });
    endpoint.sendRequest(ping);
    return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> {
      if (failure != null) {
        ping.cancel();
      }
    });
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
    if (dtls.isPresent() && sessionFile.isPresent()) {
      server.stop();
      try {
        int saved = DtlsConnectors.saveSessions(dtls.get(), sessionFile.get());
        LOG.info("kept {} DTLS session(s) in {} for the next start", saved, sessionFile.get());
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot keep the DTLS sessions in {} (peers will handshake again): {}", sessionFile.get(), e.getMessage());
      }
    }
    server.destroy();
  }

  /**
   * The one resource behind every path: Californium's deliverer walks the Uri-Path through {@link
   * #getChild}, which always answers this resource, so LwM2M paths reach our handler unchanged
   * and Californium's observe machinery (relations, sequence numbers, RST cancel) still applies.
   */
  private static final class CatchAllResource extends CoapResource {
    private final CoapHandler handler;
    private final Map<org.eclipse.californium.core.observe.ObserveRelation, Relation> relations = new ConcurrentHashMap<>();
    private volatile Consumer<InetSocketAddress> notificationTimeout = peer -> { };

    CatchAllResource(CoapHandler handler) {
      super("");
      this.handler = handler;
      setObservable(true);
      setVisible(false);
    }

    @Override
    public Resource getChild(String name) {
      return this;
    }

    @Override
    public void handleRequest(Exchange exchange) {
      org.eclipse.californium.core.observe.ObserveRelation cfRelation = exchange.getRelation();
      if (cfRelation != null && cfRelation.isEstablished()) {
        Relation relation = relations.get(cfRelation);
        Response next = relation == null ? null : relation.takePending();
        if (next != null) {
          new CoapExchange(exchange, this).respond(next);
        }
        return;
      }
      Request request = exchange.getRequest();
      CoapMethod method = method(request.getCode());
      if (method == null) {
        exchange.sendResponse(new Response(CoAP.ResponseCode.METHOD_NOT_ALLOWED));
        return;
      }
      OptionalInt observe = request.getOptions().hasObserve() ? OptionalInt.of(request.getOptions().getObserve()) : OptionalInt.empty();
      List<String> path = new java.util.ArrayList<>(request.getOptions().getUriPath());
      path.removeIf(String::isEmpty);
      CoapRequest ours = new CoapRequest(method, path, request.getOptions().getUriQuery(),
          request.getOptions().hasContentFormat() ? OptionalInt.of(request.getOptions().getContentFormat()) : OptionalInt.empty(),
          request.getOptions().hasAccept() ? OptionalInt.of(request.getOptions().getAccept()) : OptionalInt.empty(),
          request.getPayload() == null ? new byte[0] : request.getPayload(),
          request.getSourceContext().getPeerAddress(), observe, request.getTokenBytes(),
          DtlsConnectors.identityOf(request.getSourceContext().getPeerIdentity()));
      CompletableFuture<CoapResponse> response;
      Relation relation = null;
      try {
        if (cfRelation != null) {
          relation = new Relation(this, cfRelation, ours.peer(), ours.token());
          relations.put(cfRelation, relation);
          response = handler.observe(ours, relation);
        } else {
          response = handler.handle(ours);
        }
      } catch (RuntimeException e) {
        response = CompletableFuture.failedFuture(e);
      }
      Relation created = relation;
      response.whenComplete((answer, failure) -> {
        Response outgoing = toCalifornium(answer, failure, ours);
        if (created != null && !outgoing.isSuccess()) {
          relations.remove(cfRelation);
          created.ended();
        }
        new CoapExchange(exchange, this).respond(outgoing);
      });
    }

    @Override
    public void removeObserveRelation(org.eclipse.californium.core.observe.ObserveRelation cfRelation) {
      super.removeObserveRelation(cfRelation);
      Relation relation = relations.remove(cfRelation);
      if (relation != null) {
        relation.ended();
      }
    }

    /** Who hears of a confirmable notification that went unacknowledged, with the observer's address. */
    void onNotificationTimeout(Consumer<InetSocketAddress> listener) {
      this.notificationTimeout = listener;
    }

    void notificationTimedOut(InetSocketAddress peer) {
      notificationTimeout.accept(peer);
    }

    void close() {
      for (Relation relation : relations.values()) {
        relation.ended();
      }
      relations.clear();
    }
  }

  /** Our view of one Californium observe relation. */
  private static final class Relation implements ObserveRelation {
    private final CatchAllResource resource;
    private final org.eclipse.californium.core.observe.ObserveRelation cfRelation;
    private final InetSocketAddress peer;
    private final byte[] token;
    private final AtomicReference<Response> pending = new AtomicReference<>();
    private final List<Runnable> cancelListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean active = new AtomicBoolean(true);

    Relation(CatchAllResource resource, org.eclipse.californium.core.observe.ObserveRelation cfRelation, InetSocketAddress peer, byte[] token) {
      this.resource = resource;
      this.cfRelation = cfRelation;
      this.peer = peer;
      this.token = token.clone();
    }

    @Override
    public InetSocketAddress peer() {
      return peer;
    }

    @Override
    public byte[] token() {
      return token.clone();
    }

    @Override
    public void notify(CoapResponse notification, boolean confirmable) {
      if (!active.get()) {
        return;
      }
      Response response = toCalifornium(notification, null, null);
      response.setType(confirmable ? CoAP.Type.CON : CoAP.Type.NON);
      if (confirmable) {
        response.addMessageObserver(new MessageObserverAdapter() {
          @Override
          public void onTimeout() {
            resource.notificationTimedOut(peer);
          }
        });
      }
      pending.set(response);
      resource.changed(candidate -> candidate == cfRelation);
    }

    Response takePending() {
      return pending.getAndSet(null);
    }

    @Override
    public void onCancel(Runnable listener) {
      cancelListeners.add(listener);
      if (!active.get()) {
        listener.run();
      }
    }

    @Override
    public boolean isActive() {
      return active.get();
    }

    @Override
    public void cancel() {
      cfRelation.cancel();
      ended();
    }

    void ended() {
      if (active.compareAndSet(true, false)) {
        for (Runnable listener : cancelListeners) {
          try {
            listener.run();
          } catch (RuntimeException e) {
            LOG.warn("observe cancel listener failed", e);
          }
        }
      }
    }
  }

  private static Response toCalifornium(CoapResponse answer, Throwable failure, CoapRequest request) {
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (cause instanceof LwM2mException lwm2m) {
        answer = CoapResponse.error(lwm2m);
      } else {
        // the path is the peer's text and this library's users bring their own log format: escape it here
        LOG.warn("{} {} from {} failed", request.method(), PrintableText.escape(request.pathText()), request.peer(), cause);
        answer = CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR);
      }
    }
    Response response = new Response(CoAP.ResponseCode.valueOf(answer.code().value()));
    answer.contentFormat().ifPresent(format -> response.getOptions().setContentFormat(format));
    List<String> location = answer.locationPath();
    if (!location.isEmpty()) {
      response.getOptions().setLocationPath(String.join("/", location));
    }
    if (answer.payload().length > 0) {
      response.setPayload(answer.payload());
    }
    return response;
  }

  private static CoapMethod method(CoAP.Code code) {
    if (code == null) {
      return null;
    }
    return switch (code) {
      case GET -> CoapMethod.GET;
      case POST -> CoapMethod.POST;
      case PUT -> CoapMethod.PUT;
      case DELETE -> CoapMethod.DELETE;
      case FETCH -> CoapMethod.FETCH;
      case PATCH -> CoapMethod.PATCH;
      case IPATCH -> CoapMethod.IPATCH;
      default -> null;
    };
  }
}
