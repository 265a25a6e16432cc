package org.lwm2m4j.client.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.client.object.StoredInstance;
import org.lwm2m4j.client.registration.RegistrationSettings;
import org.lwm2m4j.client.security.ClientCredentials;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.codec.standard.NodeCodecs;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.bootstrap.BootstrapPlan;
import org.lwm2m4j.server.bootstrap.BootstrapServer;
import org.lwm2m4j.server.bootstrap.BootstrapSessionListener;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapSettings;

/** Our client, our Bootstrap-Server and our server over real UDP/DTLS: every bootstrap mode and the failures. */
class BootstrapTest {
  private static final byte[] BS_KEY = "bootstrap-key-16".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DM_KEY = "dm-server-key-16".getBytes(StandardCharsets.US_ASCII);
  private static final RegistrationSettings QUICK =
      new RegistrationSettings(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1), 0.9);

  private LwM2mServer server;
  private BootstrapServer bootstrapServer;
  private LwM2mClient client;
  private final Map<String, BootstrapPlan> plans = new ConcurrentHashMap<>();
  private final BlockingQueue<String> sessions = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> clientEvents = new LinkedBlockingQueue<>();

  @TempDir
  Path state;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (bootstrapServer != null) {
      bootstrapServer.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void startServers() throws Exception {
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0))
        .coapsAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    bootstrapServer = BootstrapServer.builder(endpoint -> Optional.ofNullable(plans.get(endpoint)))
        .coapAddress(new InetSocketAddress("127.0.0.1", 0)).coapsAddress(new InetSocketAddress("127.0.0.1", 0))
        .stepTimeout(Duration.ofSeconds(3)).start();
    bootstrapServer.addListener(new BootstrapSessionListener() {
      @Override
      public void finished(String endpoint) {
        sessions.add("finished " + endpoint);
      }

      @Override
      public void failed(String endpoint, String reason) {
        sessions.add("failed " + endpoint + ": " + reason);
      }
    });
  }

  /** A plan that gives {@code endpoint} one DM server account over DTLS PSK. */
  private BootstrapPlan securePlan(String endpoint) {
    Map<LwM2mPath, LwM2mObjectInstance> writes = new LinkedHashMap<>();
    writes.put(LwM2mPath.of(0, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("coaps://127.0.0.1:" + server.coapsAddress().orElseThrow().getPort())),
        SingleResource.of(1, Value.of(false)), SingleResource.of(2, Value.ofInteger(0)),
        SingleResource.of(3, Value.of((endpoint + "-dm").getBytes(StandardCharsets.UTF_8))), SingleResource.of(4, Value.of(new byte[0])),
        SingleResource.of(5, Value.of(DM_KEY)), SingleResource.of(10, Value.ofInteger(1))));
    writes.put(LwM2mPath.of(1, 0), serverInstance(1));
    server.security().put(new PskSecurity(endpoint, endpoint + "-dm", DM_KEY));
    return new BootstrapPlan(List.of(LwM2mPath.of(0), LwM2mPath.of(1)), writes, Optional.empty());
  }

  private static LwM2mObjectInstance serverInstance(int ssid) {
    return LwM2mObjectInstance.of(0, SingleResource.of(0, Value.ofInteger(ssid)), SingleResource.of(1, Value.ofInteger(60)),
        SingleResource.of(6, Value.of(false)), SingleResource.of(7, Value.of("U")));
  }

  private LwM2mClient.Builder client(String endpoint) {
    return LwM2mClient.builder(endpoint).localAddress(new InetSocketAddress("127.0.0.1", 0))
        .registrationSettings(QUICK).stateDir(state)
        .object(3303, List.of(new StoredInstance(0, List.of(SingleResource.of(5700, Value.ofFloat(20.0))))))
        .bootstrapListener(new BootstrapListener() {
          @Override
          public void finished() {
            clientEvents.add("finished");
          }

          @Override
          public void failed(String reason) {
            clientEvents.add("failed " + reason);
          }
        });
  }

  private Registration awaitRegistration(String endpoint) {
    return await(endpoint + " registered").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint(endpoint), Optional::isPresent).orElseThrow();
  }

  private String next(BlockingQueue<String> queue) throws InterruptedException {
    String event = queue.poll(20, TimeUnit.SECONDS);
    assertThat(event).as("an event within 20 s").isNotNull();
    return event;
  }

  @Test
  void clientInitiatedOverDtlsThenRegistersWithTheProvisionedCredentialsAndKeepsThemAcrossRestarts() throws Exception {
    startServers();
    plans.put("dev-bs", securePlan("dev-bs"));
    bootstrapServer.security().put(new PskSecurity("dev-bs", "dev-bs-id", BS_KEY));
    URI bs = URI.create("coaps://127.0.0.1:" + bootstrapServer.coapsAddress().orElseThrow().getPort());
    client = client("dev-bs").bootstrapServer(bs, new ClientCredentials.Psk("dev-bs-id", BS_KEY)).start();
    assertThat(next(sessions)).isEqualTo("finished dev-bs");
    Registration registration = awaitRegistration("dev-bs");
    assertThat(registration.secure()).isTrue();
    assertThat(Files.exists(state.resolve(ProvisionedState.FILE))).isTrue();
    assertThat(client.bootstrap().account()).as("the Bootstrap-Server account survives Bootstrap-Delete /0").isPresent();

    client.close();
    client = null;
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint("dev-bs").isEmpty());
    plans.clear();
    client = client("dev-bs").start();
    assertThat(awaitRegistration("dev-bs").secure()).as("registered from the saved state, no bootstrap").isTrue();
  }

  @Test
  void theBootstrapAccountIsPurgedAfterItsAccountTimeout() throws Exception {
    startServers();
    BootstrapPlan secure = securePlan("purge");
    Map<LwM2mPath, LwM2mObjectInstance> writes = new LinkedHashMap<>(secure.writes());
    writes.put(LwM2mPath.of(0, 1), LwM2mObjectInstance.of(1,
        SingleResource.of(0, Value.of("coap://127.0.0.1:" + bootstrapServer.coapAddress().getPort())), SingleResource.of(1, Value.of(true)),
        SingleResource.of(2, Value.ofInteger(3)), SingleResource.of(12, Value.ofInteger(1))));
    plans.put("purge", new BootstrapPlan(secure.deletes(), writes, Optional.empty()));
    URI bs = URI.create("coap://127.0.0.1:" + bootstrapServer.coapAddress().getPort());
    client = client("purge").bootstrapServer(bs, new ClientCredentials.NoSec()).start();
    assertThat(next(sessions)).isEqualTo("finished purge");
    await("purged 1 s after the bootstrap").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> client.bootstrap().account().isEmpty());
    awaitRegistration("purge");
  }

  @Test
  void factoryBootstrapFromAFile() throws Exception {
    startServers();
    Path config = Files.createTempFile(state, "factory", ".json");
    Files.writeString(config, "[{\"n\":\"/0/0/0\",\"vs\":\"coap://127.0.0.1:" + server.coapAddress().getPort() + "\"},"
        + "{\"n\":\"/0/0/1\",\"vb\":false},{\"n\":\"/0/0/2\",\"v\":3},{\"n\":\"/0/0/3\",\"vd\":\"\"},{\"n\":\"/0/0/4\",\"vd\":\"\"},"
        + "{\"n\":\"/0/0/5\",\"vd\":\"\"},{\"n\":\"/0/0/10\",\"v\":7},"
        + "{\"n\":\"/1/0/0\",\"v\":7},{\"n\":\"/1/0/1\",\"v\":60},{\"n\":\"/1/0/6\",\"vb\":false},{\"n\":\"/1/0/7\",\"vs\":\"U\"}]");
    client = client("factory").factoryConfig(config).start();
    awaitRegistration("factory");
  }

  @Test
  void serverInitiatedPushGivesTheClientANewServer() throws Exception {
    startServers();
    URI bs = URI.create("coap://127.0.0.1:" + bootstrapServer.coapAddress().getPort());
    client = client("pushed").bootstrapServer(bs, new ClientCredentials.NoSec()).bootstrapTimeouts(Duration.ofSeconds(30), Duration.ofHours(1))
        .start();
    Map<LwM2mPath, LwM2mObjectInstance> writes = new LinkedHashMap<>();
    writes.put(LwM2mPath.of(0, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("coap://127.0.0.1:" + server.coapAddress().getPort())), SingleResource.of(1, Value.of(false)),
        SingleResource.of(2, Value.ofInteger(3)), SingleResource.of(3, Value.of(new byte[0])), SingleResource.of(4, Value.of(new byte[0])),
        SingleResource.of(5, Value.of(new byte[0])), SingleResource.of(10, Value.ofInteger(2))));
    writes.put(LwM2mPath.of(1, 0), serverInstance(2));
    plans.put("pushed", new BootstrapPlan(List.of(LwM2mPath.of(1)), writes, Optional.empty()));
    bootstrapServer.push("pushed", Optional.of(client.address())).get(20, TimeUnit.SECONDS);
    // its own Bootstrap-Request at start found no configuration yet; the push then did the job
    String event;
    do {
      event = next(clientEvents);
    } while (event.startsWith("failed"));
    assertThat(event).isEqualTo("finished");
    awaitRegistration("pushed");
  }

  @Test
  void theBootstrapTriggerExecutedByTheServerStartsABootstrap() throws Exception {
    startServers();
    URI bs = URI.create("coap://127.0.0.1:" + bootstrapServer.coapAddress().getPort());
    client = client("trig").server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 9, 60)
        .bootstrapServer(bs, new ClientCredentials.NoSec()).start();
    Registration plain = awaitRegistration("trig");
    assertThat(plain.secure()).isFalse();
    plans.put("trig", securePlan("trig"));
    server.devices().execute(plain, LwM2mPath.of(1, 0, 9), "", RequestOptions.DEFAULTS).get(10, TimeUnit.SECONDS);
    assertThat(next(sessions)).isEqualTo("finished trig");
    await("now over DTLS with the new account").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
        .until(() -> server.registrations().store().byEndpoint("trig").map(Registration::secure).orElse(false));
  }

  @Test
  void aBootstrapServerThatStopsMidSessionLeavesThePreviousState() throws Exception {
    startServers();
    URI bs = URI.create("coap://127.0.0.1:" + bootstrapServer.coapAddress().getPort());
    client = client("orphan").server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 4, 60)
        .bootstrapServer(bs, new ClientCredentials.NoSec()).bootstrapTimeouts(Duration.ofSeconds(1), Duration.ofHours(1)).start();
    awaitRegistration("orphan");
    // a plan whose only step is a delete: the "server" then goes silent, no Finish ever comes
    plans.put("orphan", new BootstrapPlan(List.of(LwM2mPath.of(1)), Map.of(), Optional.empty()));
    bootstrapServer.close();
    bootstrapServer = null;
    client.bootstrap().requestBootstrap();
    assertThat(next(clientEvents)).startsWith("failed");
    assertThat(client.tree().instanceIds(1)).as("the Server account is back").containsExactly(0);
  }

  @Test
  void aWriteTheClientRejectsFailsTheSessionAndKeepsThePreviousAccounts() throws Exception {
    startServers();
    Map<LwM2mPath, LwM2mObjectInstance> writes = new LinkedHashMap<>();
    writes.put(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0, SingleResource.of(0, Value.ofInteger(1))));
    writes.put(LwM2mPath.of(3303, 5), LwM2mObjectInstance.of(5, SingleResource.of(5700, Value.ofFloat(1.0))));
    writes.put(LwM2mPath.of(9999, 0), LwM2mObjectInstance.of(0));
    plans.put("reject", new BootstrapPlan(List.of(), writes, Optional.empty()));
    URI bs = URI.create("coap://127.0.0.1:" + bootstrapServer.coapAddress().getPort());
    client = client("reject").server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 4, 60)
        .bootstrapServer(bs, new ClientCredentials.NoSec()).bootstrapTimeouts(Duration.ofSeconds(2), Duration.ofHours(1)).start();
    awaitRegistration("reject");
    client.bootstrap().requestBootstrap();
    assertThat(next(sessions)).startsWith("failed reject: device at 127.0.0.1:").contains("refused Bootstrap-Write /9999/0 with 4.04 Not Found");
    assertThat(next(clientEvents)).startsWith("failed");
    assertThat(client.tree().single(LwM2mPath.of(1, 0, 0))).as("the Server account as it was")
        .contains(SingleResource.of(0, Value.ofInteger(4)));
    assertThat(client.tree().single(LwM2mPath.of(1, 0, 1))).contains(SingleResource.of(1, Value.ofInteger(60)));
  }

  @Test
  void aBootstrapServerWritingResourceByResourceCreatesTheNewInstancesAndFinishes() throws Exception {
    startServers();
    // a scripted Bootstrap-Server: answers the Bootstrap-Request, then writes /0/5 and /1/5 one resource at a time
    BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    CoapEndpoint[] scripted = new CoapEndpoint[1];
    Map<LwM2mPath, SingleResource> writes = new LinkedHashMap<>();
    writes.put(LwM2mPath.of(0, 5, 0), SingleResource.of(0, Value.of("coap://127.0.0.1:" + server.coapAddress().getPort())));
    writes.put(LwM2mPath.of(0, 5, 1), SingleResource.of(1, Value.of(false)));
    writes.put(LwM2mPath.of(0, 5, 2), SingleResource.of(2, Value.ofInteger(3)));
    writes.put(LwM2mPath.of(0, 5, 10), SingleResource.of(10, Value.ofInteger(5)));
    writes.put(LwM2mPath.of(1, 5, 0), SingleResource.of(0, Value.ofInteger(5)));
    writes.put(LwM2mPath.of(1, 5, 1), SingleResource.of(1, Value.ofInteger(60)));
    writes.put(LwM2mPath.of(1, 5, 6), SingleResource.of(6, Value.of(false)));
    writes.put(LwM2mPath.of(1, 5, 7), SingleResource.of(7, Value.of("U")));
    scripted[0] = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), request -> {
      InetSocketAddress device = request.peer();
      CompletableFuture.runAsync(() -> {
        CompletableFuture<?> steps = CompletableFuture.completedFuture(null);
        for (Map.Entry<LwM2mPath, SingleResource> write : writes.entrySet()) {
          LwM2mPath path = write.getKey();
          byte[] payload = NodeCodecs.standard().encode(ContentFormat.TEXT, write.getValue(), path, ObjectModelRegistry.bundled());
          steps = steps.thenCompose(done -> scripted[0].send(CoapRequest.to(device, CoapMethod.PUT, segments(path))
              .withPayload(ContentFormat.TEXT.code(), payload), Duration.ofSeconds(5)))
              .thenAccept(response -> answers.add("PUT " + path + " " + response.code()));
        }
        steps.thenCompose(done -> scripted[0].send(CoapRequest.to(device, CoapMethod.POST, List.of("bs")), Duration.ofSeconds(5)))
            .thenAccept(response -> answers.add("Finish " + response.code()));
      }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
      return CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED));
    }, CoapSettings.DEFAULTS);
    try {
      URI bs = URI.create("coap://127.0.0.1:" + scripted[0].address().getPort());
      client = client("piecewise").bootstrapServer(bs, new ClientCredentials.NoSec()).start();
      for (LwM2mPath path : writes.keySet()) {
        assertThat(next(answers)).isEqualTo("PUT " + path + " 2.04");
      }
      assertThat(next(answers)).isEqualTo("Finish 2.04");
      assertThat(next(clientEvents)).isEqualTo("finished");
      awaitRegistration("piecewise");
      assertThat(client.tree().single(LwM2mPath.of(1, 5, 1))).contains(SingleResource.of(1, Value.ofInteger(60)));
    } finally {
      scripted[0].close();
    }
  }

  private static List<String> segments(LwM2mPath path) {
    List<String> segments = new java.util.ArrayList<>();
    for (int id : path.ids()) {
      segments.add(Integer.toString(id));
    }
    return segments;
  }

  @Test
  void theDeviceInstanceCannotBeBootstrapDeleted() throws Exception {
    startServers();
    plans.put("device", new BootstrapPlan(List.of(LwM2mPath.of(3, 0)), Map.of(), Optional.empty()));
    URI bs = URI.create("coap://127.0.0.1:" + bootstrapServer.coapAddress().getPort());
    client = client("device").bootstrapServer(bs, new ClientCredentials.NoSec()).bootstrapTimeouts(Duration.ofSeconds(2), Duration.ofHours(1))
        .start();
    assertThat(next(sessions)).startsWith("failed device: device at 127.0.0.1:").contains("refused Bootstrap-Delete /3/0 with 4.00 Bad Request");
    assertThat(client.tree().instanceIds(3)).containsExactly(0);
  }

  @Test
  void aWrongBootstrapPskFailsAndTheClientRetries() throws Exception {
    startServers();
    plans.put("badkey", securePlan("badkey"));
    bootstrapServer.security().put(new PskSecurity("badkey", "badkey-id", BS_KEY));
    URI bs = URI.create("coaps://127.0.0.1:" + bootstrapServer.coapsAddress().orElseThrow().getPort());
    client = client("badkey").bootstrapServer(bs, new ClientCredentials.Psk("badkey-id", DM_KEY))
        .bootstrapTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)).start();
    assertThat(next(clientEvents)).startsWith("failed");
    assertThat(next(clientEvents)).as("it asks again").startsWith("failed");
    assertThat(server.registrations().store().byEndpoint("badkey")).isEmpty();
  }
}
