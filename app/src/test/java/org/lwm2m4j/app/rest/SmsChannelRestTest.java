package org.lwm2m4j.app.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.sms.SmsAddress;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * The SMS binding through the REST API: the channel of each registration, and a sleeping {@code UQS}
 * client woken by SMS — a read answers 202, the {@code wakeup} event names the MSISDN, the client's
 * Update (sent when the trigger arrives) completes the read. CoAP and SMS run on the transport twin
 * (on real time here), HTTP on 127.0.0.1.
 */
class SmsChannelRestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final InetSocketAddress SERVER_UDP = new InetSocketAddress("127.0.0.1", 5683);
  private static final String SERVER_NUMBER = "33600000001";
  private static final String DEVICE_NUMBER = "33612345678";

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final SystemScheduler scheduler = SystemScheduler.create("sms-rest-test");
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  private final LwM2mServer server;
  private final RestApi rest;

  SmsChannelRestTest() throws Exception {
    // long enough that a loaded machine still sees the client awake just after it registered
    server = LwM2mServer.builder().transport(network).scheduler(scheduler).coapAddress(SERVER_UDP)
        .sms(SERVER_NUMBER, network).queueMode(Duration.ofMillis(2500), 4, Duration.ofMinutes(5)).start();
    rest = RestApi.start(server, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable closeable : closing) {
      closeable.close();
    }
    rest.close();
    server.close();
    scheduler.close();
  }

  private CoapEndpoint bind(InetSocketAddress address, CoapHandler handler) throws Exception {
    CoapEndpoint endpoint = network.bind(address, handler);
    closing.add(endpoint::close);
    return endpoint;
  }

  private static CoapResponse register(CoapEndpoint device, InetSocketAddress server, String... query) {
    return device.send(CoapRequest.to(server, CoapMethod.POST, List.of("rd")).withQuery(List.of(query))
        .withPayload(ContentFormat.LINK.code(), "</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8)), WAIT).join();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + rest.port() + path);
  }

  private JsonNode client(String endpoint) throws Exception {
    return JSON.readTree(get("/api/v1/clients/" + endpoint).body());
  }

  @Test
  void eachRegistrationShowsItsChannel() throws Exception {
    CoapEndpoint bySms = bind(SmsAddress.of(DEVICE_NUMBER), request -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED)));
    CoapEndpoint byUdp = bind(new InetSocketAddress("127.0.0.1", 0), request -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED)));
    assertThat(register(bySms, SmsAddress.of(SERVER_NUMBER), "ep=by-sms", "lwm2m=1.1", "b=S", "sms=" + DEVICE_NUMBER).code())
        .isEqualTo(ResponseCode.CREATED);
    assertThat(register(byUdp, SERVER_UDP, "ep=by-udp", "lwm2m=1.1", "b=US", "sms=" + DEVICE_NUMBER).code())
        .isEqualTo(ResponseCode.CREATED);

    JsonNode sms = client("by-sms");
    assertThat(sms.path("channel").asText()).isEqualTo("sms");
    assertThat(sms.path("address").asText()).isEqualTo("sms:" + DEVICE_NUMBER);
    assertThat(sms.path("binding").asText()).isEqualTo("S");
    JsonNode udp = client("by-udp");
    assertThat(udp.path("channel").asText()).isEqualTo("udp");
    assertThat(udp.path("address").asText()).startsWith("127.0.0.1:");
    assertThat(udp.path("sms").asText()).isEqualTo(DEVICE_NUMBER);
  }

  @Test
  void aReadOfASleepingUqsClientAnswers202WakesItBySmsAndCompletesWithItsUpdate() throws Exception {
    List<String> overSms = new CopyOnWriteArrayList<>();
    CompletableFuture<List<String>> location = new CompletableFuture<>();
    CoapEndpoint udp = bind(new InetSocketAddress("127.0.0.1", 0), request -> CompletableFuture.completedFuture(
        new CoapResponse(ResponseCode.CONTENT, OptionalInt.of(ContentFormat.TEXT.code()), List.of(), "acme".getBytes(StandardCharsets.UTF_8))));
    // the client's SMS side: the trigger is acknowledged and the client updates over UDP
    bind(SmsAddress.of(DEVICE_NUMBER), request -> {
      overSms.add(request.method() + " " + request.pathText());
      location.thenAccept(path -> udp.send(CoapRequest.to(SERVER_UDP, CoapMethod.POST, path), WAIT));
      return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
    });
    CoapResponse created = register(udp, SERVER_UDP, "ep=sleeper", "lt=3600", "b=UQS", "sms=" + DEVICE_NUMBER);
    location.complete(created.locationPath());
    await("sleeper falling asleep").atMost(WAIT).pollInterval(Duration.ofMillis(50))
        .until(() -> client("sleeper").path("awake").asBoolean(), awake -> !awake);

    try (EventStreamReader events = EventStreamReader.connect(http, uri("/api/v1/events"))) {
      HttpResponse<String> queued = get("/api/v1/clients/sleeper/data/3/0/0");
      assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
      String id = JSON.readTree(queued.body()).path("requestId").asText();

      // the wake-up and the request's completion are published independently: either may come first
      java.util.Map<String, EventStreamReader.Event> seen = events.firstOfEach(java.util.Map.of(
          "wakeup", data -> data.contains("sleeper"), "request", data -> data.contains(id) && !data.contains("\"queued\"")), WAIT);
      JsonNode wakeUp = JSON.readTree(seen.get("wakeup").data());
      assertThat(wakeUp.path("msisdn").asText()).isEqualTo(DEVICE_NUMBER);
      assertThat(wakeUp.path("path").asText()).isEqualTo("/1/0/8");
      assertThat(wakeUp.path("attempt").asInt()).isEqualTo(1);

      JsonNode done = JSON.readTree(seen.get("request").data());
      assertThat(done.path("state").asText()).isEqualTo("done");
      assertThat(done.path("content").toString()).contains("acme");
      assertThat(JSON.readTree(get("/api/v1/requests/" + id).body()).path("state").asText()).isEqualTo("done");
      assertThat(overSms).containsExactly("POST /1/0/8");
    }
  }
}
