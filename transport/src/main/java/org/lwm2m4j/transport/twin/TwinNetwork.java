package org.lwm2m4j.transport.twin;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.dtls.PeerIdentity;

/**
 * The in-memory twin of the transport: a network of message-level {@link CoapEndpoint}s that runs
 * entirely on a {@link Scheduler} (usually a {@code VirtualScheduler}), with no Californium, no
 * socket and no thread of its own, so that server and client state machines can be tested over
 * hours of simulated time in milliseconds. Hand it to a builder as its {@link CoapEndpointFactory}.
 *
 * <p>What it emulates: CON requests with RFC 7252 retransmission (ACK_TIMEOUT and MAX_RETRANSMIT
 * from the settings, random factor 1.5, doubling), each attempt independently subject to loss;
 * deduplication at the receiver (a copy reaches no handler and gets the cached answer); responses
 * piggybacked on the ACK; RFC 7641 observations with Observe numbers, stale notifications dropped,
 * Reset on a forgotten token, CON notifications that end the relation when never acknowledged;
 * pings answered by Reset. Not emulated: block-wise transfer (bodies travel whole), DTLS (an
 * endpoint may present a {@link PeerIdentity} instead, see {@link #presenting}), congestion control
 * and separate responses (a request whose handler outlasts the retransmission window times out, as
 * with Californium, which sends no empty ACK first).
 *
 * <p>Switches: {@link #loss}, {@link #delay}, {@link #duplication} apply to every datagram sent
 * afterwards (requests, responses, notifications, ACKs, Resets) and {@link #cut} to everything to
 * or from an address, all decided when a datagram is sent. A CON message to an address nobody has
 * bound fails at once, as an ICMP port unreachable would make it: a request or ping with an {@link
 * IOException}, a notification by ending its relation (a cut address, by contrast, swallows
 * messages silently, like an unplugged device). A port bound on the wildcard address receives
 * what is sent to any address with its port, and sends from the loopback address.
 *
 * <p>Deterministic: every random choice (loss, duplication, timeouts, tokens, message IDs) comes
 * from one {@link Random} seeded at construction, so on a virtual scheduler the same test gives
 * the same {@link #exchanges()} every run. Thread-safe, for tests on a real scheduler too.
 *
 * <pre>{@code
 * VirtualScheduler scheduler = new VirtualScheduler();
 * TwinNetwork network = new TwinNetwork(scheduler);
 * CoapEndpoint device = network.bind(new InetSocketAddress("127.0.0.1", 0), handler);
 * CoapEndpoint server = network.bind(new InetSocketAddress("127.0.0.1", 5683), serverHandler);
 * CompletableFuture<CoapResponse> read = server.send(CoapRequest.to(device.address(), GET, List.of("3", "0")), Duration.ofMinutes(2));
 * scheduler.advance(Duration.ofSeconds(1));
 * assertThat(read).isCompleted();
 * }</pre>
 */
public final class TwinNetwork implements CoapEndpointFactory {
  /** Where the network starts looking for a free port when port 0 is bound (the IANA dynamic range). */
  static final int FIRST_EPHEMERAL_PORT = 49152;
  /** The exchange log keeps this many of the latest datagrams, so that hours of simulated traffic stay bounded. */
  static final int LOG_CAPACITY = 100_000;
  /** Californium's default ACK_RANDOM_FACTOR. */
  private static final double ACK_RANDOM_FACTOR = 1.5;
  /** RFC 7252 §4.8.2 MAX_LATENCY. */
  private static final Duration MAX_LATENCY = Duration.ofSeconds(100);

  private final Scheduler scheduler;
  private final CoapSettings settings;
  private final Random random;
  private final Map<InetSocketAddress, TwinEndpoint> endpoints = new LinkedHashMap<>();
  /** The endpoints bound on a wildcard address, by port: they receive for any address with their port. */
  private final Map<Integer, TwinEndpoint> wildcards = new HashMap<>();
  /** How many endpoints have each port bound (on any address), so that port 0 finds a free one at once. */
  private final Map<Integer, Integer> portsInUse = new HashMap<>();
  private final Set<InetSocketAddress> cut = new HashSet<>();
  /** Addresses whose datagrams go to another address (a balancer that moved a peer's traffic to another node). */
  private final Map<InetSocketAddress, InetSocketAddress> redirects = new HashMap<>();
  private final ArrayDeque<TwinExchange> log = new ArrayDeque<>();
  private double loss;
  private double duplication;
  private Duration delay = Duration.ZERO;
  private int nextEphemeral = FIRST_EPHEMERAL_PORT;
  /** The endpoints' view of this network; a separate object so that its methods stay out of this class's public API. */
  private final TwinCarrier carrier = new Carrier();

  /** A network with the default CoAP settings and seed 1. */
  public TwinNetwork(Scheduler scheduler) {
    this(scheduler, CoapSettings.DEFAULTS, 1);
  }

  /** A network whose endpoints retransmit with {@code settings}, with every random choice drawn from {@code seed}. */
  public TwinNetwork(Scheduler scheduler, CoapSettings settings, long seed) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.random = new Random(seed);
  }

  /**
   * Binds {@code address} (port 0 picks a free port) for an endpoint that serves inbound requests
   * through {@code handler} and presents no identity (plain CoAP).
   *
   * @throws IOException ({@link BindException}) if the address is bound already or no port is free
   */
  @Override
  public CoapEndpoint bind(InetSocketAddress address, CoapHandler handler) throws IOException {
    return bind(address, handler, Optional.empty());
  }

  /**
   * Binds {@code address} for an endpoint whose every message carries {@code identity}, as if it
   * had authenticated with it in a DTLS handshake: the requests its peers serve carry it.
   *
   * @throws IOException ({@link BindException}) if the address is bound already or no port is free
   */
  public CoapEndpoint bind(InetSocketAddress address, CoapHandler handler, PeerIdentity identity) throws IOException {
    return bind(address, handler, Optional.of(identity));
  }

  /** A factory for endpoints on this network that present {@code identity} (e.g. a client's PSK identity). */
  public CoapEndpointFactory presenting(PeerIdentity identity) {
    Objects.requireNonNull(identity, "identity");
    return (address, handler) -> bind(address, handler, identity);
  }

  private CoapEndpoint bind(InetSocketAddress address, CoapHandler handler, Optional<PeerIdentity> identity) throws IOException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(handler, "handler");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("bind a resolved address, not " + address);
    }
    synchronized (this) {
      InetSocketAddress bound = address.getPort() == 0 ? new InetSocketAddress(address.getAddress(), freePort()) : address;
      if (endpoints.containsKey(bound)) {
        throw new BindException(bound + " is bound already on this twin network");
      }
      InetSocketAddress source = bound.getAddress().isAnyLocalAddress()
          ? new InetSocketAddress(InetAddress.getLoopbackAddress(), bound.getPort()) : bound;
      TwinEndpoint endpoint = new TwinEndpoint(carrier, bound, source, handler, identity, random.nextInt(0x10000));
      endpoints.put(bound, endpoint);
      portsInUse.merge(bound.getPort(), 1, Integer::sum);
      if (bound.getAddress().isAnyLocalAddress()) {
        wildcards.putIfAbsent(bound.getPort(), endpoint);
      }
      return endpoint;
    }
  }

  private int freePort() throws BindException {
    for (int tried = 0; tried <= 65535 - FIRST_EPHEMERAL_PORT; tried++) {
      int port = nextEphemeral;
      nextEphemeral = port == 65535 ? FIRST_EPHEMERAL_PORT : port + 1;
      if (!portsInUse.containsKey(port)) {
        return port;
      }
    }
    throw new BindException("no free port left on this twin network");
  }

  /** Drops each datagram sent from now on with {@code probability} (0 to 1). */
  public synchronized TwinNetwork loss(double probability) {
    this.loss = probability(probability);
    return this;
  }

  /** Makes each datagram sent from now on arrive {@code oneWay} later, on the scheduler's time. */
  public synchronized TwinNetwork delay(Duration oneWay) {
    if (oneWay.isNegative()) {
      throw new IllegalArgumentException("a delay cannot be negative: " + oneWay);
    }
    this.delay = oneWay;
    return this;
  }

  /** Delivers each datagram sent from now on twice with {@code probability} (0 to 1). */
  public synchronized TwinNetwork duplication(double probability) {
    this.duplication = probability(probability);
    return this;
  }

  /**
   * Delivers every datagram sent to {@code from} to the endpoint at {@code to} instead, or stops
   * doing so when {@code to} is empty: a UDP load balancer that moved a device's traffic from a
   * dead server node to a live one, so the device's next notification reaches the live node.
   */
  public synchronized TwinNetwork redirect(InetSocketAddress from, java.util.Optional<InetSocketAddress> to) {
    Objects.requireNonNull(from, "from");
    if (to.isPresent()) {
      redirects.put(from, to.get());
    } else {
      redirects.remove(from);
    }
    return this;
  }

  /**
   * Cuts {@code address} off ({@code true}) or plugs it back in: while cut, every datagram to or
   * from it is lost, as for a sleeping or unplugged device. {@code address} is an endpoint's bound
   * address (wildcard ones included) or the address peers send to.
   */
  public synchronized TwinNetwork cut(InetSocketAddress address, boolean cut) {
    Objects.requireNonNull(address, "address");
    if (cut) {
      this.cut.add(address);
    } else {
      this.cut.remove(address);
    }
    return this;
  }

  /** The datagrams sent so far (the latest {@value #LOG_CAPACITY}), oldest first. */
  public synchronized List<TwinExchange> exchanges() {
    return List.copyOf(log);
  }

  /** Forgets the datagrams sent so far, e.g. after a test's set-up. */
  public synchronized void clearExchanges() {
    log.clear();
  }

  /** Whether an endpoint is bound at exactly {@code address}. */
  public synchronized boolean isBound(InetSocketAddress address) {
    return endpoints.containsKey(address);
  }

  private static double probability(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("a probability is between 0 and 1, not " + p);
    }
    return p;
  }

  /**
   * Decides the fate of {@code datagram} now, logs it and schedules its delivery.
   *
   * @return its fate; {@link TwinExchange.Fate#UNREACHABLE} when nothing is bound at its destination
   */
  TwinExchange.Fate transmit(TwinDatagram datagram) {
    TwinExchange.Fate fate;
    Duration arrival;
    synchronized (this) {
      if (isCut(datagram.from()) || isCut(datagram.to())) {
        fate = TwinExchange.Fate.CUT;
      } else if (loss > 0 && random.nextDouble() < loss) {
        fate = TwinExchange.Fate.LOST;
      } else if (resolve(datagram.to()) == null) {
        fate = TwinExchange.Fate.UNREACHABLE;
      } else if (duplication > 0 && random.nextDouble() < duplication) {
        fate = TwinExchange.Fate.DUPLICATED;
      } else {
        fate = TwinExchange.Fate.DELIVERED;
      }
      arrival = delay;
      record(datagram, fate);
    }
    int copies = fate == TwinExchange.Fate.DUPLICATED ? 2 : fate == TwinExchange.Fate.DELIVERED ? 1 : 0;
    for (int copy = 0; copy < copies; copy++) {
      scheduler.schedule(arrival, () -> deliver(datagram));
    }
    return fate;
  }

  private void deliver(TwinDatagram datagram) {
    TwinEndpoint receiver;
    synchronized (this) {
      receiver = resolve(datagram.to());
    }
    if (receiver != null) {
      receiver.receive(datagram);
    }
  }

  private void record(TwinDatagram datagram, TwinExchange.Fate fate) {
    if (log.size() == LOG_CAPACITY) {
      log.removeFirst();
    }
    Optional<CoapMethod> method = datagram.request().map(request -> request.method());
    List<String> path = datagram.request().map(request -> request.path()).orElse(List.of());
    OptionalInt observe = datagram.request().map(request -> request.observe())
        .orElseGet(() -> datagram.response().map(response -> response.observe()).orElse(OptionalInt.empty()));
    log.addLast(new TwinExchange(scheduler.now(), datagram.kind(), datagram.type() == TwinDatagram.Type.CON,
        datagram.from(), datagram.to(), datagram.messageId(), HexFormat.of().formatHex(datagram.token()), method, path,
        datagram.response().map(response -> response.code()), observe, datagram.attempt(), fate));
  }

  /** The endpoint bound at {@code address}, or at the wildcard address with its port; null if none. */
  private TwinEndpoint resolve(InetSocketAddress to) {
    InetSocketAddress address = redirects.getOrDefault(to, to);
    TwinEndpoint endpoint = endpoints.get(address);
    if (endpoint != null) {
      return endpoint;
    }
    return wildcards.get(address.getPort());
  }

  private boolean isCut(InetSocketAddress address) {
    if (cut.isEmpty()) {
      return false;
    }
    if (cut.contains(address)) {
      return true;
    }
    TwinEndpoint endpoint = resolve(address);
    return endpoint != null && (cut.contains(endpoint.address()) || cut.contains(endpoint.source()));
  }

  synchronized void unbind(TwinEndpoint endpoint) {
    InetSocketAddress bound = endpoint.address();
    if (!endpoints.remove(bound, endpoint)) {
      return;
    }
    portsInUse.computeIfPresent(bound.getPort(), (port, count) -> count == 1 ? null : count - 1);
    if (wildcards.remove(bound.getPort(), endpoint)) {
      // the other wildcard address (IPv4 or IPv6) may have the same port bound
      endpoints.values().stream()
          .filter(other -> other.address().getPort() == bound.getPort() && other.address().getAddress().isAnyLocalAddress())
          .findFirst().ifPresent(other -> wildcards.put(bound.getPort(), other));
    }
  }

  /** {@code n} random bytes, e.g. a token. */
  synchronized byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }

  /** The first retransmission timeout of one CON message: ACK_TIMEOUT times a random factor in [1, 1.5). */
  synchronized Duration initialTimeout() {
    return initialTimeout(settings, random.nextDouble());
  }

  /** ACK_TIMEOUT of {@code settings} times 1 + 0.5 {@code uniform} (uniform in [0, 1)). */
  static Duration initialTimeout(CoapSettings settings, double uniform) {
    long ack = settings.ackTimeout().toNanos();
    return Duration.ofNanos(ack + (long) (ack * (ACK_RANDOM_FACTOR - 1) * uniform));
  }

  /** Hands the endpoints' calls to this network. */
  private final class Carrier implements TwinCarrier {
    @Override
    public TwinExchange.Fate transmit(TwinDatagram datagram) {
      return TwinNetwork.this.transmit(datagram);
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public CoapSettings settings() {
      return settings;
    }

    @Override
    public byte[] randomBytes(int n) {
      return TwinNetwork.this.randomBytes(n);
    }

    @Override
    public Duration initialTimeout() {
      return TwinNetwork.this.initialTimeout();
    }

    @Override
    public void unbind(TwinEndpoint endpoint) {
      TwinNetwork.this.unbind(endpoint);
    }

    @Override
    public boolean isInMemory() {
      return true;
    }
  }

  /**
   * RFC 7252 §4.8.2 EXCHANGE_LIFETIME for {@code settings}: how long a receiver remembers a message
   * (247 s with the defaults).
   */
  static Duration exchangeLifetime(CoapSettings settings) {
    Duration ack = settings.ackTimeout();
    long spanNanos = (long) (ack.toNanos() * ((1L << settings.maxRetransmit()) - 1) * ACK_RANDOM_FACTOR);
    return Duration.ofNanos(spanNanos).plus(MAX_LATENCY.multipliedBy(2)).plus(ack);
  }
}
