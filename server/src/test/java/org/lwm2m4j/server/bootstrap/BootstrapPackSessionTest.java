package org.lwm2m4j.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.SecurityConfig;
import org.lwm2m4j.server.bootstrap.config.ServerAccountConfig;
import org.lwm2m4j.server.bootstrap.config.SessionRecorder;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/**
 * A client that bootstraps with Bootstrap-Pack (a scripted CoAP endpoint on 127.0.0.1, as Anjay
 * does it) leaves the same trace as a Bootstrap-Request session: events, the endpoint's last
 * session, and the address a later push goes to.
 */
class BootstrapPackSessionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final InMemoryBootstrapConfigStore store = new InMemoryBootstrapConfigStore();
  private final Queue<String> events = new ConcurrentLinkedQueue<>();
  private final Queue<String> seen = new ConcurrentLinkedQueue<>();
  private BootstrapServer server;
  private CoapEndpoint device;

  @BeforeEach
  void start() throws Exception {
    store.put("dev1", BootstrapConfig.of(List.of(new ServerAccountConfig(1, "coap://127.0.0.1:5683", 300, "U",
        new SecurityConfig.NoSec()))));
    server = BootstrapServer.builder(endpoint -> store.get(endpoint).map(BootstrapConfig::plan))
        .coapAddress(new InetSocketAddress("127.0.0.1", 0)).stepTimeout(Duration.ofSeconds(5)).start();
    server.addListener(new SessionRecorder(store, Clock.systemUTC()));
    server.addListener(new BootstrapSessionListener() {
      @Override
      public void started(String endpoint, InetSocketAddress address, BootstrapMode mode) {
        events.add("started " + endpoint + " " + mode.label() + " " + address.getPort());
      }

      @Override
      public void step(String endpoint, String operation) {
        events.add("step " + operation);
      }

      @Override
      public void finished(String endpoint) {
        events.add("finished " + endpoint);
      }

      @Override
      public void failed(String endpoint, String reason) {
        events.add("failed " + endpoint + ": " + reason);
      }
    });
    CoapHandler scripted = request -> {
      seen.add(request.method() + " " + request.pathText());
      boolean discover = request.method() == CoapMethod.GET;
      ResponseCode code = discover ? ResponseCode.CONTENT : request.method() == CoapMethod.DELETE ? ResponseCode.DELETED
          : ResponseCode.CHANGED;
      byte[] payload = discover ? "</>;lwm2m=1.2,</0/0>,</1>".getBytes() : new byte[0];
      return CompletableFuture.completedFuture(new CoapResponse(code, OptionalInt.empty(), List.of(), payload));
    };
    device = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), scripted, CoapSettings.DEFAULTS);
  }

  @AfterEach
  void stop() {
    device.close();
    server.close();
  }

  private CoapResponse askForThePack(ContentFormat accept) throws Exception {
    return device.send(CoapRequest.to(server.coapAddress(), CoapMethod.GET, List.of("bspack")).withQuery(List.of("ep=dev1"))
        .withAccept(accept.code()), WAIT).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void aBootstrapPackSessionIsLoggedRecordedAndPublishedLikeABootstrapRequestSession() throws Exception {
    assertThat(askForThePack(ContentFormat.SENML_JSON).code()).isEqualTo(ResponseCode.CONTENT);

    await().atMost(WAIT).until(() -> events.contains("finished dev1"));
    assertThat(events).containsExactly("started dev1 pack " + device.address().getPort(), "step Bootstrap-Pack (2 instances)",
        "finished dev1");
    await().atMost(WAIT).until(() -> store.lastSession("dev1").isPresent());
    BootstrapSessionRecord session = store.lastSession("dev1").orElseThrow();
    assertThat(session.succeeded()).isTrue();
    assertThat(session.mode()).isEqualTo(BootstrapMode.PACK);
    assertThat(session.address()).contains("127.0.0.1:" + device.address().getPort());
    assertThat(server.lastAddress("dev1")).contains(device.address());
  }

  @Test
  void aPushAfterABootstrapPackFindsTheClientAtItsAddress() throws Exception {
    askForThePack(ContentFormat.SENML_CBOR);
    await().atMost(WAIT).until(() -> events.contains("finished dev1"));

    server.push("dev1", java.util.Optional.empty()).get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(seen).contains("GET /", "POST /bs");
    await().atMost(WAIT).until(() -> store.lastSession("dev1").map(BootstrapSessionRecord::mode).orElseThrow() == BootstrapMode.PUSH);
  }

  @Test
  void aBootstrapPackInAFormatThatCannotCarryItStartsNoSession() throws Exception {
    assertThat(askForThePack(ContentFormat.TLV).code()).isEqualTo(ResponseCode.NOT_ACCEPTABLE);
    // a Bootstrap-Request with a bad pct is refused the same way: before any session begins
    assertThat(askForThePack(ContentFormat.SENML_JSON).code()).isEqualTo(ResponseCode.CONTENT);
    await().atMost(WAIT).until(() -> events.contains("finished dev1"));
    assertThat(events).filteredOn(event -> event.startsWith("started")).hasSize(1);
  }
}
