package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.observation.ObserveResult;
import org.lwm2m4j.server.queue.QueuedRequest;
import org.lwm2m4j.server.queue.RequestQueuedException;
import org.lwm2m4j.server.queue.WakeUpSms;
import org.lwm2m4j.server.registration.Channel;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.security.UnsecuredPolicy;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * The SMS binding on the server, with SMS played by endpoints of the transport twin bound at SMS
 * addresses, on virtual time: registering and being managed by SMS, and the SMS wake-up of sleeping
 * queue-mode clients ({@code /1/x/8}) whose queued requests go out with their Update.
 */
class SmsBindingOnTwinTest {
  private static final InetSocketAddress SERVER_UDP = new InetSocketAddress("127.0.0.1", 5683);
  private static final String SERVER_NUMBER = "33600000001";
  private static final InetSocketAddress SERVER_SMS = SmsAddress.of(SERVER_NUMBER);
  private static final String DEVICE_NUMBER = "33612345678";
  private static final Duration AWAKE = Duration.ofSeconds(93);
  private static final Duration RETRY = Duration.ofSeconds(60);
  private static final LwM2mPath MANUFACTURER = LwM2mPath.of(3, 0, 0);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final List<WakeUpSms> wakeUps = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  private LwM2mServer server;

  private LwM2mServer start(boolean withSms, UnsecuredPolicy unsecured) throws IOException {
    LwM2mServerBuilder builder = LwM2mServer.builder().transport(network).scheduler(scheduler).coapAddress(SERVER_UDP)
        .queueMode(AWAKE, 16, Duration.ofHours(1)).unsecured(unsecured).smsWakeUpRetry(RETRY);
    if (withSms) {
      builder.sms("+" + SERVER_NUMBER, network);
    }
    server = builder.start();
    server.addWakeUpListener(wakeUps::add);
    return server;
  }

  private LwM2mServer start() throws IOException {
    return start(true, UnsecuredPolicy.ALLOW);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : closing) {
      closeable.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** A device endpoint on the twin that answers Reads of /3/0/0 with "acme" and records what it is asked. */
  private final class Device implements CoapHandler {
    final List<String> saw = new CopyOnWriteArrayList<>();
    final List<ObserveRelation> observed = new CopyOnWriteArrayList<>();
    final CoapEndpoint endpoint;

    Device(InetSocketAddress address) throws IOException {
      this.endpoint = network.bind(address, this);
      closing.add(endpoint::close);
    }

    @Override
    public CompletableFuture<CoapResponse> handle(CoapRequest request) {
      saw.add(request.method() + " " + request.pathText());
      if (request.method() == CoapMethod.GET) {
        return CompletableFuture.completedFuture(new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.TEXT.code()),
            List.of(), "acme".getBytes(StandardCharsets.UTF_8)));
      }
      return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
    }

    @Override
    public CompletableFuture<CoapResponse> observe(CoapRequest request, ObserveRelation relation) {
      observed.add(relation);
      return handle(request);
    }

    /** Sends {@code request} and lets virtual time run until it is answered. */
    CoapResponse send(CoapRequest request) {
      CompletableFuture<CoapResponse> answer = endpoint.send(request, Duration.ofMinutes(5));
      scheduler.advance(Duration.ofMillis(10));
      assertThat(answer).as("answered within the twin's zero delay").isDone();
      return answer.join();
    }

    CoapResponse register(InetSocketAddress server, String objects, String... query) {
      return send(CoapRequest.to(server, CoapMethod.POST, List.of("rd")).withQuery(List.of(query))
          .withPayload(ContentFormat.LINK.code(), objects.getBytes(StandardCharsets.UTF_8)));
    }
  }

  private Device udpDevice() throws IOException {
    return new Device(new InetSocketAddress("127.0.0.1", 0));
  }

  private Device smsDevice() throws IOException {
    return new Device(SmsAddress.of(DEVICE_NUMBER));
  }

  private Registration registration(String endpoint) {
    return server.registrations().store().byEndpoint(endpoint).orElseThrow();
  }

  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    return future.handle((value, failure) -> failure instanceof CompletionException ? failure.getCause() : failure).join();
  }

  /** Reads /3/0/0 of a sleeping client: queued, as the REST API's 202 shows it. */
  private QueuedRequest queuedRead(Registration sleeper) {
    CompletableFuture<LwM2mNode> read = server.devices().read(sleeper, MANUFACTURER, RequestOptions.DEFAULTS);
    Throwable queued = failure(read);
    assertThat(queued).isInstanceOf(RequestQueuedException.class);
    return ((RequestQueuedException) queued).request();
  }

  @Test
  void aClientRegisteredBySmsIsReadWrittenExecutedAndObservedBySms() throws IOException {
    start();
    assertThat(server.smsAddress()).contains(SERVER_SMS);
    Device device = smsDevice();
    Device elsewhere = udpDevice();
    CoapResponse created = device.register(SERVER_SMS, "</1/0>,</3/0>", "ep=sms-only", "lt=3600", "lwm2m=1.1", "b=S",
        "sms=" + DEVICE_NUMBER);
    assertThat(created.code()).isEqualTo(ResponseCode.CREATED);
    Registration registration = registration("sms-only");
    assertThat(registration.address()).isEqualTo(SmsAddress.of(DEVICE_NUMBER));
    assertThat(registration.channel()).isEqualTo(Channel.SMS);
    assertThat(registration.secure()).isFalse();

    CompletableFuture<LwM2mNode> read = server.devices().read(registration, MANUFACTURER, RequestOptions.DEFAULTS);
    CompletableFuture<Void> write = server.devices().write(registration, LwM2mPath.of(3, 0, 14),
        SingleResource.of(14, Value.of("+02:00")), org.lwm2m4j.server.device.WriteMode.REPLACE, RequestOptions.DEFAULTS);
    CompletableFuture<Void> execute = server.devices().execute(registration, LwM2mPath.of(3, 0, 4), "", RequestOptions.DEFAULTS);
    CompletableFuture<ObserveResult> observe = server.observations().observe(registration, MANUFACTURER, List.of(),
        RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(read.join()).isEqualTo(SingleResource.of(0, Value.of("acme")));
    assertThat(write).isCompleted();
    assertThat(execute).isCompleted();
    assertThat(observe.join().content().get(MANUFACTURER)).isEqualTo(SingleResource.of(0, Value.of("acme")));
    assertThat(device.saw).containsExactlyInAnyOrder("GET /3/0/0", "PUT /3/0/14", "POST /3/0/4", "GET /3/0/0");
    assertThat(elsewhere.saw).isEmpty();

    List<String> notified = new CopyOnWriteArrayList<>();
    server.observations().addListener(notification -> notified.add(notification.registration().endpoint()));
    device.observed.get(0).notify(new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.TEXT.code()), List.of(),
        "acme 2".getBytes(StandardCharsets.UTF_8)), false);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(notified).containsExactly("sms-only");

    List<String> location = created.locationPath();
    assertThat(device.send(CoapRequest.to(SERVER_SMS, CoapMethod.POST, location)).code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(device.send(CoapRequest.to(SERVER_SMS, CoapMethod.DELETE, location)).code()).isEqualTo(ResponseCode.DELETED);
    assertThat(server.registrations().store().byEndpoint("sms-only")).isEmpty();
  }

  @Test
  void registeringBySmsPassesTheSamePolicyAsPlainUdp() throws IOException {
    start(true, UnsecuredPolicy.DENY);
    CoapResponse bySms = smsDevice().register(SERVER_SMS, "</1/0>,</3/0>", "ep=dev-sms", "lwm2m=1.1", "b=S");
    CoapResponse byUdp = udpDevice().register(SERVER_UDP, "</1/0>,</3/0>", "ep=dev-udp", "lwm2m=1.1", "b=U");
    assertThat(bySms.code()).isEqualTo(byUdp.code()).isEqualTo(ResponseCode.FORBIDDEN);
  }

  @Test
  void aUdpClientWhoseBindingAlsoHasSmsIsReachedOverUdpWhileAwake() throws IOException {
    start();
    Device udp = udpDevice();
    Device sms = smsDevice();
    udp.register(SERVER_UDP, "</1/0>,</3/0>", "ep=both", "lt=3600", "b=UQS", "sms=" + DEVICE_NUMBER);
    Registration both = registration("both");
    assertThat(both.channel()).isEqualTo(Channel.UDP);
    assertThat(server.canWakeBySms(both)).isTrue();

    CompletableFuture<LwM2mNode> read = server.devices().read(both, MANUFACTURER, RequestOptions.DEFAULTS);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(read).isCompleted();
    assertThat(udp.saw).containsExactly("GET /3/0/0");
    assertThat(sms.saw).isEmpty();
    assertThat(wakeUps).isEmpty();
  }

  @Test
  void aSleepingUqsClientGetsOneWakeUpSmsAndItsUpdateFlushesTheQueue() throws IOException {
    start();
    Device udp = udpDevice();
    Device sms = smsDevice();
    CoapResponse created = udp.register(SERVER_UDP, "</1/0>,</3/0>", "ep=sleeper", "lt=3600", "b=UQS", "sms=" + DEVICE_NUMBER);
    scheduler.advance(AWAKE.plusSeconds(1));
    Registration sleeper = registration("sleeper");
    assertThat(server.presence().isAwake(sleeper)).isFalse();

    QueuedRequest first = queuedRead(sleeper);
    QueuedRequest second = queuedRead(sleeper);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(sms.saw).as("one trigger for the sleep period, not one per request").containsExactly("POST /1/0/8");
    assertThat(udp.saw).as("nothing over UDP while it sleeps").isEmpty();
    assertThat(wakeUps).singleElement().satisfies(wakeUp -> {
      assertThat(wakeUp.endpoint()).isEqualTo("sleeper");
      assertThat(wakeUp.msisdn()).isEqualTo(DEVICE_NUMBER);
      assertThat(wakeUp.path()).isEqualTo("/1/0/8");
      assertThat(wakeUp.attempt()).isEqualTo(1);
    });

    // the trigger makes the client send an Update over UDP: what waited goes out then
    assertThat(udp.send(CoapRequest.to(SERVER_UDP, CoapMethod.POST, created.locationPath())).code()).isEqualTo(ResponseCode.CHANGED);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(udp.saw).containsExactly("GET /3/0/0", "GET /3/0/0");
    assertThat(first.result()).isCompleted();
    assertThat(second.result()).isCompleted();
    assertThat(first.result().join()).isEqualTo(SingleResource.of(0, Value.of("acme")));

    // no retry once it was heard from
    scheduler.advance(RETRY.multipliedBy(3));
    assertThat(sms.saw).containsExactly("POST /1/0/8");
  }

  @Test
  void a11ClientWithUsAndQIsWokenOnTheServerInstanceItLists() throws IOException {
    start();
    Device udp = udpDevice();
    Device sms = smsDevice();
    CoapResponse created = udp.register(SERVER_UDP, "</1/3>,</3/0>", "ep=sleeper", "lt=3600", "lwm2m=1.1", "b=US", "Q",
        "sms=+" + DEVICE_NUMBER);
    scheduler.advance(AWAKE.plusSeconds(1));
    QueuedRequest read = queuedRead(registration("sleeper"));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(sms.saw).containsExactly("POST /1/3/8");

    udp.send(CoapRequest.to(SERVER_UDP, CoapMethod.POST, created.locationPath()));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(read.result()).isCompleted();
  }

  @Test
  void aClientThatStaysAsleepGetsAnotherSmsAfterTheRetryIntervalOnly() throws IOException {
    start();
    Device udp = udpDevice();
    Device sms = smsDevice();
    udp.register(SERVER_UDP, "</1/0>,</3/0>", "ep=sleeper", "lt=3600", "b=UQS", "sms=" + DEVICE_NUMBER);
    scheduler.advance(AWAKE.plusSeconds(1));
    Registration sleeper = registration("sleeper");
    queuedRead(sleeper);
    scheduler.advance(RETRY.minusSeconds(1));
    queuedRead(sleeper);
    assertThat(sms.saw).hasSize(1);
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(sms.saw).containsExactly("POST /1/0/8", "POST /1/0/8");
    assertThat(wakeUps).extracting(WakeUpSms::attempt).containsExactly(1, 2);
  }

  @Test
  void noWakeUpWithoutAnSmsNumberAnSmsEndpointOrAnSmsChannelOutOfQueueMode() throws IOException {
    start();
    Device udp = udpDevice();
    Device sms = smsDevice();
    udp.register(SERVER_UDP, "</1/0>,</3/0>", "ep=no-number", "lt=3600", "b=UQS");
    udp.register(SERVER_UDP, "</1/0>,</3/0>", "ep=uq", "lt=3600", "b=UQ", "sms=" + DEVICE_NUMBER);
    smsDevice(DEVICE_NUMBER + "9").register(SERVER_SMS, "</1/0>,</3/0>", "ep=sq", "lt=3600", "b=SQ", "sms=" + DEVICE_NUMBER);
    scheduler.advance(AWAKE.plusSeconds(1));
    for (String endpoint : List.of("no-number", "uq", "sq")) {
      assertThat(server.canWakeBySms(registration(endpoint))).as(endpoint).isFalse();
      queuedRead(registration(endpoint));
    }
    scheduler.advance(RETRY.multipliedBy(2));
    assertThat(sms.saw).isEmpty();
    assertThat(wakeUps).isEmpty();
  }

  @Test
  void noWakeUpFromAServerWithoutSms() throws IOException {
    start(false, UnsecuredPolicy.ALLOW);
    assertThat(server.smsAddress()).isEmpty();
    Device udp = udpDevice();
    Device sms = smsDevice();
    udp.register(SERVER_UDP, "</1/0>,</3/0>", "ep=sleeper", "lt=3600", "b=UQS", "sms=" + DEVICE_NUMBER);
    scheduler.advance(AWAKE.plusSeconds(1));
    Registration sleeper = registration("sleeper");
    assertThat(server.canWakeBySms(sleeper)).isFalse();
    queuedRead(sleeper);
    scheduler.advance(RETRY.multipliedBy(2));
    assertThat(sms.saw).isEmpty();
    assertThat(wakeUps).isEmpty();
  }

  private Device smsDevice(String number) throws IOException {
    return new Device(SmsAddress.of(number));
  }
}
