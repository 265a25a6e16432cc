package org.lwm2m4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.registration.ServerAccount;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.lwm2m4j.transport.twin.TwinExchange;
import org.lwm2m4j.transport.twin.TwinNetwork;
import org.slf4j.LoggerFactory;

/**
 * The client's SMS binding on virtual time: SMS are twin endpoints bound at {@link SmsAddress}es
 * (the SMPP transport is another {@code CoapEndpointFactory} of the same kind), fake servers on
 * UDP and SMS numbers.
 */
class SmsBindingTest {
  private static final String OWN = "33600000001";
  private static final String SERVER = "33600000999";
  private static final InetSocketAddress CLIENT_SMS = SmsAddress.of(OWN);
  private static final LwM2mPath UTC_OFFSET = LwM2mPath.of(3, 0, 14);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final List<LwM2mClient> clients = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopClients() {
    clients.forEach(LwM2mClient::halt);
  }

  private LwM2mClient start(LwM2mClient.Builder builder) throws IOException {
    LwM2mClient client = builder.start();
    clients.add(client);
    scheduler.runPending();
    return client;
  }

  private LwM2mClient.Builder client() {
    return LwM2mClient.builder("dev1").scheduler(scheduler).transport(network).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(new RegistrationSettings(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(10), 0.9))
        .sms(OWN, network);
  }

  /** A UQS client of a UDP server at 127.0.0.1:5683 whose SMS number is {@link #SERVER}. */
  private LwM2mClient.Builder uqsClient() {
    return client().server(URI.create("coap://127.0.0.1:5683"), 1, 300, new ClientCredentials.NoSec(), "UQS", Optional.of(SERVER));
  }

  private CoapResponse exchange(ScriptedServer from, CoapRequest request) {
    CompletableFuture<CoapResponse> answer = from.send(request);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(answer).isCompleted();
    return answer.join();
  }

  private static CoapRequest writeUtcOffset(InetSocketAddress to, String offset) {
    return CoapRequest.to(to, CoapMethod.PUT, List.of("3", "0", "14"))
        .withPayload(ContentFormat.TEXT.code(), offset.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void anSmsOnlyClientRegistersAndIsReadWrittenExecutedAndObservedOverSms() throws IOException {
    ScriptedServer server = ScriptedServer.at(network, scheduler, SmsAddress.of(SERVER));
    LwM2mClient client = start(client().server(URI.create("sms://" + SERVER), 1, 300));

    List<ScriptedServer.Received> registers = server.received(CoapMethod.POST, "rd");
    assertThat(registers).hasSize(1);
    assertThat(registers.get(0).request().peer()).isEqualTo(CLIENT_SMS);
    assertThat(registers.get(0).query()).containsExactly("ep=dev1", "lt=300", "lwm2m=1.1", "b=S", "sms=" + OWN);
    assertThat(client.registrations().registrations()).containsKey(1);

    CoapResponse read = exchange(server, CoapRequest.to(CLIENT_SMS, CoapMethod.GET, List.of("3", "0", "0")));
    assertThat(read.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(exchange(server, writeUtcOffset(CLIENT_SMS, "+02:00")).code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(client.value(UTC_OFFSET)).contains(Value.of("+02:00"));
    assertThat(exchange(server, CoapRequest.to(CLIENT_SMS, CoapMethod.POST, List.of("3", "0", "4"))).code())
        .isEqualTo(ResponseCode.CHANGED);

    List<CoapResponse> notifications = new CopyOnWriteArrayList<>();
    CompletableFuture<CoapResponse> observed = server.observe(CoapRequest.to(CLIENT_SMS, CoapMethod.GET, List.of("3", "0", "14")),
        notifications::add);
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(observed.join().code()).isEqualTo(ResponseCode.CONTENT);
    exchange(server, writeUtcOffset(CLIENT_SMS, "+03:00"));
    assertThat(notifications).extracting(SmsBindingTest::text).containsExactly("+03:00");

    scheduler.advance(Duration.ofSeconds(300));
    assertThat(server.received(CoapMethod.POST, "rd/1")).as("Updates go by SMS too").isNotEmpty();
    assertThat(network.exchanges()).as("nothing went over UDP").allSatisfy(exchange -> {
      assertThat(SmsAddress.isSms(exchange.from())).isTrue();
      assertThat(SmsAddress.isSms(exchange.to())).isTrue();
    });
  }

  @Test
  void aUqsClientRegistersOverUdpWithItsNumberAndTheSmsTriggerMakesItUpdateOverUdp() throws IOException {
    ScriptedServer udp = ScriptedServer.on(network, scheduler, 5683);
    ScriptedServer sms = ScriptedServer.at(network, scheduler, SmsAddress.of(SERVER));
    Instant origin = scheduler.now();
    LwM2mClient client = start(uqsClient());

    List<ScriptedServer.Received> registers = udp.received(CoapMethod.POST, "rd");
    assertThat(registers).hasSize(1);
    assertThat(registers.get(0).request().peer().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(registers.get(0).query()).as("1.1: transports in b, queue mode in Q")
        .containsExactly("ep=dev1", "lt=300", "lwm2m=1.1", "b=US", "Q", "sms=" + OWN);

    scheduler.advance(Duration.ofSeconds(120));
    CompletableFuture<CoapResponse> whileAsleep = udp.send(CoapRequest.to(client.address(), CoapMethod.GET, List.of("3", "0", "0")));
    scheduler.advance(Duration.ofSeconds(61));
    assertThat(whileAsleep).as("past the awake window the UDP side sleeps").isCompletedExceptionally();

    CoapResponse trigger = exchange(sms, CoapRequest.to(CLIENT_SMS, CoapMethod.POST, List.of("1", "0", "8")));
    assertThat(trigger.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(udp.instants(CoapMethod.POST, "rd/1", origin)).as("the Update goes over UDP, at once").hasSize(1);
    assertThat(sms.received()).as("nothing answered by SMS but the trigger's ACK").isEmpty();

    CoapResponse awake = exchange(udp, CoapRequest.to(client.address(), CoapMethod.GET, List.of("3", "0", "0")));
    assertThat(awake.code()).as("awake again after the Update").isEqualTo(ResponseCode.CONTENT);
  }

  @Test
  void aReadOrWriteBySmsToAUqsClientIsRefusedWith403AndNotPerformed() throws IOException {
    ScriptedServer.on(network, scheduler, 5683);
    ScriptedServer sms = ScriptedServer.at(network, scheduler, SmsAddress.of(SERVER));
    LwM2mClient client = start(uqsClient());
    Optional<Value> before = client.value(UTC_OFFSET);

    CoapResponse read = exchange(sms, CoapRequest.to(CLIENT_SMS, CoapMethod.GET, List.of("3", "0", "0")));
    CoapResponse write = exchange(sms, writeUtcOffset(CLIENT_SMS, "+05:00"));

    assertThat(read.code()).isEqualTo(ResponseCode.FORBIDDEN);
    assertThat(text(read)).contains("SMS is only for the Registration Update Trigger");
    assertThat(write.code()).isEqualTo(ResponseCode.FORBIDDEN);
    assertThat(client.value(UTC_OFFSET)).isEqualTo(before);
  }

  @Test
  void anSmsFromANumberThatIsNoServersIsIgnored() throws IOException {
    ScriptedServer.on(network, scheduler, 5683);
    ScriptedServer stranger = ScriptedServer.at(network, scheduler, SmsAddress.of("33699999999"));
    LwM2mClient client = start(uqsClient());
    Optional<Value> before = client.value(UTC_OFFSET);

    CompletableFuture<CoapResponse> trigger = stranger.send(CoapRequest.to(CLIENT_SMS, CoapMethod.POST, List.of("1", "0", "8")));
    CompletableFuture<CoapResponse> write = stranger.send(writeUtcOffset(CLIENT_SMS, "+05:00"));
    scheduler.advance(Duration.ofSeconds(61));

    assertThat(trigger).isCompletedExceptionally();
    assertThat(write).isCompletedExceptionally();
    assertThat(write.handle((response, failure) -> failure)).isCompletedWithValueMatching(failure -> failure instanceof TimeoutException
        || failure.getCause() instanceof TimeoutException, "a timeout");
    assertThat(network.exchanges()).as("the client answered nothing by SMS")
        .noneMatch(exchange -> exchange.from().equals(CLIENT_SMS) && exchange.kind() != TwinExchange.Kind.REQUEST);
    assertThat(client.value(UTC_OFFSET)).isEqualTo(before);
  }

  @Test
  void aLwM2m10ClientWritesUqsInTheBindingAndSendsItsNumber() throws IOException {
    ScriptedServer udp = ScriptedServer.on(network, scheduler, 5683);
    start(uqsClient().lwm2mVersion(org.lwm2m4j.core.model.Version.V1_0));

    assertThat(udp.received(CoapMethod.POST, "rd").get(0).query()).containsExactly("ep=dev1", "lt=300", "lwm2m=1.0", "b=UQS", "sms=" + OWN);
  }

  @Test
  void aServerThatAddsSToTheBindingIsToldTheNumberInTheUpdate() throws IOException {
    ScriptedServer udp = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 300));
    assertThat(udp.received(CoapMethod.POST, "rd").get(0).query()).containsExactly("ep=dev1", "lt=300", "lwm2m=1.1", "b=U");

    CoapResponse written = exchange(udp, CoapRequest.to(client.address(), CoapMethod.PUT, List.of("1", "0", "7"))
        .withPayload(ContentFormat.TEXT.code(), "US".getBytes(StandardCharsets.UTF_8)));
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(written.code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(udp.received(CoapMethod.POST, "rd/1")).extracting(ScriptedServer.Received::query)
        .containsExactly(List.of("b=US", "sms=" + OWN));
  }

  @Test
  void aClientWithoutAnSmsTransportDoesNotRegisterWithAnSmsOnlyServer() throws IOException {
    ScriptedServer server = ScriptedServer.at(network, scheduler, SmsAddress.of(SERVER));
    LwM2mClient client = start(LwM2mClient.builder("dev1").scheduler(scheduler).transport(network)
        .localAddress(new InetSocketAddress("127.0.0.1", 0)).server(URI.create("sms://" + SERVER), 1, 300));
    scheduler.advance(Duration.ofSeconds(10));

    assertThat(server.received()).isEmpty();
    assertThat(client.registrations().registrations()).isEmpty();
  }

  @Test
  void anSmsSecurityModeOtherThanNoSecInTheFactoryConfigurationIsRefusedAtStartNamingTheResource(@TempDir Path dir) throws IOException {
    ScriptedServer server = ScriptedServer.at(network, scheduler, SmsAddress.of(SERVER));
    Path config = dir.resolve("factory.json");
    Files.writeString(config, "[{\"n\":\"/0/0/0\",\"vs\":\"sms://" + SERVER + "\"},{\"n\":\"/0/0/1\",\"vb\":false},"
        + "{\"n\":\"/0/0/2\",\"v\":3},{\"n\":\"/0/0/6\",\"v\":1},{\"n\":\"/0/0/10\",\"v\":1},"
        + "{\"n\":\"/1/0/0\",\"v\":1},{\"n\":\"/1/0/1\",\"v\":300},{\"n\":\"/1/0/6\",\"vb\":false},{\"n\":\"/1/0/7\",\"vs\":\"S\"}]");
    Logger logger = (Logger) LoggerFactory.getLogger(ServerAccount.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      start(client().factoryConfig(config));
      scheduler.advance(Duration.ofSeconds(10));
    } finally {
      logger.detachAppender(lines);
    }

    assertThat(server.received()).isEmpty();
    assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).contains("server 1: SMS Security Mode (/0/0/6) 1 (DTLS) "
        + "is not supported: this client supports only 3 (NoSec); not registering");
  }

  @Test
  void aRegisterBySmsWaitsForCoapsRetransmissionsOverSmsBeforeItFails() throws IOException {
    // CoAP over SMS: ACK timeout 30 s, 2 retransmissions, so the last attempt fails 210 to 315 s after the first
    TwinNetwork sms = new TwinNetwork(scheduler, new CoapSettings(Duration.ofSeconds(30), 2), 1);
    ScriptedServer server = ScriptedServer.at(sms, scheduler, SmsAddress.of(SERVER));
    sms.cut(server.address(), true);
    List<Instant> failures = new CopyOnWriteArrayList<>();
    Instant origin = scheduler.now();
    start(client().sms(OWN, sms).server(URI.create("sms://" + SERVER), 1, 300)
        .registrationListener(new org.lwm2m4j.client.registration.RegistrationListener() {
      @Override
      public void failed(int shortServerId, String reason, long retryInMillis) {
        failures.add(scheduler.now());
      }
    }));

    scheduler.advance(Duration.ofSeconds(316));

    assertThat(failures).as("CoAP's retransmissions over SMS, not the 60 s request timeout").singleElement()
        .satisfies(failed -> assertThat(Duration.between(origin, failed)).isBetween(Duration.ofSeconds(210), Duration.ofSeconds(315)));
  }
}
