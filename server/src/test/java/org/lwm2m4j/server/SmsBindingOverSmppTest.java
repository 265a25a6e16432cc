package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.queue.QueuedRequest;
import org.lwm2m4j.server.queue.RequestQueuedException;
import org.lwm2m4j.server.registration.Channel;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.sms.SmppSettings;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.lwm2m4j.transport.sms.SmsNetwork;
import org.lwm2m4j.transport.sms.smsc.SmsRecord;
import org.lwm2m4j.transport.sms.smsc.Smsc;
import org.lwm2m4j.transport.sms.smsc.SmscSettings;

/**
 * The server's SMS binding over real SMPP: the server and a raw-CoAP device each bind to the SMSC
 * simulator on 127.0.0.1 through an {@link SmsNetwork}; UDP runs on real sockets on 127.0.0.1.
 */
class SmsBindingOverSmppTest {
  private static final String SERVER_NUMBER = "33600000001";
  private static final String DEVICE_NUMBER = "33600000002";
  /** Short ACK timeouts, so that a lost SMS costs little time. */
  private static final CoapSettings SMS_COAP = new CoapSettings(Duration.ofMillis(500), 4);
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final LwM2mPath MANUFACTURER = LwM2mPath.of(3, 0, 0);

  private final SystemScheduler scheduler = SystemScheduler.create("sms-server-test", 2);
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final List<String> overSms = new CopyOnWriteArrayList<>();
  private final Smsc smsc;
  private final LwM2mServer server;

  SmsBindingOverSmppTest() throws IOException {
    smsc = Smsc.start(SmscSettings.DEFAULTS.withPort(0));
    SmsNetwork serverSms = network(SERVER_NUMBER);
    // long enough that a loaded machine still sees the client awake just after it registered
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).scheduler(scheduler)
        .sms(SERVER_NUMBER, serverSms).queueMode(Duration.ofMillis(2500), 4, Duration.ofMinutes(5)).start();
    closing.add(server);
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    smsc.close();
    scheduler.close();
  }

  private SmsNetwork network(String number) {
    SmsNetwork network = SmsNetwork.open(SmppSettings.of("127.0.0.1", smsc.port(), "lwm2m", "", number), scheduler, SMS_COAP);
    closing.add(network);
    await("sms:" + number + " bound to the SMSC").atMost(WAIT).until(network::isBound);
    return network;
  }

  private static CoapResponse manufacturer() {
    return new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.TEXT.code()), List.of(),
        "acme".getBytes(StandardCharsets.UTF_8));
  }

  /** The device's SMS side: answers Reads, records what it got, and runs {@code onTrigger} on an Execute of /1/x/8. */
  private CoapEndpoint smsDevice(Runnable onTrigger) throws IOException {
    CoapEndpoint endpoint = network(DEVICE_NUMBER).bind(SmsAddress.of(DEVICE_NUMBER), request -> {
      overSms.add(request.method() + " " + request.pathText());
      if (request.method() == CoapMethod.POST && request.pathText().endsWith("/8")) {
        onTrigger.run();
      }
      return CompletableFuture.completedFuture(request.method() == CoapMethod.GET ? manufacturer() : CoapResponse.of(ResponseCode.CHANGED));
    });
    closing.add(endpoint);
    return endpoint;
  }

  private static CoapRequest register(InetSocketAddress to, String... query) {
    return CoapRequest.to(to, CoapMethod.POST, List.of("rd")).withQuery(List.of(query))
        .withPayload(ContentFormat.LINK.code(), "</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aClientRegistersBySmsAndIsReadBySms() throws Exception {
    CoapEndpoint device = smsDevice(() -> {});
    CoapResponse created = device.send(register(SmsAddress.of(SERVER_NUMBER), "ep=sms-dev", "lt=600", "lwm2m=1.1", "b=S",
        "sms=" + DEVICE_NUMBER), WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(created.code()).isEqualTo(ResponseCode.CREATED);
    Registration registration = server.registrations().store().byEndpoint("sms-dev").orElseThrow();
    assertThat(registration.channel()).isEqualTo(Channel.SMS);

    LwM2mNode read = server.devices().read(registration, MANUFACTURER, RequestOptions.DEFAULTS).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(read).isEqualTo(SingleResource.of(0, Value.of("acme")));
    assertThat(overSms).containsExactly("GET /3/0/0");
    await("both SMS in the SMSC's log").atMost(WAIT).untilAsserted(() ->
        assertThat(smsc.log()).extracting(SmsRecord::from).contains(SERVER_NUMBER, DEVICE_NUMBER));
  }

  @Test
  void aSleepingUqsClientIsWokenBySmsAndItsUpdateOverUdpFlushesTheRead() throws Exception {
    CompletableFuture<List<String>> location = new CompletableFuture<>();
    CoapHandler answers = request -> CompletableFuture.completedFuture(manufacturer());
    CoapEndpoint udp = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), answers, CoapSettings.DEFAULTS);
    closing.add(udp);
    smsDevice(() -> location.thenAccept(path -> udp.send(CoapRequest.to(server.coapAddress(), CoapMethod.POST, path), WAIT)));
    CoapResponse created = udp.send(register(server.coapAddress(), "ep=sleeper", "lt=600", "b=UQS", "sms=" + DEVICE_NUMBER), WAIT)
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    location.complete(created.locationPath());
    Registration sleeper = server.registrations().store().byEndpoint("sleeper").orElseThrow();
    await("sleeper falling asleep").atMost(WAIT).until(() -> !server.presence().isAwake(sleeper));

    CompletableFuture<LwM2mNode> read = server.devices().read(sleeper, MANUFACTURER, RequestOptions.DEFAULTS);
    Throwable queued = read.handle((value, failure) -> failure instanceof CompletionException ? failure.getCause() : failure).join();
    assertThat(queued).isInstanceOf(RequestQueuedException.class);
    QueuedRequest waiting = ((RequestQueuedException) queued).request();

    assertThat(waiting.result().get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(SingleResource.of(0, Value.of("acme")));
    assertThat(overSms).containsExactly("POST /1/0/8");
    // the SMSC records an SMS once the device has answered its deliver_sm, which may be after the trigger ran
    await("the wake-up SMS in the SMSC's log").atMost(WAIT).untilAsserted(() ->
        assertThat(smsc.log()).filteredOn(sms -> sms.from().equals(SERVER_NUMBER)).extracting(SmsRecord::to).containsOnly(DEVICE_NUMBER));
  }
}
