package org.lwm2m4j.client.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.ScriptedServer;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.registration.ServerActions;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * The bootstrap client on virtual time: a client on the transport twin with a fake Bootstrap-Server
 * (which answers the Bootstrap-Request and then writes, as the test drives it) and a fake DM server.
 */
class BootstrapClientTest {
  private static final URI BOOTSTRAP_SERVER = URI.create("coap://127.0.0.1:5783");
  private static final URI DM_SERVER = URI.create("coap://127.0.0.1:5683");
  private static final RegistrationSettings PACING =
      new RegistrationSettings(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(10), 0.9);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final Instant origin = scheduler.now();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<LwM2mClient> clients = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopClients() {
    clients.forEach(LwM2mClient::halt);
  }

  private LwM2mClient.Builder client() {
    return LwM2mClient.builder("dev1").scheduler(scheduler).transport(network).registrationSettings(PACING)
        .localAddress(new InetSocketAddress("127.0.0.1", 0))
        .bootstrapServer(BOOTSTRAP_SERVER, new ClientCredentials.NoSec())
        .bootstrapTimeouts(Duration.ofSeconds(247), Duration.ofSeconds(30))
        .bootstrapListener(new BootstrapListener() {
          @Override
          public void started(boolean serverInitiated) {
            events.add((serverInitiated ? "started by the server" : "started") + " at " + Duration.between(origin, scheduler.now()));
          }

          @Override
          public void finished() {
            events.add("finished at " + Duration.between(origin, scheduler.now()));
          }

          @Override
          public void failed(String reason) {
            events.add("failed at " + Duration.between(origin, scheduler.now()) + ": " + reason);
          }
        });
  }

  private LwM2mClient start(LwM2mClient.Builder builder) throws IOException {
    LwM2mClient client = builder.start();
    clients.add(client);
    scheduler.runPending();
    return client;
  }

  /** A bootstrap command from {@code server} to the client, answered at once. */
  private CoapResponse command(ScriptedServer server, LwM2mClient client, CoapMethod method, String path, String senmlJson) {
    CoapRequest request = CoapRequest.to(client.address(), method, LwM2mPath.parse(path).isRoot() ? List.of("bs")
        : List.of(path.substring(1).split("/")));
    if (!senmlJson.isEmpty()) {
      request = request.withPayload(ContentFormat.SENML_JSON.code(), senmlJson.getBytes(StandardCharsets.UTF_8));
    }
    CompletableFuture<CoapResponse> answer = server.send(request);
    scheduler.runPending();
    return answer.join();
  }

  private static final String DM_SECURITY = "[{\"bn\":\"/0/1/\",\"n\":\"0\",\"vs\":\"" + DM_SERVER + "\"},{\"n\":\"1\",\"vb\":false},"
      + "{\"n\":\"2\",\"v\":3},{\"n\":\"10\",\"v\":1}]";
  private static final String DM_SERVER_INSTANCE = "[{\"bn\":\"/1/0/\",\"n\":\"0\",\"v\":1},{\"n\":\"1\",\"v\":300},"
      + "{\"n\":\"6\",\"vb\":false},{\"n\":\"7\",\"vs\":\"U\"}]";

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  @Test
  void clientInitiatedBootstrapRequestsTakesTheWritesAndRegistersAfterFinish() throws IOException {
    ScriptedServer bootstrapServer = ScriptedServer.on(network, scheduler, 5783).answering(request -> CoapResponse.of(ResponseCode.CHANGED));
    ScriptedServer dmServer = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client());

    assertThat(bootstrapServer.received(CoapMethod.POST, "bs")).singleElement()
        .satisfies(request -> assertThat(request.query()).containsExactly("ep=dev1", "pct=" + ContentFormat.SENML_CBOR.code()));
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(command(bootstrapServer, client, CoapMethod.PUT, "/0/1", DM_SECURITY).code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(command(bootstrapServer, client, CoapMethod.PUT, "/1/0", DM_SERVER_INSTANCE).code()).isEqualTo(ResponseCode.CHANGED);
    assertThat(dmServer.received()).as("nothing registers before Finish").isEmpty();
    assertThat(command(bootstrapServer, client, CoapMethod.POST, "/", "").code()).isEqualTo(ResponseCode.CHANGED);
    scheduler.runPending();

    assertThat(events).containsExactly("started at PT0S", "finished at PT5S");
    assertThat(dmServer.instants(CoapMethod.POST, "rd", origin)).containsExactly(seconds(5));
    assertThat(client.registrations().registrations()).containsKey(1);
    assertThat(client.bootstrap().inSession()).isFalse();
  }

  @Test
  void withoutFinishTheSessionFailsAtTheFinishTimeoutPutsTheAccountsBackAndAsksAgainAfterTheRetry() throws IOException {
    ScriptedServer bootstrapServer = ScriptedServer.on(network, scheduler, 5783).answering(request -> CoapResponse.of(ResponseCode.CHANGED));
    ScriptedServer dmServer = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client());
    scheduler.advance(Duration.ofSeconds(10));
    command(bootstrapServer, client, CoapMethod.PUT, "/0/1", DM_SECURITY);

    scheduler.advance(Duration.ofSeconds(246));
    assertThat(client.bootstrap().inSession()).as("each command restarts the 247 s").isTrue();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(client.bootstrap().inSession()).isFalse();
    assertThat(client.tree().instance(0, 1)).as("the half-written account is gone again").isEmpty();
    scheduler.advance(Duration.ofSeconds(30));

    assertThat(events).containsExactly("started at PT0S", "failed at PT4M17S: no Bootstrap-Finish within 247 s", "started at PT4M47S");
    assertThat(bootstrapServer.instants(CoapMethod.POST, "bs", origin)).containsExactly(seconds(0), seconds(287));
    assertThat(dmServer.received()).isEmpty();
  }

  @Test
  void aRefusedBootstrapRequestIsAskedAgainAfterEachRetryWait() throws IOException {
    ScriptedServer bootstrapServer = ScriptedServer.on(network, scheduler, 5783)
        .answering(request -> CoapResponse.of(ResponseCode.BAD_REQUEST));
    start(client());

    scheduler.advance(Duration.ofSeconds(65));

    assertThat(bootstrapServer.instants(CoapMethod.POST, "bs", origin)).containsExactly(seconds(0), seconds(30), seconds(60));
    assertThat(events).filteredOn(event -> event.startsWith("failed")).hasSize(3)
        .allSatisfy(event -> assertThat(event).contains("Bootstrap-Request answered 4.00"));
  }

  @Test
  void theBootstrapRequestTriggerOfAServerStartsABootstrap() throws IOException {
    ScriptedServer bootstrapServer = ScriptedServer.on(network, scheduler, 5783).answering(request -> CoapResponse.of(ResponseCode.CHANGED));
    ScriptedServer dmServer = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client().server(DM_SERVER, 1, 300));
    assertThat(bootstrapServer.received()).as("a usable account: no bootstrap at start").isEmpty();
    scheduler.advance(Duration.ofSeconds(10));

    CompletableFuture<CoapResponse> trigger = dmServer.send(CoapRequest.to(client.address(), CoapMethod.POST, List.of("1", "0", "9")));
    scheduler.runPending();
    assertThat(trigger).isCompletedWithValueMatching(response -> response.code() == ResponseCode.CHANGED);
    scheduler.advance(ServerActions.AFTER_THE_ANSWER);

    assertThat(bootstrapServer.instants(CoapMethod.POST, "bs", origin)).containsExactly(seconds(10.05));
    assertThat(client.bootstrap().inSession()).isTrue();
  }

  @Test
  void aBootstrapServerWithoutAChannelFailsTheAttemptInsteadOfHoldingASession() throws IOException {
    ScriptedServer dmServer = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client().server(DM_SERVER, 1, 300)
        .bootstrapServer(URI.create("coaps://127.0.0.1:5784"), new ClientCredentials.Psk("dev1", new byte[16])));
    scheduler.advance(Duration.ofSeconds(10));

    CompletableFuture<CoapResponse> trigger = dmServer.send(CoapRequest.to(client.address(), CoapMethod.POST, List.of("1", "0", "9")));
    scheduler.advance(ServerActions.AFTER_THE_ANSWER);

    assertThat(trigger).isCompletedWithValueMatching(response -> response.code() == ResponseCode.CHANGED);
    assertThat(events).singleElement().asString().startsWith("failed at PT10.05S: cannot reach the Bootstrap-Server")
        .contains("in-memory network");
    assertThat(client.bootstrap().inSession()).isFalse();
    scheduler.advance(Duration.ofSeconds(300));
    assertThat(dmServer.received(CoapMethod.POST, "rd/1")).as("registration goes on").isNotEmpty();
  }

  @Test
  void registrationFailingThreeTimesWithEveryServerAsksTheBootstrapServer() throws IOException {
    ScriptedServer bootstrapServer = ScriptedServer.on(network, scheduler, 5783).answering(request -> CoapResponse.of(ResponseCode.CHANGED));
    ScriptedServer dmServer = ScriptedServer.on(network, scheduler, 5683)
        .answering(request -> CoapResponse.of(ResponseCode.FORBIDDEN));
    start(client().server(DM_SERVER, 1, 300));

    scheduler.advance(Duration.ofSeconds(7));

    assertThat(dmServer.instants(CoapMethod.POST, "rd", origin)).containsExactly(seconds(0), seconds(2), seconds(6));
    assertThat(bootstrapServer.instants(CoapMethod.POST, "bs", origin)).containsExactly(seconds(6));
  }
}
