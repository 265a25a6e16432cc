package org.lwm2m4j.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;

/**
 * Two server endpoints as nodes 1 and 2 of a DTLS cluster behind a UDP relay standing in for a load
 * balancer: a client whose records reach the other node from a new address keeps its session; a
 * client whose node died goes on with its next retransmission, after a handshake with the node it reaches.
 */
class DtlsClusterTest {
  private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
  /** 45 s: a retransmission was seen after 20 s once, with the machine's load average at 28. */
  private static final CoapSettings PATIENT = new CoapSettings(Duration.ofSeconds(45), 1);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final byte[] KEY = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final Map<Integer, InetSocketAddress> nodes = new ConcurrentHashMap<>();
  private final List<AutoCloseable> open = new java.util.ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** Answers with the node's name and the address it saw the request come from. */
  private static CoapHandler answering(String name, AtomicReference<InetSocketAddress> lastPeer) {
    return request -> {
      lastPeer.set(request.peer());
      return CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(),
          name.getBytes(StandardCharsets.UTF_8)));
    };
  }

  private CoapEndpoint node(int number, Optional<String> secret, CoapHandler handler, AtomicInteger handshakes) throws Exception {
    return node(number, LOOPBACK, LOOPBACK, secret, handler, handshakes);
  }

  private CoapEndpoint node(int number, InetSocketAddress address, InetSocketAddress internal, Optional<String> secret,
      CoapHandler handler, AtomicInteger handshakes) throws Exception {
    return node(number, address, internal, secret, Optional.empty(), handler, handshakes);
  }

  private CoapEndpoint node(int number, InetSocketAddress address, InetSocketAddress internal, Optional<String> secret,
      Optional<DtlsSessionCache> sessions, CoapHandler handler, AtomicInteger handshakes) throws Exception {
    DtlsClusterSettings cluster = new DtlsClusterSettings(number, internal, DtlsClusterNodes.view(nodes), secret, sessions);
    DtlsSettings settings = DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY)).acceptCbc(true)
        .cluster(cluster)
        .handshakeObserver((resumed, failure) -> handshakes.incrementAndGet()).build();
    CoapEndpoint node = CoapEndpoint.start(address, handler, CoapSettings.DEFAULTS, Optional.of(settings));
    open.add(node);
    nodes.put(number, node.dtlsClusterAddress().orElseThrow());
    return node;
  }

  private static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  /** The internal channel plain, and secured with a shared secret (a MAC on every forwarded record). */
  static List<Optional<String>> channels() {
    return List.of(Optional.empty(), Optional.of("the cluster's shared secret"));
  }

  @ParameterizedTest
  @MethodSource("channels")
  void recordsThatReachAnotherNodeAreAnsweredByTheNodeHoldingTheSessionWithoutAHandshake(Optional<String> secret)
      throws Exception {
    AtomicReference<InetSocketAddress> seenByNode1 = new AtomicReference<>();
    AtomicInteger node1Handshakes = new AtomicInteger();
    AtomicInteger node2Handshakes = new AtomicInteger();
    CoapEndpoint node1 = node(1, secret, answering("node 1", seenByNode1), node1Handshakes);
    CoapEndpoint node2 = node(2, secret, answering("node 2", new AtomicReference<>()), node2Handshakes);
    UdpRelay balancer = new UdpRelay(node1.address());
    open.add(balancer);
    AtomicInteger clientHandshakes = new AtomicInteger();
    // A patient client: on a loaded machine the secured channel's first handshake between the nodes can take
    // longer than the default 2 s ACK timeout, and a retransmission would hide whether the record was held or lost.
    CoapEndpoint client = CoapEndpoint.start(LOOPBACK, answering("client", new AtomicReference<>()), PATIENT,
        Optional.of(DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0)
            .handshakeObserver((resumed, failure) -> clientHandshakes.incrementAndGet()).build()));
    open.add(client);

    CoapResponse first = client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("a")), TIMEOUT)
        .get(15, TimeUnit.SECONDS);
    assertThat(text(first)).isEqualTo("node 1");
    assertThat(clientHandshakes).hasValue(1);
    InetSocketAddress before = balancer.outboundAddress();

    balancer.switchTo(node2.address());
    assertThat(balancer.outboundAddress()).isNotEqualTo(before);
    int sentBefore = balancer.datagramsFromClient();
    CoapResponse second = client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("b")), Duration.ofSeconds(100))
        .get(110, TimeUnit.SECONDS);
    assertThat(balancer.datagramsFromClient()).as("the request's one record got through: no retransmission")
        .isEqualTo(sentBefore + 1);

    assertThat(text(second)).as("node 2 forwards the record to node 1, which holds the session").isEqualTo("node 1");
    assertThat(seenByNode1.get()).as("node 1 sees the device at its new address").isEqualTo(balancer.outboundAddress());
    assertThat(clientHandshakes).as("no new handshake").hasValue(1);
    assertThat(node1Handshakes).hasValue(1);
    assertThat(node2Handshakes).hasValue(0);

    CoapResponse fromClient = node1.send(CoapRequest.to(seenByNode1.get(), CoapMethod.GET, List.of("3", "0")), TIMEOUT)
        .get(15, TimeUnit.SECONDS);
    assertThat(text(fromClient)).as("node 1's request goes out through node 2, the answer comes back to node 1")
        .isEqualTo("client");
    assertThat(clientHandshakes).hasValue(1);
  }

  @Test
  void aNodeThatRestartedSecuresTheChannelAgainAndForwardsAsBefore() throws Exception {
    Optional<String> secret = Optional.of("the cluster's shared secret");
    CoapEndpoint node1 = node(1, secret, answering("node 1", new AtomicReference<>()), new AtomicInteger());
    CoapEndpoint node2 = node(2, secret, answering("node 2", new AtomicReference<>()), new AtomicInteger());
    UdpRelay balancer = new UdpRelay(node1.address());
    open.add(balancer);
    CoapEndpoint client = CoapEndpoint.start(LOOPBACK, answering("client", new AtomicReference<>()), CoapSettings.DEFAULTS,
        Optional.of(DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0).build()));
    open.add(client);
    client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("a")), TIMEOUT).get(15, TimeUnit.SECONDS);
    balancer.switchTo(node2.address());
    client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("b")), TIMEOUT).get(15, TimeUnit.SECONDS);

    // node 2 comes back on the same addresses without the channel's session, which node 1 still holds
    InetSocketAddress address = node2.address();
    InetSocketAddress internal = node2.dtlsClusterAddress().orElseThrow();
    node2.close();
    node(2, address, internal, secret, answering("node 2", new AtomicReference<>()), new AtomicInteger());
    CoapResponse answer = client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("c")), TIMEOUT)
        .get(15, TimeUnit.SECONDS);

    assertThat(text(answer)).isEqualTo("node 1");
  }

  /**
   * A node dies and the balancer sends its device to another node, which cannot read the records of
   * the dead node's session. The device's request is lost once; before its first retransmission the
   * client handshakes (a resumption, which node 2 answers in full: it never heard of the session), and
   * the retransmission goes in the new session. With one retransmission allowed, an answer proves it
   * came by the first one: the bound is one ACK timeout plus a handshake, not the exchange's failure.
   */
  @Test
  void whenTheNodeHoldingTheSessionHasGoneTheFirstRetransmissionReachesTheNextNodeAfterAHandshake() throws Exception {
    AtomicInteger node2Handshakes = new AtomicInteger();
    CoapEndpoint node1 = node(1, Optional.empty(), answering("node 1", new AtomicReference<>()), new AtomicInteger());
    CoapEndpoint node2 = node(2, Optional.empty(), answering("node 2", new AtomicReference<>()), node2Handshakes);
    Queue<String> clientHandshakes = new ConcurrentLinkedQueue<>();
    CoapResponse again = askAgainAfterNode1Died(node1, node2, clientHandshakes);

    assertThat(text(again)).isEqualTo("node 2");
    assertThat(clientHandshakes).as("node 2 did not know the session: a full handshake").containsExactly("full", "full");
    assertThat(node2Handshakes).hasValue(1);
  }

  /** As above with the nodes sharing their sessions: node 2 resumes the dead node's session, the security context stays. */
  @Test
  void withSharedSessionsTheFirstRetransmissionResumesTheSessionWithTheNextNode() throws Exception {
    DtlsSessionCache shared = new MapSessionCache();
    AtomicInteger node2Handshakes = new AtomicInteger();
    CoapEndpoint node1 = node(1, LOOPBACK, LOOPBACK, Optional.empty(), Optional.of(shared), answering("node 1", new AtomicReference<>()),
        new AtomicInteger());
    CoapEndpoint node2 = node(2, LOOPBACK, LOOPBACK, Optional.empty(), Optional.of(shared), answering("node 2", new AtomicReference<>()),
        node2Handshakes);
    Queue<String> clientHandshakes = new ConcurrentLinkedQueue<>();
    CoapResponse again = askAgainAfterNode1Died(node1, node2, clientHandshakes);

    assertThat(text(again)).isEqualTo("node 2");
    assertThat(clientHandshakes).as("an abbreviated handshake: the same security context").containsExactly("full", "resumed");
    assertThat(node2Handshakes).hasValue(1);
  }

  /**
   * A failing-over client asks node 1 through a relay standing for the balancer; node 1 goes away and the relay
   * sends to node 2; the client asks again: its answer, the client's handshakes (full or resumed) in {@code
   * clientHandshakes}.
   */
  private CoapResponse askAgainAfterNode1Died(CoapEndpoint node1, CoapEndpoint node2, Queue<String> clientHandshakes)
      throws Exception {
    UdpRelay balancer = new UdpRelay(node1.address());
    open.add(balancer);
    CoapEndpoint client = failingOverClient(clientHandshakes);
    client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("a")), TIMEOUT).get(15, TimeUnit.SECONDS);

    node1.close();
    nodes.remove(1);
    balancer.switchTo(node2.address());
    return client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("b")), TIMEOUT).get(15, TimeUnit.SECONDS);
  }

  /** No failover, one lost datagram: the retransmission costs an abbreviated handshake with the node that has the session. */
  @Test
  void onALossyLinkTheRetransmissionCostsOnlyAnAbbreviatedHandshake() throws Exception {
    CoapEndpoint node1 = node(1, Optional.empty(), answering("node 1", new AtomicReference<>()), new AtomicInteger());
    UdpRelay balancer = new UdpRelay(node1.address());
    open.add(balancer);
    Queue<String> clientHandshakes = new ConcurrentLinkedQueue<>();
    CoapEndpoint client = failingOverClient(clientHandshakes);
    client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("a")), TIMEOUT).get(15, TimeUnit.SECONDS);

    balancer.dropNextFromClient();
    CoapResponse again = client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("b")), TIMEOUT)
        .get(15, TimeUnit.SECONDS);

    assertThat(text(again)).isEqualTo("node 1");
    assertThat(clientHandshakes).containsExactly("full", "resumed");
  }

  /**
   * A client as ours are: it handshakes again when a message goes unanswered; ACK timeout 1 s and a single
   * retransmission, so that an answer can only come by the first retransmission.
   */
  private CoapEndpoint failingOverClient(Queue<String> handshakes) throws Exception {
    CoapEndpoint client = CoapEndpoint.start(LOOPBACK, answering("client", new AtomicReference<>()), new CoapSettings(Duration.ofSeconds(1), 1),
        Optional.of(DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0).handshakeAfterTimeout(true)
            .handshakeObserver((resumed, failure) -> handshakes.add(failure.isPresent() ? "failed" : resumed ? "resumed" : "full"))
            .build()));
    open.add(client);
    return client;
  }

  /** The nodes' shared session cache, in memory. */
  private static final class MapSessionCache implements DtlsSessionCache {
    private final Map<String, byte[]> sessions = new ConcurrentHashMap<>();

    @Override
    public void put(byte[] sessionId, byte[] state) {
      sessions.put(java.util.HexFormat.of().formatHex(sessionId), state.clone());
    }

    @Override
    public Optional<byte[]> get(byte[] sessionId) {
      return Optional.ofNullable(sessions.get(java.util.HexFormat.of().formatHex(sessionId))).map(byte[]::clone);
    }

    @Override
    public void remove(byte[] sessionId) {
      sessions.remove(java.util.HexFormat.of().formatHex(sessionId));
    }
  }

  @Test
  void nodesWithDifferentSecretsDoNotForwardAndSaySo() throws Exception {
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
    ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.lwm2m4j.dtls");
    log.start();
    logger.addAppender(log);
    open.add(() -> logger.detachAppender(log));
    AtomicReference<InetSocketAddress> seenByNode1 = new AtomicReference<>();
    CoapEndpoint node1 = node(1, Optional.of("the cluster's shared secret"), answering("node 1", seenByNode1), new AtomicInteger());
    CoapEndpoint node2 = node(2, Optional.of("another cluster's secret"), answering("node 2", new AtomicReference<>()),
        new AtomicInteger());
    UdpRelay balancer = new UdpRelay(node1.address());
    open.add(balancer);
    CoapEndpoint client = CoapEndpoint.start(LOOPBACK, answering("client", new AtomicReference<>()), CoapSettings.DEFAULTS,
        Optional.of(DtlsSettings.builder().psk("dev1", KEY).connectionIdLength(0).build()));
    open.add(client);
    client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("a")), TIMEOUT).get(15, TimeUnit.SECONDS);

    balancer.switchTo(node2.address());
    client.send(CoapRequest.to(balancer.address(), CoapMethod.GET, List.of("b")), TIMEOUT);

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> {
      synchronized (log) {
        return log.list.stream().anyMatch(event -> event.getLevel() == ch.qos.logback.classic.Level.WARN
            && event.getFormattedMessage().contains("cannot secure the internal channel"));
      }
    });
    assertThat(seenByNode1.get()).as("node 1 never got the record").isNotEqualTo(balancer.outboundAddress());
  }

  @Test
  void aClusterNodeNeedsConnectionIdsOfAtLeastTwoBytes() {
    DtlsClusterSettings cluster = new DtlsClusterSettings(1, LOOPBACK, n -> Optional.empty());
    assertThatThrownBy(() -> DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY)).connectionIdLength(1)
        .cluster(cluster).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 bytes");
    assertThat(DtlsSettings.builder().pskLookup(identity -> Optional.of(KEY)).cluster(cluster).build().connectionIdLength())
        .hasValue(DtlsClusterSettings.DEFAULT_CONNECTION_ID_LENGTH);
  }

  @Test
  void aSecuredChannelNeedsALongSecretAndPsk() throws Exception {
    DtlsClusterSettings cluster = new DtlsClusterSettings(1, LOOPBACK, n -> Optional.empty());
    assertThatThrownBy(() -> cluster.withSecret("short")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16");
    assertThat(cluster.withSecret("the cluster's shared secret").toString()).doesNotContain("shared secret");
    java.security.KeyPair keys = TestCredentials.newKeyPair();
    assertThatThrownBy(() -> DtlsSettings.builder().rawPublicKey(keys.getPrivate(), keys.getPublic()).trustAnyKey()
        .cluster(cluster.withSecret("the cluster's shared secret")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PSK");
  }

  @Test
  void theInternalChannelIsBoundWhereTheOtherNodesReachIt() {
    assertThatThrownBy(() -> new DtlsClusterSettings(1, new InetSocketAddress(5685), n -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the other nodes reach");
  }

  @Test
  void aViewOfTheMembershipFollowsIt() {
    DtlsClusterNodes view = DtlsClusterNodes.view(nodes);
    InetSocketAddress third = new InetSocketAddress("127.0.0.1", 5700);
    assertThat(view.addressOf(3)).isEmpty();
    nodes.put(3, third);
    assertThat(view.addressOf(3)).hasValue(third);
    assertThat(view.isLive(third)).isTrue();
    nodes.remove(3);
    assertThat(view.isLive(third)).isFalse();
  }

  @Test
  void aNodeNumberIsOneByte() {
    assertThatThrownBy(() -> new DtlsClusterSettings(256, LOOPBACK, n -> Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..255");
  }

  @Test
  void aTakenInternalChannelPortFailsTheStartWithTheBindExceptionNamingIt() throws Exception {
    try (java.net.DatagramSocket taken = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      InetSocketAddress internal = (InetSocketAddress) taken.getLocalSocketAddress();
      assertThatThrownBy(() -> node(1, LOOPBACK, internal, Optional.empty(), answering("node 1", new AtomicReference<>()),
          new AtomicInteger())).isInstanceOf(java.net.BindException.class)
          .hasMessageContaining("udp port " + internal.getPort() + " on 127.0.0.1 is in use");
    }
  }
}
