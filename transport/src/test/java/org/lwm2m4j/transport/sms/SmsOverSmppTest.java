package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.sms.smsc.Smsc;
import org.lwm2m4j.transport.sms.smsc.SmscSettings;
import org.lwm2m4j.transport.sms.smsc.SmsRecord;

/** CoAP between two {@link SmsNetwork}s through the SMSC simulator, over real SMPP on 127.0.0.1. */
class SmsOverSmppTest {
  private static final String SERVER = "33600000001";
  private static final String DEVICE = "33600000002";
  private static final String HOSTILE = "33600000666";
  /** Short ACK timeouts so that retransmission runs fast; enough attempts that 10 % loss each way never ends an exchange. */
  private static final CoapSettings COAP = new CoapSettings(Duration.ofMillis(500), 6);
  private static final Duration EXCHANGE = Duration.ofSeconds(120);
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final SystemScheduler scheduler = SystemScheduler.create("sms-test", 2);
  private final List<AutoCloseable> closing = new ArrayList<>();
  private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
  private Smsc smsc;
  private SmsNetwork serverNetwork;
  private SmsNetwork deviceNetwork;
  private CoapEndpoint server;

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) {
      closing.get(i).close();
    }
    if (smsc != null) {
      smsc.close();
    }
    scheduler.close();
  }

  @Test
  void confirmableRequestGetsItsResponse() throws IOException {
    start(SmscSettings.DEFAULTS);

    CoapResponse response = read("/3/0");

    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(new String(response.payload(), StandardCharsets.UTF_8)).isEqualTo("read /3/0");
    // the SMSC records an SMS once its deliver_sm is answered, which may be just after the response arrived
    await().atMost(WAIT).until(() -> smsc.log().stream().map(SmsRecord::from).toList().containsAll(List.of(SERVER, DEVICE)));
    assertThat(smsc.log()).allMatch(sms -> sms.dataCoding() == 0x04);
    await().atMost(WAIT).until(() -> serverNetwork.counters().receipts() >= 1 && serverNetwork.counters().sent() >= 1);
    assertThat(deviceNetwork.counters().received()).isPositive();
  }

  @Test
  void sixHundredBytesTravelConcatenatedBothWays() throws IOException {
    start(SmscSettings.DEFAULTS);
    byte[] body = ConcatenationTest.bytes(600);

    CoapResponse response = server.send(CoapRequest.to(SmsAddress.of(DEVICE), CoapMethod.PUT, List.of("echo"))
        .withPayload(42, body), EXCHANGE).join();

    assertThat(response.payload()).isEqualTo(reversed(body));
    await().atMost(WAIT).until(() -> smsc.log().stream().filter(sms -> sms.part().isPresent())
        .filter(sms -> sms.part().get().total() == 5).count() == 10); // five parts each way
    assertThat(smsc.log()).allMatch(sms -> sms.userData().length <= 140);
  }

  @Test
  void lossAndDuplicatesAtTheSmscLeaveEveryExchangeAnsweredExactlyOnce() throws IOException {
    start(SmscSettings.DEFAULTS.withLoss(0.1).withDuplicates(0.1).withSeed(16));

    for (int i = 0; i < 30; i++) {
      CoapResponse response = server.send(CoapRequest.to(SmsAddress.of(DEVICE), CoapMethod.POST,
          List.of("1", "0", String.valueOf(i))), EXCHANGE).join();
      assertThat(response.code()).isEqualTo(ResponseCode.CHANGED);
    }

    assertThat(handled).hasSize(30);
    assertThat(handled.values()).allMatch(count -> count.get() == 1);
    assertThat(smsc.log()).extracting(SmsRecord::fate).contains(SmsRecord.Fate.LOST, SmsRecord.Fate.DUPLICATED);
  }

  @Test
  void networksBindAgainWhenTheSmscComesBackOnTheSamePort() throws IOException {
    start(SmscSettings.DEFAULTS);
    assertThat(read("/3/0").code()).isEqualTo(ResponseCode.CONTENT);
    int port = smsc.port();

    smsc.close();
    await().atMost(WAIT).until(() -> !serverNetwork.isBound() && !deviceNetwork.isBound());
    smsc = Smsc.start(SmscSettings.DEFAULTS.withPort(port));
    await().atMost(WAIT).until(() -> serverNetwork.isBound() && deviceNetwork.isBound());

    assertThat(read("/3/1").code()).isEqualTo(ResponseCode.CONTENT);
  }

  @Test
  void networksOpenedBeforeTheSmscStartsBindOnceItDoes() throws IOException {
    int port = SmsNetworkTest.freePort();
    serverNetwork = open(SERVER, port, Duration.ofSeconds(60));
    deviceNetwork = open(DEVICE, port, Duration.ofSeconds(60));
    server = serverNetwork.bind(SmsAddress.of(SERVER), request -> new CompletableFuture<>());
    deviceNetwork.bind(SmsAddress.of(DEVICE), device());
    assertThat(serverNetwork.isBound()).isFalse();

    smsc = Smsc.start(SmscSettings.DEFAULTS.withPort(port));
    await().atMost(WAIT).until(() -> serverNetwork.isBound() && deviceNetwork.isBound());

    assertThat(read("/3/0").code()).isEqualTo(ResponseCode.CONTENT);
  }

  @Test
  void garbageTruncatedConcatenationAndUnknownNumberAreDroppedWithoutDisturbingTheNextExchange() throws Exception {
    start(SmscSettings.DEFAULTS);
    SmsNetwork unserved = open("33600000003", Duration.ofSeconds(60)); // bound to the SMSC, no endpoint
    await().atMost(WAIT).until(unserved::isBound);
    SMPPSession hostile = new SMPPSession();
    closing.add(hostile::unbindAndClose);
    hostile.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, "esme", "pw", "",
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, HOSTILE));

    submit(hostile, DEVICE, "ffff0000", false);               // CoAP version 3: not CoAP
    submit(hostile, DEVICE, "0500030103017265", true);        // part 1 of 3, the others never come
    submit(hostile, DEVICE, "050003010000aa", true);          // total 0
    submit(hostile, "33600000003", "40010001", false);        // a number nobody serves
    await().atMost(WAIT).until(() -> deviceNetwork.counters().dropped(SmsDrop.NOT_COAP) == 1
        && deviceNetwork.counters().dropped(SmsDrop.BAD_CONCATENATION) == 1
        && deviceNetwork.counters().dropped(SmsDrop.TRUNCATED_CONCATENATION) == 1
        && unserved.counters().dropped(SmsDrop.UNKNOWN_NUMBER) == 1);

    assertThat(read("/3/0").code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(handled).containsOnlyKeys("/3/0");
  }

  private void start(SmscSettings settings) throws IOException {
    smsc = Smsc.start(settings.withPort(0));
    serverNetwork = open(SERVER, Duration.ofSeconds(60));
    deviceNetwork = open(DEVICE, Duration.ofMillis(500));
    server = serverNetwork.bind(SmsAddress.of(SERVER), request -> new CompletableFuture<>());
    deviceNetwork.bind(SmsAddress.of(DEVICE), device());
    await().atMost(WAIT).until(() -> serverNetwork.isBound() && deviceNetwork.isBound());
  }

  private SmsNetwork open(String number, Duration concatenationTimeout) {
    return open(number, smsc.port(), concatenationTimeout);
  }

  private SmsNetwork open(String number, int port, Duration concatenationTimeout) {
    SmppSettings settings = SmppSettings.of("127.0.0.1", port, "esme", "pw", number)
        .withRebind(Duration.ofMillis(50), Duration.ofMillis(500))
        .withConcatenationTimeout(concatenationTimeout);
    SmsNetwork network = SmsNetwork.open(settings, scheduler, COAP);
    closing.add(network);
    return network;
  }

  private CoapResponse read(String path) {
    List<String> segments = List.of(path.substring(1).split("/"));
    return server.send(CoapRequest.to(SmsAddress.of(DEVICE), CoapMethod.GET, segments), EXCHANGE).join();
  }

  /** Reads answer with their path, PUT /echo with its payload reversed, POST with 2.04; every request counted. */
  private CoapHandler device() {
    return request -> {
      String path = "/" + String.join("/", request.path());
      handled.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      CoapResponse response = switch (request.method()) {
        case GET -> new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(0), List.of(),
            ("read " + path).getBytes(StandardCharsets.UTF_8));
        case PUT -> new CoapResponse(ResponseCode.CHANGED, OptionalInt.of(42), List.of(), reversed(request.payload()));
        default -> CoapResponse.of(ResponseCode.CHANGED);
      };
      return CompletableFuture.completedFuture(response);
    };
  }

  private static void submit(SMPPSession session, String to, String hex, boolean udhi) throws Exception {
    session.submitShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, HOSTILE,
        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(udhi ? 0x40 : 0), (byte) 0, (byte) 1,
        null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0x04), (byte) 0,
        HexFormat.of().parseHex(hex));
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] reversed = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      reversed[i] = bytes[bytes.length - 1 - i];
    }
    return reversed;
  }
}
