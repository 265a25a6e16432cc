package org.lwm2m4j.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.app.rest.RestApi;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.registration.Registration;

/**
 * Three servers, each with its own memory store and REST API, behind one nginx UDP address; a simulated
 * fleet registers through nginx. Without a shared store each node knows only its own devices, which is
 * what this checks of the balancer: the hash spreads devices over the nodes, each device stays on its node,
 * and a server-initiated Read from a node reaches its device back through nginx's session.
 */
class ThreeNodesBehindNginxTest {
  private static final int DEVICES = 300;
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final List<LwM2mServer> nodes = new ArrayList<>();
  private final List<RestApi> apis = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private NginxUdpBalancer balancer;
  private final StringWriter simulateErr = new StringWriter();
  private Thread simulate;

  @BeforeEach
  void start() throws Exception {
    for (int i = 0; i < 3; i++) {
      LwM2mServer node = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
      nodes.add(node);
      apis.add(RestApi.start(node, "127.0.0.1", 0));
    }
    balancer = NginxUdpBalancer.start(nodes.stream().map(LwM2mServer::coapAddress).toList(), Duration.ofMinutes(10),
        Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    if (simulate != null) {
      simulate.interrupt();
      simulate.join(Duration.ofSeconds(20).toMillis());
    }
    if (balancer != null) {
      balancer.close();
    }
    apis.forEach(RestApi::close);
    nodes.forEach(LwM2mServer::close);
  }

  @Test
  void everyDeviceRegistersOnOneNodeThroughNginxAndIsReadThroughThatNodesRestApi() throws Exception {
    CompletableFuture<Integer> status = simulate("--devices", String.valueOf(DEVICES), "--server",
        "coap://127.0.0.1:" + balancer.address().getPort(), "--lifetime", "300", "--duration", "120", "--rate", "300",
        "--first-address", "127.16.0.1");

    await("every device registered on some node").atMost(WAIT)
        .failFast("the simulator ended: " + simulateErr, status::isDone)
        .until(() -> nodes.stream().mapToInt(node -> node.registrations().store().size()).sum() == DEVICES);

    Map<String, Integer> nodeOf = new HashMap<>();
    for (int n = 0; n < nodes.size(); n++) {
      for (int i = 0; i < DEVICES; i++) {
        String endpoint = String.format("sim-%06d", i);
        Optional<Registration> registration = nodes.get(n).registrations().store().byEndpoint(endpoint);
        if (registration.isPresent()) {
          assertThat(nodeOf.put(endpoint, n)).as(endpoint + " registered on one node only").isNull();
          // the node sees nginx's session socket, not the device
          assertThat(registration.get().address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
      }
    }
    assertThat(nodeOf).hasSize(DEVICES);
    assertThat(nodeOf.values()).as("the hash spreads the devices over the three nodes").contains(0, 1, 2);

    for (Map.Entry<String, Integer> device : nodeOf.entrySet()) {
      HttpResponse<String> read = get(apis.get(device.getValue()), "/api/v1/clients/" + device.getKey() + "/data/3/0/1");
      assertThat(read.statusCode()).as(device.getKey() + ": " + read.body()).isEqualTo(200);
      assertThat(read.body()).contains("lwm2m4j-simulated");
    }
  }

  private HttpResponse<String> get(RestApi api, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code lwm2m simulate args…} in this JVM on a thread of its own. */
  private CompletableFuture<Integer> simulate(String... args) {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    System.arraycopy(args, 0, all, 1, args.length);
    simulate = new Thread(() -> {
      try {
        status.complete(Main.run(all, new PrintWriter(new StringWriter(), true), new PrintWriter(simulateErr, true)));
      } catch (Throwable e) {
        status.completeExceptionally(e);
      }
    }, "lwm2m-simulate-command");
    simulate.setDaemon(true);
    simulate.start();
    return status;
  }
}
