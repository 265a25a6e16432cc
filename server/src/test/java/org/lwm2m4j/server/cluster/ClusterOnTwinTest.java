package org.lwm2m4j.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ErrorResponseException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.downlink.TwinDevice;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.Notification;
import org.lwm2m4j.server.observation.ObserveResult;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.twin.TwinExchange;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * Two server nodes in one JVM on the transport twin and virtual time, sharing one registration and
 * observation store, an in-memory ownership table, bus and heartbeat board: requests for a device
 * owned by the other node go through it, an owner that is gone fails at once, and after the owner
 * dies the device's next notification, which the balancer now sends to the live node, is matched
 * there, makes that node the owner, and requests reach the device from it.
 */
class ClusterOnTwinTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration TTL = Duration.ofSeconds(4);
  private static final LwM2mPath BATTERY = LwM2mPath.parse("/3/0/9");

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final InMemoryRegistrationStore registrations = new InMemoryRegistrationStore();
  private final InMemoryObservationStore observations = new InMemoryObservationStore();
  private final InMemoryClusterBus.Hub hub = InMemoryClusterBus.hub(scheduler);
  private final InMemoryHeartbeatBoard board = new InMemoryHeartbeatBoard();
  private final InMemoryOwnership.Table owners = InMemoryOwnership.table();
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final Node a;
  private final Node b;
  private final TwinDevice device;
  private final Registration registration;

  /** One node: its server, bus and membership, and the notifications its listeners got. */
  private record Node(String id, InetSocketAddress address, LwM2mServer server, InMemoryClusterBus bus,
      ClusterMembership membership, List<Notification> notified) {}

  ClusterOnTwinTest() throws Exception {
    a = node("a", 5683);
    b = node("b", 5693);
    device = TwinDevice.on(network);
    closing.add(device);
    device.set("/3/0/9", 90);
    registration = Registration.builder("reg-dev1", "dev1", device.address()).lwm2mVersion(Version.V1_1)
        .objectLinks("</3/0>").registeredAt(scheduler.now()).lastUpdate(scheduler.now()).build();
    registrations.add(registration);
    // what the shared store does when a Register reaches node a
    owners.node("a").claim(registration, device.address());
    scheduler.advance(INTERVAL);
  }

  private Node node(String id, int port) throws Exception {
    InMemoryClusterBus bus = hub.join(id);
    ClusterMembership membership = ClusterMembership.join(board, scheduler, id, Map.of(), INTERVAL, TTL);
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    LwM2mServer server = LwM2mServer.builder().transport(network).scheduler(scheduler).coapAddress(address)
        .registrationStore(registrations).observationStore(observations)
        .cluster(new ClusterSettings(bus, membership, owners.node(id))).start();
    List<Notification> notified = new CopyOnWriteArrayList<>();
    server.observations().addListener(notified::add);
    closing.add(server);
    closing.add(membership);
    closing.add(bus);
    return new Node(id, address, server, bus, membership, notified);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable part : closing) {
      part.close();
    }
  }

  /** Who sent the requests for {@code path} that the device received. */
  private List<InetSocketAddress> sendersOf(String path) {
    return network.exchanges().stream()
        .filter(exchange -> exchange.to().equals(device.address()) && exchange.path().equals(List.of(path.substring(1).split("/"))))
        .map(TwinExchange::from).toList();
  }

  @Test
  void aReadOnANodeThatDoesNotOwnTheDeviceReachesItThroughTheOwner() {
    CompletableFuture<LwM2mNode> read = b.server().devices().read(registration, BATTERY, RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));

    assertThat(read).isCompleted();
    assertThat(read.join()).isEqualTo(SingleResource.of(9, Value.ofInteger(90)));
    assertThat(sendersOf("/3/0/9")).containsExactly(a.address());
  }

  @Test
  void anErrorAnswerThroughTheOwnerIsTheDevicesAnswer() {
    CompletableFuture<LwM2mNode> read = b.server().devices().read(registration, LwM2mPath.parse("/3/0/1"), RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));

    assertThat(read).isCompletedExceptionally();
    assertThat(read.handle((node, failure) -> failure).join()).isInstanceOf(CompletionException.class)
        .cause().isInstanceOf(org.lwm2m4j.core.error.NotFoundException.class).hasMessageContaining("/3/0/1");
  }

  @Test
  void anObserveThroughANodeThatDoesNotOwnTheDeviceDeliversItsNotificationsThere() {
    CompletableFuture<ObserveResult> observe = b.server().observations().observe(registration, BATTERY, List.of(),
        RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));
    assertThat(observe).isCompleted();
    assertThat(device.observers("/3/0/9")).isEqualTo(1);

    device.set("/3/0/9", 85);
    scheduler.advance(Duration.ofMillis(100));

    assertThat(b.notified()).hasSize(1);
    assertThat(b.notified().get(0).content().get(BATTERY)).isEqualTo(SingleResource.of(9, Value.ofInteger(85)));
    assertThat(sendersOf("/3/0/9")).containsExactly(a.address());
  }

  @Test
  void aRequestForADeviceWhoseOwnerIsNotLiveFailsAtOnceWith503() {
    board.silence("a", true);
    scheduler.advance(TTL.plus(INTERVAL));

    CompletableFuture<LwM2mNode> read = b.server().devices().read(registration, BATTERY, RequestOptions.DEFAULTS);

    assertThat(read).isCompletedExceptionally();
    Throwable failure = read.handle((node, e) -> e).join().getCause();
    assertThat(failure).isInstanceOf(ErrorResponseException.class).hasMessageContaining("next message");
    assertThat(((ErrorResponseException) failure).code()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void afterTheOwnerDiesTheNextNotificationIsMatchedAtOnceOnALiveNodeWhichThenOwnsTheDevice() {
    CompletableFuture<ObserveResult> observe = a.server().observations().observe(registration, BATTERY, List.of(),
        RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));
    assertThat(observe).isCompleted();

    // a dies; the balancer sends the device's traffic to b before b's membership noticed
    a.server().close();
    a.bus().close();
    board.silence("a", true);
    network.redirect(a.address(), Optional.of(b.address()));
    device.set("/3/0/9", 77);
    scheduler.advance(Duration.ofMillis(100));

    assertThat(b.membership().isLive("a")).isTrue();
    assertThat(b.notified()).hasSize(1);
    assertThat(b.notified().get(0).content().get(BATTERY)).isEqualTo(SingleResource.of(9, Value.ofInteger(77)));
    assertThat(owners.node("b").ownerOf(registration)).contains("b");
    CompletableFuture<LwM2mNode> read = b.server().devices().read(registration, BATTERY, RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));
    assertThat(read.join()).isEqualTo(SingleResource.of(9, Value.ofInteger(77)));
    assertThat(sendersOf("/3/0/9")).containsExactly(a.address(), b.address());
  }

  @Test
  void anObservationWhoseAnnouncementWasLostIsArmedOnTheLiveNodesWhenItsOwnerLeaves() {
    hub.lose(org.lwm2m4j.server.downlink.DownlinkChain.OBSERVATION_ARMED, true);
    CompletableFuture<ObserveResult> observe = a.server().observations().observe(registration, BATTERY, List.of(),
        RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));
    assertThat(observe).isCompleted();

    // a dies: its endpoint closes, its heartbeat stops; the balancer sends the device's traffic to b
    a.server().close();
    a.bus().close();
    board.silence("a", true);
    scheduler.advance(TTL.plus(INTERVAL));
    network.redirect(a.address(), Optional.of(b.address()));

    device.set("/3/0/9", 77);
    scheduler.advance(Duration.ofMillis(100));

    assertThat(b.notified()).hasSize(1);
    assertThat(b.notified().get(0).content().get(BATTERY)).isEqualTo(SingleResource.of(9, Value.ofInteger(77)));
    assertThat(owners.node("b").ownerOf(registration)).contains("b");

    CompletableFuture<LwM2mNode> read = b.server().devices().read(registration, BATTERY, RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));
    assertThat(read.join()).isEqualTo(SingleResource.of(9, Value.ofInteger(77)));
    assertThat(sendersOf("/3/0/9")).containsExactly(a.address(), b.address());
  }

  @Test
  void anObservationCancelledOnTheCallingNodeEndsAtTheDeviceThroughTheOwner() {
    CompletableFuture<ObserveResult> observe = b.server().observations().observe(registration, BATTERY, List.of(),
        RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));
    device.set("/3/0/9", 85);
    scheduler.advance(Duration.ofMillis(100));
    assertThat(b.notified()).hasSize(1);

    b.server().observations().cancel(observe.join().observation().token(), false, RequestOptions.DEFAULTS);
    device.set("/3/0/9", 80);
    scheduler.advance(Duration.ofMillis(100));
    device.set("/3/0/9", 70);
    scheduler.advance(Duration.ofMillis(100));

    assertThat(b.notified()).hasSize(1);
    assertThat(device.observers("/3/0/9")).isZero();
  }

  @Test
  void aRequestFromADeviceToAnotherNodeMakesThatNodeItsOwner() throws Exception {
    CoapEndpoint other = network.bind(new InetSocketAddress("127.0.0.1", 0),
        request -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CONTENT)));
    closing.add(other);
    Registration second = Registration.builder("reg-dev2", "dev2", other.address()).lwm2mVersion(Version.V1_1)
        .objectLinks("</3/0>").registeredAt(scheduler.now()).lastUpdate(scheduler.now()).build();
    registrations.add(second);
    owners.node("a").claim(second, other.address());

    CompletableFuture<CoapResponse> answer = other.send(CoapRequest.to(b.address(), CoapMethod.POST, List.of("dp")),
        Duration.ofMinutes(1));
    scheduler.advance(Duration.ofMillis(100));

    assertThat(answer).isCompleted();
    assertThat(owners.node("b").ownerOf(second)).contains("b");
  }

  @Test
  void aRequestHeldOnANodeForASleepingDeviceIsSentWhenTheDeviceWakesOnItsOwnerAndAnsweredThere() throws Exception {
    List<CoapRequest> heard = new CopyOnWriteArrayList<>();
    CoapEndpoint sleeper = network.bind(new InetSocketAddress("127.0.0.1", 0), request -> {
      heard.add(request);
      return CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT, java.util.OptionalInt.of(0), List.of(),
          "42".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    });
    closing.add(sleeper);
    Registration queued = Registration.builder("reg-sleeper", "sleeper", sleeper.address()).lwm2mVersion(Version.V1_1)
        .binding("UQ").queueMode(true).objectLinks("</3/0>").registeredAt(scheduler.now()).lastUpdate(scheduler.now()).build();
    registrations.add(queued);
    owners.node("a").claim(queued, sleeper.address());

    CompletableFuture<LwM2mNode> read = b.server().devices().read(queued, BATTERY, RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));
    Throwable held = read.handle((node, failure) -> failure instanceof CompletionException ? failure.getCause() : failure).join();
    assertThat(held).as("held on b while the device sleeps").isInstanceOf(org.lwm2m4j.server.queue.RequestQueuedException.class);
    CompletableFuture<Object> answer = ((org.lwm2m4j.server.queue.RequestQueuedException) held).request().result();
    assertThat(heard).isEmpty();

    // the device wakes: its Update reaches its owner, a
    CompletableFuture<CoapResponse> update = sleeper.send(CoapRequest.to(a.address(), CoapMethod.POST, List.of("rd", "reg-sleeper")),
        Duration.ofMinutes(1));
    scheduler.advance(Duration.ofMillis(100));

    assertThat(update.join().code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(answer).as("b's held Read answered on b").isCompleted();
    assertThat(answer.join()).isEqualTo(SingleResource.of(9, Value.ofInteger(42)));
    assertThat(heard).extracting(CoapRequest::pathText).containsExactly("/3/0/9");
    assertThat(network.exchanges().stream()
        .filter(exchange -> exchange.to().equals(sleeper.address()) && exchange.path().equals(List.of("3", "0", "9"))).map(TwinExchange::from))
        .as("sent by the owner, through which the device is reachable").containsExactly(a.address());

    // awake now, on b too: the next Read through b goes straight to the device
    CompletableFuture<LwM2mNode> again = b.server().devices().read(queued, BATTERY, RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(100));
    assertThat(again.join()).isEqualTo(SingleResource.of(9, Value.ofInteger(42)));
  }

  @Test
  void aRoutedRequestWhoseAnswerIsLostTimesOutAtItsDeadline() {
    // a beats on but no longer hears the bus: the request is lost on the way
    a.bus().close();

    CompletableFuture<LwM2mNode> read = b.server().devices().read(registration, BATTERY,
        RequestOptions.DEFAULTS.withTimeout(Duration.ofSeconds(5)));
    scheduler.advance(Duration.ofSeconds(4));
    assertThat(read).isNotDone();
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(read).isCompletedExceptionally();
    assertThat(read.handle((node, e) -> e).join().getCause()).isInstanceOf(java.util.concurrent.TimeoutException.class);
    assertThat(device.requests()).isEmpty();
  }
}
