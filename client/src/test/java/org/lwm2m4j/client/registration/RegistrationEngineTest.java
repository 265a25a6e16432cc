package org.lwm2m4j.client.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.ScriptedServer;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.memory.InMemoryNetwork;
import org.lwm2m4j.transport.twin.TwinNetwork;

/**
 * The registration engine on virtual time: a client on the transport twin, fake servers that
 * record when each request arrived. Lifetimes, back-offs and the day-long Disable Timeout pass in
 * milliseconds.
 */
class RegistrationEngineTest {
  private static final RegistrationSettings PACING =
      new RegistrationSettings(Duration.ofSeconds(60), Duration.ofSeconds(2), Duration.ofSeconds(10), 0.9);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final TwinNetwork network = new TwinNetwork(scheduler);
  private final Instant origin = scheduler.now();
  private final List<LwM2mClient> clients = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopClients() {
    clients.forEach(LwM2mClient::halt);
  }

  private LwM2mClient.Builder client() {
    return LwM2mClient.builder("dev1").scheduler(scheduler).transport(network)
        .localAddress(new InetSocketAddress("127.0.0.1", 0)).registrationSettings(PACING);
  }

  private LwM2mClient start(LwM2mClient.Builder builder) throws IOException {
    LwM2mClient client = builder.start();
    clients.add(client);
    scheduler.runPending();
    return client;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /** An Execute of {@code /1/0/resource} from {@code server}, answered by the client. */
  private void execute(ScriptedServer server, LwM2mClient client, int resource) {
    CompletableFuture<CoapResponse> answer = server.send(CoapRequest.to(client.address(), CoapMethod.POST, List.of("1", "0",
        Integer.toString(resource))));
    scheduler.runPending();
    assertThat(answer).isCompletedWithValueMatching(response -> response.code() == ResponseCode.CHANGED);
  }

  @Test
  void registersAtStartWithEndpointLifetimeVersionBindingAndObjects() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100));

    List<ScriptedServer.Received> registers = server.received(CoapMethod.POST, "rd");
    assertThat(registers).hasSize(1);
    assertThat(registers.get(0).at()).isEqualTo(origin);
    assertThat(registers.get(0).query()).containsExactly("ep=dev1", "lt=100", "lwm2m=1.1", "b=U");
    assertThat(new String(registers.get(0).request().payload(), StandardCharsets.UTF_8))
        .startsWith("</>;rt=\"oma.lwm2m\"").contains("</1/0>", "</3/0>").doesNotContain("</0/");
    assertThat(client.registrations().registrations()).isEqualTo(Map.of(1, "/rd/1"));
  }

  @Test
  void updatesAtNinetyPercentOfTheLifetimeAndAgainAfterEachUpdate() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100));

    scheduler.advance(Duration.ofSeconds(89));
    assertThat(server.received(CoapMethod.POST, "rd/1")).isEmpty();
    scheduler.advance(Duration.ofSeconds(250));

    assertThat(server.instants(CoapMethod.POST, "rd/1", origin)).containsExactly(seconds(90), seconds(180), seconds(270));
    assertThat(server.received(CoapMethod.POST, "rd/1").get(0).query()).as("nothing changed: an Update with no parameters").isEmpty();
    assertThat(server.received(CoapMethod.POST, "rd/1").get(0).request().payload()).isEmpty();
  }

  @Test
  void listenersAreToldWhenAnUpdateIsSentAndWhenItIsAnswered() throws IOException {
    ScriptedServer.on(network, scheduler, 5683);
    List<String> events = new CopyOnWriteArrayList<>();
    start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100).registrationListener(new RegistrationListener() {
      @Override
      public void registering(int shortServerId) {
        events.add("registering " + shortServerId);
      }

      @Override
      public void registered(int shortServerId, String location) {
        events.add("registered " + shortServerId);
      }

      @Override
      public void updating(int shortServerId) {
        events.add("updating " + shortServerId);
      }

      @Override
      public void updated(int shortServerId) {
        events.add("updated " + shortServerId);
      }
    }));

    scheduler.advance(Duration.ofSeconds(91));

    assertThat(events).containsExactly("registering 1", "registered 1", "updating 1", "updated 1");
  }

  @Test
  void failedRegistersAreRetriedWithDoublingBackOffUpToTheLongestWait() throws IOException {
    AtomicInteger refusals = new AtomicInteger(5);
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    server.answering(request -> refusals.getAndDecrement() > 0 ? CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR)
        : server.registrationInterface(request));
    List<Long> retries = new CopyOnWriteArrayList<>();
    start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100).registrationListener(new RegistrationListener() {
      @Override
      public void failed(int shortServerId, String reason, long retryInMillis) {
        retries.add(retryInMillis);
      }
    }));

    scheduler.advance(Duration.ofSeconds(130));

    assertThat(retries).containsExactly(2_000L, 4_000L, 8_000L, 10_000L, 10_000L);
    assertThat(server.instants(CoapMethod.POST, "rd", origin))
        .containsExactly(seconds(0), seconds(2), seconds(6), seconds(14), seconds(24), seconds(34));
    assertThat(server.instants(CoapMethod.POST, "rd/1", origin)).as("registered at 34 s: the lifetime counts from there")
        .containsExactly(seconds(124));
  }

  @Test
  void aRegisterNobodyAnswersFailsAfterTheRequestTimeoutAndIsRetried() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    network.cut(server.address(), true);
    List<Instant> failures = new CopyOnWriteArrayList<>();
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100)
        .registrationListener(new RegistrationListener() {
          @Override
          public void failed(int shortServerId, String reason, long retryInMillis) {
            failures.add(scheduler.now());
          }
        }));

    scheduler.advance(Duration.ofSeconds(61));
    network.cut(server.address(), false);
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(failures).containsExactly(origin.plusSeconds(60));
    assertThat(server.instants(CoapMethod.POST, "rd", origin)).containsExactly(seconds(62));
    assertThat(client.registrations().registrations()).containsKey(1);
  }

  @Test
  void aRegisterNobodyAnswersIsReportedAfterTwoSecondsAndItsFailureSaysWhyNeverNull() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    network.cut(server.address(), true);
    List<String> said = new CopyOnWriteArrayList<>();
    start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100)
        .registrationListener(new RegistrationListener() {
          @Override
          public void waiting(int shortServerId, String reason) {
            said.add(scheduler.now() + " waiting: " + reason);
          }

          @Override
          public void failed(int shortServerId, String reason, long retryInMillis) {
            said.add(scheduler.now() + " failed: " + reason);
          }
        }));

    scheduler.advance(Duration.ofSeconds(61));

    assertThat(said).hasSize(2);
    assertThat(said.get(0)).isEqualTo(origin.plusSeconds(2) + " waiting: no answer from 127.0.0.1:5683 after 2 s");
    assertThat(said.get(1)).startsWith(origin.plusSeconds(60) + " failed: ").doesNotContain("null");
  }

  @Test
  void exceptionsWithoutAMessageAreNamedInWords() {
    assertThat(ExchangeFailure.inWords("TimeoutException")).isEqualTo("timeout exception");
    assertThat(ExchangeFailure.inWords("PortUnreachableException")).isEqualTo("port unreachable exception");
  }

  @Test
  void anUpdateAnswered404RegistersAgainAtOnce() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100));
    server.forgetRegistrations();

    scheduler.advance(Duration.ofSeconds(90));

    assertThat(server.instants(CoapMethod.POST, "rd/1", origin)).containsExactly(seconds(90));
    assertThat(server.instants(CoapMethod.POST, "rd", origin)).containsExactly(seconds(0), seconds(90));
    assertThat(client.registrations().registrations()).isEqualTo(Map.of(1, "/rd/2"));
  }

  @Test
  void registerAgainSendsANewRegisterNowAndUpdatesAtTheNewRegistrationFromThen() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100));
    scheduler.advance(Duration.ofSeconds(10));

    client.registrations().registerAgain();
    scheduler.advance(Duration.ofSeconds(95));

    assertThat(server.instants(CoapMethod.POST, "rd", origin)).containsExactly(seconds(0), seconds(10));
    assertThat(server.received(CoapMethod.POST, "rd/1")).as("no Update to the replaced registration").isEmpty();
    assertThat(server.instants(CoapMethod.POST, "rd/2", origin)).containsExactly(seconds(100));
    assertThat(client.registrations().registrations()).isEqualTo(Map.of(1, "/rd/2"));
  }

  @Test
  void registerAgainDuringAnUpdateWaitsForItsAnswerThenRegisters() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    server.delayAnswers(Duration.ofSeconds(1));
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100));
    scheduler.advance(Duration.ofSeconds(91).plusMillis(500));
    assertThat(server.instants(CoapMethod.POST, "rd/1", origin)).as("the Update is on the wire").hasSize(1);

    client.registrations().registerAgain();
    scheduler.advance(Duration.ofSeconds(3));

    assertThat(server.received(CoapMethod.POST, "rd")).as("the first Register and one more after the Update's answer").hasSize(2);
    assertThat(client.registrations().registrations()).isEqualTo(Map.of(1, "/rd/2"));
  }

  @Test
  void disableDeregistersStaysSilentForTheDisableTimeoutThenRegistersAgain() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    List<Long> disabled = new CopyOnWriteArrayList<>();
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100)
        .registrationListener(new RegistrationListener() {
          @Override
          public void disabled(int shortServerId, long seconds) {
            disabled.add(seconds);
          }
        }));
    scheduler.advance(Duration.ofSeconds(10));

    execute(server, client, 4);
    scheduler.advance(ServerActions.AFTER_THE_ANSWER);
    assertThat(server.instants(CoapMethod.DELETE, "rd/1", origin)).as("after the 2.04 to the Execute").containsExactly(seconds(10.05));
    assertThat(client.registrations().registrations()).isEmpty();
    assertThat(disabled).containsExactly(ServerAccount.DEFAULT_DISABLE_TIMEOUT);

    scheduler.advance(Duration.ofDays(1).minusSeconds(1));
    assertThat(server.received(CoapMethod.POST, "rd")).as("silent for the day-long default Disable Timeout").hasSize(1);
    assertThat(server.received(CoapMethod.POST, "rd/1")).as("no Update while disabled").isEmpty();
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(server.instants(CoapMethod.POST, "rd", origin)).containsExactly(seconds(0), seconds(10.05 + 86_400));
    assertThat(client.registrations().registrations()).isEqualTo(Map.of(1, "/rd/2"));
  }

  @Test
  void theUpdateTriggerSendsAnUpdateNowAndTheNextOneALifetimeFractionLater() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100));
    scheduler.advance(Duration.ofSeconds(10));

    execute(server, client, 8);
    scheduler.advance(Duration.ofSeconds(91));

    assertThat(server.instants(CoapMethod.POST, "rd/1", origin)).containsExactly(seconds(10.05), seconds(100.05));
  }

  @Test
  void aLifetimeWrittenByTheServerIsSentInAnUpdateAtOnceAndPacesTheNextOnes() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100));
    scheduler.advance(Duration.ofSeconds(10));

    CompletableFuture<CoapResponse> write = server.send(CoapRequest.to(client.address(), CoapMethod.PUT, List.of("1", "0", "1"))
        .withPayload(ContentFormat.TEXT.code(), "200".getBytes(StandardCharsets.UTF_8)));
    scheduler.advance(Duration.ofSeconds(190));

    assertThat(write).isCompletedWithValueMatching(response -> response.code() == ResponseCode.CHANGED);
    List<ScriptedServer.Received> updates = server.received(CoapMethod.POST, "rd/1");
    assertThat(server.instants(CoapMethod.POST, "rd/1", origin)).containsExactly(seconds(10), seconds(190));
    assertThat(updates.get(0).query()).containsExactly("lt=200");
    assertThat(updates.get(1).query()).isEmpty();
  }

  @Test
  void registersWithEveryServerEachOnItsOwnLifetime() throws IOException {
    ScriptedServer first = ScriptedServer.on(network, scheduler, 5683);
    ScriptedServer second = ScriptedServer.on(network, scheduler, 5693);
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100)
        .server(URI.create("coap://127.0.0.1:5693"), 2, 200));
    second.forgetRegistrations();

    scheduler.advance(Duration.ofSeconds(200));

    assertThat(client.registrations().registrations()).isEqualTo(Map.of(1, "/rd/1", 2, "/rd/2"));
    assertThat(first.instants(CoapMethod.POST, "rd/1", origin)).containsExactly(seconds(90), seconds(180));
    assertThat(second.instants(CoapMethod.POST, "rd/1", origin)).as("the second server lost it: 4.04, then a new Register")
        .containsExactly(seconds(180));
    assertThat(second.instants(CoapMethod.POST, "rd", origin)).containsExactly(seconds(0), seconds(180));
    assertThat(first.instants(CoapMethod.POST, "rd", origin)).as("the first server is not concerned").containsExactly(seconds(0));
  }

  @Test
  void inQueueModeTheRegisterCarriesQ() throws IOException {
    ScriptedServer server = ScriptedServer.on(network, scheduler, 5683);
    start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100).queueMode(true));
    scheduler.advance(Duration.ofSeconds(90));

    assertThat(server.received(CoapMethod.POST, "rd").get(0).query()).containsExactly("ep=dev1", "lt=100", "lwm2m=1.1", "b=U", "Q");
    assertThat(server.instants(CoapMethod.POST, "rd/1", origin)).as("a sleeping client still updates in time").containsExactly(seconds(90));
  }

  @Test
  void deregisterAllEndsEveryRegistrationAndStopsTheTimers() throws IOException {
    ScriptedServer first = ScriptedServer.on(network, scheduler, 5683);
    ScriptedServer second = ScriptedServer.on(network, scheduler, 5693);
    LwM2mClient client = start(client().server(URI.create("coap://127.0.0.1:5683"), 1, 100)
        .server(URI.create("coap://127.0.0.1:5693"), 2, 100));

    CompletableFuture<Void> done = client.registrations().deregisterAll();
    scheduler.runPending();
    scheduler.advance(Duration.ofSeconds(300));

    assertThat(done).isCompleted();
    assertThat(first.received(CoapMethod.DELETE, "rd/1")).hasSize(1);
    assertThat(second.received(CoapMethod.DELETE, "rd/1")).hasSize(1);
    assertThat(first.received(CoapMethod.POST, "rd/1")).as("no Update after the end").isEmpty();
    assertThat(client.registrations().registrations()).isEmpty();
  }

  @Test
  void serverActionsArrivingAfterTheEngineStoppedAreIgnored() throws Exception {
    // found by ClientInboundFuzzTest: a Disable (/1/0/4) runs 50 ms after its Execute was answered;
    // a client stopped meanwhile threw RejectedExecutionException on a stray thread
    LwM2mClient client = LwM2mClient.builder("dev1").network(new InMemoryNetwork())
        .localAddress(new InetSocketAddress("127.0.0.1", 40000)).server(URI.create("coap://127.0.0.1:5683"), 1, 300).start();
    client.halt();
    RegistrationEngine engine = client.registrations();
    assertThatCode(() -> {
      engine.disable(1);
      engine.triggerUpdate(1);
      engine.updateAll();
      engine.valuesChanged(Set.of(LwM2mPath.parse("/1/0/1")));
      engine.instancesChanged();
      engine.resume();
    }).doesNotThrowAnyException();
  }
}
