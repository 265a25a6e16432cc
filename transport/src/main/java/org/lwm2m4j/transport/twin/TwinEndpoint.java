package org.lwm2m4j.transport.twin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.NotificationOrder;
import org.lwm2m4j.transport.dtls.PeerIdentity;
import org.lwm2m4j.transport.twin.TwinDatagram.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link CoapEndpoint} of a {@link TwinNetwork}: the contract of the Californium endpoint at
 * message level, on the network's scheduler. Requests are CON with retransmission; responses are
 * piggybacked on the ACK; the receiver deduplicates; observations, notifications, pings and
 * Reset work as in RFC 7252 and RFC 7641. No block-wise transfer (a body travels whole) and no
 * DTLS (the session controls do nothing; the identity given at bind rides on every message).
 */
final class TwinEndpoint implements CoapEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(TwinEndpoint.class);

  private final TwinCarrier network;
  private final Scheduler scheduler;
  private final InetSocketAddress address;
  /** The address peers see this endpoint's own requests and notifications come from. */
  private final InetSocketAddress source;
  private final CoapHandler handler;
  private final Optional<PeerIdentity> identity;
  private final int maxRetransmit;
  private final Duration exchangeLifetime;
  private final ReceivedMessages received;
  private final Map<MessageKey, Outgoing> outgoing = new LinkedHashMap<>();
  private final ServedRelations relations = new ServedRelations();
  private final Observations observations;
  private int nextMessageId;
  private boolean closed;

  /** What waits for the ACK or Reset answering a message this endpoint sent. */
  private interface Outgoing {
    void answered(TwinDatagram answer);

    void closed();
  }

  TwinEndpoint(TwinCarrier network, InetSocketAddress address, InetSocketAddress source, CoapHandler handler,
      Optional<PeerIdentity> identity, int firstMessageId) {
    this.network = network;
    this.scheduler = network.scheduler();
    this.address = address;
    this.source = source;
    this.handler = Objects.requireNonNull(handler, "handler");
    this.identity = identity;
    this.maxRetransmit = network.settings().maxRetransmit();
    this.exchangeLifetime = TwinNetwork.exchangeLifetime(network.settings());
    this.received = new ReceivedMessages(scheduler, exchangeLifetime);
    this.observations = new Observations(scheduler);
    this.nextMessageId = firstMessageId;
  }

  @Override
  public InetSocketAddress address() {
    return address;
  }

  InetSocketAddress source() {
    return source;
  }

  @Override
  public CompletableFuture<CoapResponse> send(CoapRequest request, Duration timeout) {
    byte[] token = request.token().length > 0 ? request.token() : network.randomBytes(8);
    return exchange(request, token, timeout);
  }

  @Override
  public byte[] newObserveToken() {
    return network.randomBytes(8);
  }

  @Override
  public CompletableFuture<CoapResponse> observe(CoapRequest request, Duration timeout, Consumer<CoapResponse> notifications) {
    if (request.token().length == 0) {
      throw new IllegalArgumentException("an observe request needs a token from newObserveToken()");
    }
    NotificationOrder order = observations.hold(request.token(), Objects.requireNonNull(notifications, "notifications"));
    return exchange(request.withObserve(0, request.token()), request.token(), timeout).whenComplete((first, failure) -> {
      if (failure != null || !first.code().isSuccess() || first.observe().isEmpty()) {
        observations.release(request.token(), order);
      } else {
        order.established(first.observe().getAsInt());
      }
    });
  }

  @Override
  public void forgetObservation(byte[] token) {
    observations.forget(token);
  }

  @Override
  public void restoreObservation(CoapRequest original, Consumer<CoapResponse> notifications) {
    if (original.token().length == 0) {
      throw new IllegalArgumentException("an observation to restore needs the token it was made with");
    }
    observations.hold(original.token(), Objects.requireNonNull(notifications, "notifications"));
  }

  @Override
  public CompletableFuture<Void> ping(InetSocketAddress peer, Duration timeout) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    TwinDatagram ping = new TwinDatagram(Type.CON, messageId(), new byte[0], source, peer, identity, Optional.empty(), Optional.empty(), 1);
    confirm(ping, result, new Outgoing() {
      @Override
      public void answered(TwinDatagram answer) {
        result.complete(null);
      }

      @Override
      public void closed() {
        result.completeExceptionally(closedFailure());
      }
    }, why -> new IOException("cannot ping " + peer + ": " + why), () -> peer + " did not answer a ping");
    return scheduler.timeout(result, timeout, () -> peer + " did not answer a ping");
  }

  private CompletableFuture<CoapResponse> exchange(CoapRequest request, byte[] token, Duration timeout) {
    CompletableFuture<CoapResponse> result = new CompletableFuture<>();
    // built only when needed: most exchanges are answered, and a fleet makes 100,000s of them
    Supplier<String> what = () -> request.peer() + " did not answer " + request.method() + " " + request.pathText();
    TwinDatagram message = new TwinDatagram(Type.CON, messageId(), token, source, request.peer(), identity,
        Optional.of(request), Optional.empty(), 1);
    confirm(message, result, new Outgoing() {
      @Override
      public void answered(TwinDatagram answer) {
        if (answer.type() == Type.RST) {
          result.completeExceptionally(new IOException(request.peer() + " rejected " + request.method() + " " + request.pathText()));
        } else {
          answer.response().ifPresent(response -> result.complete(response.from(answer.from())));
        }
      }

      @Override
      public void closed() {
        result.completeExceptionally(closedFailure());
      }
    }, why -> new IOException("cannot send " + request.method() + " " + request.pathText() + " to " + request.peer()
        + ": " + why), what);
    return scheduler.timeout(result, timeout, what);
  }

  /**
   * Sends the confirmable {@code message} with retransmission until {@code waiter} has its answer
   * or {@code result} completes otherwise (timeout, unreachable peer, close).
   */
  private void confirm(TwinDatagram message, CompletableFuture<?> result, Outgoing waiter,
      Function<String, IOException> undeliverable, Supplier<String> what) {
    MessageKey key = new MessageKey(message.to(), message.messageId());
    Retransmission retransmission = new Retransmission(scheduler, network.initialTimeout(), maxRetransmit,
        attempt -> transmit(message.attempt(attempt)),
        () -> result.completeExceptionally(new TimeoutException(what.get())),
        why -> result.completeExceptionally(undeliverable.apply(why)));
    if (!register(key, waiter)) {
      waiter.closed();
      return;
    }
    result.whenComplete((done, failure) -> {
      retransmission.stop();
      unregister(key);
    });
    retransmission.start();
  }

  /** Sends a notification of {@code relation}; a CON one is retransmitted and its loss ends the relation. */
  void sendNotification(TwinRelation relation, CoapResponse notification, boolean confirmable) {
    TwinDatagram message = new TwinDatagram(confirmable ? Type.CON : Type.NON, messageId(), relation.token(), relation.local(),
        relation.peer(), identity, Optional.empty(), Optional.of(notification), 1);
    MessageKey key = new MessageKey(message.to(), message.messageId());
    if (!confirmable) {
      // only a Reset answers a NON notification: listen for one as long as the peer may send it
      if (register(key, answerOf(relation, () -> { }))) {
        scheduler.schedule(exchangeLifetime, () -> unregister(key));
        transmit(message);
      }
      return;
    }
    Runnable lost = () -> {
      unregister(key);
      endRelation(relation);
    };
    Retransmission retransmission = new Retransmission(scheduler, network.initialTimeout(), maxRetransmit,
        attempt -> transmit(message.attempt(attempt)), lost, why -> lost.run());
    if (register(key, answerOf(relation, retransmission::stop))) {
      retransmission.start();
    }
  }

  private Outgoing answerOf(TwinRelation relation, Runnable stop) {
    return new Outgoing() {
      @Override
      public void answered(TwinDatagram answer) {
        stop.run();
        if (answer.type() == Type.RST) {
          endRelation(relation);
        } else {
          relation.acknowledged();
        }
      }

      @Override
      public void closed() {
        stop.run();
      }
    };
  }

  /** Ends {@code relation} (the observer is not told) and runs its cancel listeners. */
  void endRelation(TwinRelation relation) {
    relations.end(relation);
  }

  /** Takes in a datagram the network delivered to this endpoint. */
  void receive(TwinDatagram datagram) {
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    switch (datagram.type()) {
      case ACK, RST -> answered(datagram);
      case CON, NON -> {
        if (datagram.request().isPresent()) {
          new InboundRequest(this, datagram).serve();
        } else if (datagram.response().isPresent()) {
          onNotification(datagram);
        } else if (datagram.type() == Type.CON) {
          transmit(datagram.emptyAnswer(Type.RST, identity)); // a ping
        }
      }
    }
  }

  private void answered(TwinDatagram answer) {
    Outgoing waiter;
    synchronized (this) {
      waiter = outgoing.remove(new MessageKey(answer.from(), answer.messageId()));
    }
    if (waiter != null) {
      waiter.answered(answer);
    }
  }

  private void onNotification(TwinDatagram datagram) {
    MessageKey key = new MessageKey(datagram.from(), datagram.messageId());
    if (!received.firstTime(key)) {
      received.answerAgain(key).ifPresent(this::transmit);
      return;
    }
    CoapResponse notification = datagram.response().orElseThrow().from(datagram.from());
    Optional<NotificationOrder> order = observations.orderFor(datagram.tokenText(), notification);
    if (order.isEmpty()) {
      // nobody observes this token (any more): the Reset ends the relation at the peer (RFC 7641 §3.6)
      answer(key, datagram.emptyAnswer(Type.RST, identity));
      return;
    }
    if (datagram.type() == Type.CON) {
      answer(key, datagram.emptyAnswer(Type.ACK, identity));
    }
    if (!order.get().offer(notification)) {
      LOG.debug("dropped a stale notification (Observe {}) on token {}", notification.observe(), datagram.tokenText());
    }
  }

  /** Serves the first copy of an inbound request; copies get the cached answer. */
  boolean firstTime(MessageKey key) {
    if (received.firstTime(key)) {
      return true;
    }
    received.answerAgain(key).ifPresent(this::transmit);
    return false;
  }

  /** Sends {@code answer} to the message {@code key} and keeps it for copies of that message. */
  void answer(MessageKey key, TwinDatagram answer) {
    received.answered(key, answer);
    transmit(answer);
  }

  /**
   * A new relation for an Observe = 0 request; one the same observer had on the same token
   * ends (a re-registration replaces it).
   */
  TwinRelation newRelation(InetSocketAddress peer, InetSocketAddress local, byte[] token) {
    TwinRelation relation = new TwinRelation(this, peer, local, token);
    relations.add(relation);
    return relation;
  }

  /** Ends the relation of {@code peer} on {@code token}, if any: a GET with Observe = 1. */
  void cancelRelation(InetSocketAddress peer, byte[] token) {
    relations.end(peer, token);
  }

  CoapHandler handler() {
    return handler;
  }

  Optional<PeerIdentity> identity() {
    return identity;
  }

  private TwinExchange.Fate transmit(TwinDatagram message) {
    synchronized (this) {
      if (closed) {
        return TwinExchange.Fate.LOST;
      }
    }
    return network.transmit(message);
  }

  private synchronized int messageId() {
    int id = nextMessageId;
    nextMessageId = (nextMessageId + 1) & 0xFFFF;
    return id;
  }

  private synchronized boolean register(MessageKey key, Outgoing waiter) {
    if (closed) {
      return false;
    }
    outgoing.put(key, waiter);
    return true;
  }

  private synchronized void unregister(MessageKey key) {
    outgoing.remove(key);
  }

  private IOException closedFailure() {
    return new IOException("the CoAP endpoint at " + address + " was closed");
  }

  /** Nothing to resume: the twin has no DTLS. */
  @Override
  public void resumeSessions() {
  }

  /** Nothing to do: the twin has no DTLS. */
  @Override
  public void handshakeNextTime(InetSocketAddress peer) {
  }

  /** Nothing to forget: the twin has no DTLS. */
  @Override
  public void forgetSessions() {
  }

  @Override
  public boolean isInMemory() {
    return network.isInMemory();
  }

  /**
   * Unbinds the address; what waits for an answer fails with an {@link IOException}, served
   * relations end (their cancel listeners run) and observations of peers are forgotten.
   */
  @Override
  public void close() {
    List<Outgoing> waiting;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      waiting = new ArrayList<>(outgoing.values());
      outgoing.clear();
    }
    observations.clear();
    network.unbind(this);
    waiting.forEach(Outgoing::closed);
    relations.endAll();
  }

  @Override
  public String toString() {
    return "twin endpoint " + address;
  }
}
