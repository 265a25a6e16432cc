package org.lwm2m4j.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.server.store.redis.RedisServerProcess;

/**
 * Three {@code lwm2m server --store redis://…} processes behind nginx (one balancer for CoAP, one for DTLS),
 * sharing a real redis-server, with a simulated fleet registering through the balancers, half over plain CoAP
 * and half over DTLS with PSKs: every node answers for every device, every node's event stream carries every
 * node's events, and expiry happens once across the nodes.
 *
 * <p>The 10,000 devices, 5,000 plain and 5,000 PSK, in this JVM: the plain ones share the
 * simulator's fleet socket; each PSK one has a DTLS socket of its own and one receiver thread (its other
 * work runs on the simulator's shared workers), so the class needs about 5,300 descriptors (ulimit -n;
 * {@code scripts/test} raises the soft limit to the hard one) and 5,000 threads (kernel.pid_max). Every
 * device is read through every node (30,000 reads, {@value #READS_IN_FLIGHT} at a time); the short-lived
 * registrations of the expiry check are made as the reads start, so that their lifetime and the nodes'
 * 30 s grace run out meanwhile. Measured on this two-core machine: the class took 194 s as the other builds
 * beside it ended (load average from 17 to 1), and 335 to 367 s under a load average of about 28, when the
 * cluster started in 40 s, the fleet registered in 90 s and the reads took about 145 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterEndToEndTest {
  private static final int PLAIN_DEVICES = 5_000;
  private static final int PSK_DEVICES = 5_000;
  private static final int SHORT_LIVED = 1_000;
  private static final String PSK_KEY = "00112233445566778899aabbccddeeff";
  private static final Duration WAIT = Duration.ofSeconds(180);
  /** How long the fleet may take to register: its ramp takes 50 s, the rest is the nodes' work on a loaded machine. */
  private static final Duration FLEET_WAIT = Duration.ofMinutes(6);
  /** Reads in flight at once: enough to keep three nodes busy, few enough not to time out on a loaded machine. */
  private static final int READS_IN_FLIGHT = 128;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RedisServerProcess redis;
  private NodeProcesses nodes;
  private NginxUdpBalancer coap;
  private NginxUdpBalancer coaps;
  private final List<RecordedEventStream> events = new ArrayList<>();
  private final List<Thread> simulators = new ArrayList<>();
  private final StringWriter simulateErr = new StringWriter();
  private Thread shortLived;

  @BeforeAll
  void startCluster(@TempDir Path work) throws Exception {
    redis = RedisServerProcess.start();
    Path pskFile = work.resolve("psk.csv");
    Files.write(pskFile, IntStream.range(0, PSK_DEVICES).mapToObj(i -> String.format("dtls-%06d,id-%d,%s", i, i, PSK_KEY)).toList());
    nodes = NodeProcesses.startRetryingTakenPorts(work, 3, List.of("--store", redis.uri(), "--psk-file", pskFile.toString()));
    coap = NginxUdpBalancer.start(nodes.coapAddresses(), Duration.ofMinutes(10), Duration.ofSeconds(10));
    coaps = NginxUdpBalancer.start(nodes.coapsAddresses(), Duration.ofMinutes(10), Duration.ofSeconds(10));
    for (int i = 0; i < nodes.size(); i++) {
      events.add(RecordedEventStream.open(nodes.http(), nodes.uri(i, "/api/v1/events"), nodes.id(i)));
    }
    // devices that stay for the whole class, changing their temperature every 2 s
    simulate("--devices", String.valueOf(PLAIN_DEVICES), "--server", "coap://127.0.0.1:" + coap.address().getPort(),
        "--lifetime", "300", "--duration", "600", "--rate", "250", "--notify-interval", "2", "--first-address", "127.18.0.1");
    simulate("--devices", String.valueOf(PSK_DEVICES), "--server", "coaps://127.0.0.1:" + coaps.address().getPort(),
        "--endpoint-pattern", "dtls-%06d", "--psk-prefix", "id-", "--psk-key", PSK_KEY, "--lifetime", "300", "--duration", "600",
        "--rate", "100", "--notify-interval", "2", "--first-address", "127.19.0.1");
  }

  /**
   * Starts the short-lived devices once the fleet is up, so that their lifetime and the nodes' 30 s grace run
   * out while the fleet is read: each must register within the simulator's run, which a cluster busy
   * registering 10,000 devices on a loaded machine may not allow.
   */
  private synchronized Thread shortLived() {
    if (shortLived == null) {
      // registered, never updated after the simulator stops, never de-registered: each must expire, on one node
      shortLived = simulate("--devices", String.valueOf(SHORT_LIVED), "--server", "coap://127.0.0.1:" + coap.address().getPort(),
          "--endpoint-pattern", "exp-%06d", "--lifetime", "5", "--duration", "30", "--no-deregister", "--rate", "250",
          "--notify-interval", "0", "--first-address", "127.20.0.1");
    }
    return shortLived;
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (Thread simulator : simulators) {
      simulator.interrupt();
      simulator.join(Duration.ofSeconds(20).toMillis());
    }
    events.forEach(RecordedEventStream::close);
    if (coaps != null) {
      coaps.close();
    }
    if (coap != null) {
      coap.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(1)
  void everyDeviceIsReadableThroughTheRestApiOfEveryNode() throws Exception {
    awaitFleet();
    shortLived();
    List<String> endpoints = new ArrayList<>();
    IntStream.range(0, PLAIN_DEVICES).forEach(i -> endpoints.add(String.format("sim-%06d", i)));
    IntStream.range(0, PSK_DEVICES).forEach(i -> endpoints.add(String.format("dtls-%06d", i)));

    Semaphore inFlight = new Semaphore(READS_IN_FLIGHT);
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    List<CompletableFuture<?>> reads = new ArrayList<>();
    for (String endpoint : endpoints) {
      for (int node = 0; node < nodes.size(); node++) {
        inFlight.acquire();
        String what = nodes.id(node) + " reading " + endpoint;
        reads.add(nodes.http().sendAsync(HttpRequest.newBuilder(nodes.uri(node, "/api/v1/clients/" + endpoint + "/data/3/0/1"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString())
            .whenComplete((response, failure) -> {
              inFlight.release();
              if (failure != null) {
                failures.add(what + ": " + failure);
              } else if (response.statusCode() != 200 || !response.body().contains("lwm2m4j-simulated")) {
                failures.add(what + ": " + response.statusCode() + " " + response.body());
              }
            }));
      }
    }
    CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).handle((done, failure) -> null).get(5, TimeUnit.MINUTES);
    assertThat(failures).as("reads that failed of " + reads.size()).isEmpty();
  }

  @Test
  @Order(2)
  void aNotificationAppearsOnTheEventStreamOfEveryNode() throws Exception {
    awaitFleet();
    for (String endpoint : List.of("sim-000007", "dtls-000011")) {
      // observe through the last node, which need not be the device's
      HttpResponse<String> observe = nodes.call(2, "POST", "/api/v1/clients/" + endpoint + "/observations/3303/0/5700", "");
      assertThat(observe.statusCode()).as(endpoint + ": " + observe.body()).isBetween(200, 201);
      for (int node = 0; node < nodes.size(); node++) {
        RecordedEventStream log = events.get(node);
        await(endpoint + "'s notification on " + nodes.id(node) + "'s event stream").atMost(WAIT)
            .until(() -> !log.events(event -> event.name().equals("notification") && event.endpoint().equals(endpoint)
                && event.data().contains("5700") && event.node().isPresent()).isEmpty());
      }
    }
  }

  @Test
  @Order(3)
  void shortLivedRegistrationsExpireExactlyOnceAcrossTheNodes() throws Exception {
    awaitFleet();
    Thread shortLived = shortLived();
    for (int node = 0; node < nodes.size(); node++) {
      RecordedEventStream log = events.get(node);
      await("every short-lived registration expired, on " + nodes.id(node) + "'s event stream").atMost(Duration.ofMinutes(3))
          .failFast("the simulator failed: " + simulateErr, () -> !shortLived.isAlive() && simulateErr.toString().contains("Exception"))
          .until(() -> expired(log).size() >= SHORT_LIVED);
    }
    // a second expiry of the same registration would come on the next checks of the other nodes
    for (int node = 0; node < nodes.size(); node++) {
      RecordedEventStream log = events.get(node);
      await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> expired(log).size() == SHORT_LIVED);
      List<String> endpoints = expired(log).stream().map(RecordedEventStream.Event::endpoint).toList();
      assertThat(new HashSet<>(endpoints)).as(nodes.id(node) + ": each endpoint expired once").hasSize(SHORT_LIVED);
    }
    Set<String> expiringNodes = expired(events.get(0)).stream().map(event -> event.node().orElse("")).collect(Collectors.toSet());
    assertThat(expiringNodes).as("nodes that expired registrations").isNotEmpty().allMatch(node -> node.startsWith("node-"));
    for (int node = 0; node < nodes.size(); node++) {
      HttpResponse<String> left = nodes.call(node, "GET", "/api/v1/clients?q=exp-&limit=10", "");
      assertThat(JSON.readTree(left.body()).get("clients")).as(nodes.id(node) + " holds no short-lived registration").isEmpty();
    }
  }

  private static List<RecordedEventStream.Event> expired(RecordedEventStream log) {
    return log.events(event -> event.name().equals("expired") && event.endpoint().startsWith("exp-"));
  }

  /** Waits until every node lists the whole fleet. */
  private void awaitFleet() {
    for (int node = 0; node < nodes.size(); node++) {
      int index = node;
      // every few seconds: each look lists the whole fleet, a page of 1,000 at a time
      await("the whole fleet on " + nodes.id(node)).atMost(FLEET_WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(3))
          .failFast(() -> assertThat(simulators.subList(0, 2)).as("the fleet's simulators, which said: " + simulateErr)
              .allMatch(Thread::isAlive))
          .until(() -> count(index, "sim-") == PLAIN_DEVICES && count(index, "dtls-") == PSK_DEVICES);
    }
  }

  /** The registrations whose endpoint starts with {@code prefix} that {@code node} lists, page by page; -1 on an error. */
  private int count(int node, String prefix) throws Exception {
    int count = 0;
    String cursor = "";
    // a page of 1,000 at a time: the fleet's pages and one past the end at most
    for (int pages = 0; pages <= (PLAIN_DEVICES + PSK_DEVICES) / 1_000 + 1; pages++) {
      HttpResponse<String> page = nodes.call(node, "GET", "/api/v1/clients?q=" + prefix + "&limit=1000" + cursor, "");
      if (page.statusCode() != 200) {
        return -1;
      }
      com.fasterxml.jackson.databind.JsonNode body = JSON.readTree(page.body());
      count += body.get("clients").size();
      if (!body.has("next")) {
        return count;
      }
      cursor = "&cursor=" + java.net.URLEncoder.encode(body.get("next").asText(), java.nio.charset.StandardCharsets.UTF_8);
    }
    return count;
  }

  /** {@code lwm2m simulate args…} in this JVM on a thread of its own, interrupted at the end of the class. */
  private Thread simulate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    System.arraycopy(args, 0, all, 1, args.length);
    Thread simulator = new Thread(() -> {
      try {
        Main.run(all, new PrintWriter(new StringWriter(), true), new PrintWriter(simulateErr, true));
      } catch (Throwable e) {
        simulateErr.write(e.toString());
      }
    }, "lwm2m-simulate-" + simulators.size());
    simulator.setDaemon(true);
    simulator.start();
    simulators.add(simulator);
    return simulator;
  }
}
