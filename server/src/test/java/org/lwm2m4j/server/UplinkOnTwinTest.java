package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.queue.QueuedRequest;
import org.lwm2m4j.server.queue.RequestQueuedException;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * Every route of the server's uplink router, and its queue-mode wake-up, with the server on the
 * transport twin and virtual time: a device endpoint on the same twin network speaks to it.
 */
class UplinkOnTwinTest {
  private static final InetSocketAddress SERVER = new InetSocketAddress("127.0.0.1", 5683);
  private static final Duration AWAKE = Duration.ofSeconds(93);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final List<String> deviceSaw = new ArrayList<>();
  private final List<ObserveRelation> observed = new ArrayList<>();
  private final LwM2mServer server;
  private final CoapEndpoint device;

  UplinkOnTwinTest() throws Exception {
    server = LwM2mServer.builder().transport(network).scheduler(scheduler).coapAddress(SERVER)
        .queueMode(AWAKE, 16, Duration.ofHours(1)).start();
    device = network.bind(new InetSocketAddress("127.0.0.1", 0), new CoapHandler() {
      @Override
      public CompletableFuture<CoapResponse> handle(CoapRequest request) {
        deviceSaw.add(request.method() + " " + request.pathText());
        return CompletableFuture.completedFuture(manufacturer());
      }

      @Override
      public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
        deviceSaw.add("observe " + request.pathText());
        observed.add(relation);
        return CompletableFuture.completedFuture(manufacturer());
      }
    });
  }

  private static CoapResponse manufacturer() {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.TEXT.code()), List.of(),
        "acme".getBytes(StandardCharsets.UTF_8));
  }

  @AfterEach
  void stop() {
    device.close();
    server.close();
  }

  /** Sends {@code request} from the device and lets virtual time run until it is answered. */
  private CoapResponse fromDevice(CoapRequest request) {
    CompletableFuture<CoapResponse> answer = device.send(request, Duration.ofMinutes(5));
    scheduler.advance(Duration.ofMillis(10));
    assertThat(answer).as("answered within the twin's zero delay").isDone();
    return answer.join();
  }

  private CoapResponse register(String... query) {
    return fromDevice(CoapRequest.to(SERVER, CoapMethod.POST, List.of("rd")).withQuery(List.of(query))
        .withPayload(ContentFormat.LINK.code(), "</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void registerUpdateAndDeregisterGoToTheRegistrationInterface() {
    CoapResponse created = register("ep=dev1", "lt=300", "lwm2m=1.1");
    assertThat(created.code()).isEqualTo(ResponseCode.CREATED);
    assertThat(created.locationPath()).hasSize(2).startsWith("rd");
    List<String> location = created.locationPath();
    assertThat(fromDevice(CoapRequest.to(SERVER, CoapMethod.POST, location)).code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(server.registrations().store().byEndpoint("dev1")).isPresent();
    assertThat(fromDevice(CoapRequest.to(SERVER, CoapMethod.DELETE, location)).code()).isEqualTo(ResponseCode.DELETED);
    assertThat(server.registrations().store().byEndpoint("dev1")).isEmpty();
  }

  @Test
  void aSendGoesToTheSendListeners() {
    register("ep=dev1", "lt=300", "lwm2m=1.1");
    List<String> sent = new ArrayList<>();
    server.addSendListener((registration, values) -> sent.add(registration.endpoint() + " " + values.size()));
    CoapResponse answer = fromDevice(CoapRequest.to(SERVER, CoapMethod.POST, List.of("dp")).withPayload(ContentFormat.SENML_JSON.code(),
        "[{\"bn\":\"/3/0/\",\"n\":\"0\",\"vs\":\"acme\"}]".getBytes(StandardCharsets.UTF_8)));
    assertThat(answer.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(sent).containsExactly("dev1 1");
  }

  @Test
  void firmwareDownloadsAnswerUnderFw() {
    register("ep=dev1", "lt=300", "lwm2m=1.1");
    CoapResponse unknownImage = fromDevice(CoapRequest.to(SERVER, CoapMethod.GET, List.of("fw", "no-such-image")));
    assertThat(unknownImage.code()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(text(unknownImage)).isEqualTo("no resource /fw/no-such-image");
  }

  @Test
  void unknownPathsAre404WithWhereToGo() {
    CoapResponse unknown = fromDevice(CoapRequest.to(SERVER, CoapMethod.POST, List.of("nowhere")));
    assertThat(unknown.code()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(text(unknown)).isEqualTo("no resource /nowhere on this server; clients register under /rd and send to /dp");
    CoapResponse belowDp = fromDevice(CoapRequest.to(SERVER, CoapMethod.POST, List.of("dp", "1")));
    assertThat(belowDp.code()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(text(belowDp)).isEqualTo("no resource /dp/1 on this server; clients register under /rd and send to /dp");
  }

  @Test
  void anyMessageFromASleepingQueueModeClientWakesItAndDrainsItsQueue() {
    register("ep=sleeper", "lt=3600", "lwm2m=1.1", "b=U", "Q");
    Registration sleeper = server.registrations().store().byEndpoint("sleeper").orElseThrow();
    assertThat(server.presence().isAwake(sleeper)).isTrue();
    scheduler.advance(AWAKE.plusSeconds(1));
    assertThat(server.presence().isAwake(sleeper)).as("asleep once the awake time ran out").isFalse();

    CompletableFuture<LwM2mNode> read = server.devices().read(sleeper, LwM2mPath.of(3, 0, 0), RequestOptions.DEFAULTS);
    assertThat(read).isCompletedExceptionally();
    Throwable queued = read.handle((value, failure) -> failure instanceof CompletionException ? failure.getCause() : failure).join();
    assertThat(queued).isInstanceOf(RequestQueuedException.class);
    QueuedRequest waiting = ((RequestQueuedException) queued).request();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(deviceSaw).as("nothing goes to a sleeping device").isEmpty();

    // a request to no resource at all still shows the device awake
    assertThat(fromDevice(CoapRequest.to(SERVER, CoapMethod.GET, List.of("nowhere"))).code()).isEqualTo(ResponseCode.NOT_FOUND);
    scheduler.advance(Duration.ofMillis(10));
    assertThat(server.presence().isAwake(sleeper)).isTrue();
    assertThat(deviceSaw).containsExactly("GET /3/0/0");
    assertThat(waiting.result()).isCompleted();
  }

  @Test
  void aNotificationFromASleepingQueueModeClientWakesItToo() {
    register("ep=sleeper", "lt=3600", "lwm2m=1.1", "b=U", "Q");
    Registration sleeper = server.registrations().store().byEndpoint("sleeper").orElseThrow();
    server.observations().observe(sleeper, LwM2mPath.of(3, 0, 0), List.of(), RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofMillis(10));
    assertThat(observed).hasSize(1);
    scheduler.advance(AWAKE.plusSeconds(1));
    assertThat(server.devices().read(sleeper, LwM2mPath.of(3, 0, 0), RequestOptions.DEFAULTS)).isCompletedExceptionally();

    observed.get(0).notify(manufacturer(), false);
    // the notification listeners run on the scheduler
    scheduler.advance(Duration.ofMillis(10));
    assertThat(server.presence().isAwake(sleeper)).isTrue();
    assertThat(deviceSaw).containsExactly("observe /3/0/0", "GET /3/0/0");
  }
}
