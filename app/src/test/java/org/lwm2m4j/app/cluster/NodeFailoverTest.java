package org.lwm2m4j.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.server.store.redis.RedisServerProcess;

/**
 * Three {@code lwm2m server --store redis://…} processes behind nginx (one balancer for CoAP, one for DTLS), a
 * simulated fleet of plain CoAP and PSK devices registered and observed
 * through them; while a load of Reads runs through the REST APIs, one node is ended
 * with {@code kill -9}. Then:
 *
 * <ul>
 *   <li>no acknowledged registration is lost: every device registered before the kill is still listed by both
 *       survivors, at once (the registrations live in Redis and in every node's replica);
 *   <li>every device the dead node owned is readable through the survivors at most {@link #READABLE_AFTER} after
 *       the first message a survivor hears from it (an Update — the lifetime is short — or a notification —
 *       the values move every few seconds): a Read started by then is answered. That message reaches a survivor
 *       only once nginx has found the dead node gone (its first datagrams to the dead node are lost, see {@link
 *       NginxUdpBalancer}), so the whole failover of a device is bounded by {@link #NEXT_MESSAGE_WITHIN};
 *   <li>the observations of those devices (made through any node, the dead one included) go on delivering
 *       notifications to the event stream of each survivor.
 * </ul>
 */
class NodeFailoverTest {
  /** The plain devices (the test keeps one thread per device of the killed node). */
  private static final int DEVICES = 240;
  /** The PSK devices: each is a DTLS endpoint of its own in the simulator. */
  private static final int PSK_DEVICES = 30;
  private static final String PSK_KEY = "00112233445566778899aabbccddeeff";
  private static final int READERS = 4;
  private static final int LIFETIME = 40;
  private static final int NOTIFY_INTERVAL = 5;
  /** The bound this test asserts: from the first message a survivor hears from a device to a Read answered. */
  private static final Duration READABLE_AFTER = Duration.ofSeconds(5);
  /**
   * How long after the kill a dead node's device may take to reach a survivor: its next notification (every
   * {@link #NOTIFY_INTERVAL} s) or Update (within {@link #LIFETIME}), retransmitted until nginx has marked the
   * dead node down (14 to 21 s measured, see {@link NginxUdpBalancer}), with room for a loaded machine.
   */
  private static final Duration NEXT_MESSAGE_WITHIN = Duration.ofSeconds(LIFETIME + 45);
  private static final String READ_PATH = "/data/3/0/9";
  private static final String OBSERVED_PATH = "/3/0/9";
  private static final int KILLED = 0;
  private static final List<Integer> SURVIVORS = List.of(1, 2);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  private RedisServerProcess redis;
  private NodeProcesses nodes;
  private NginxUdpBalancer balancer;
  private NginxUdpBalancer coapsBalancer;
  private final List<RecordedEventStream> streams = new ArrayList<>();
  private final List<Thread> simulations = new ArrayList<>();
  private final StringWriter simulateErr = new StringWriter();
  private final AtomicBoolean loadRuns = new AtomicBoolean(true);
  /** The Read load's threads. */
  private final ExecutorService readers = Executors.newFixedThreadPool(READERS);
  /** One thread per device of the killed node at most: a check waiting in a queue would miss its bound. */
  private final ExecutorService workers = Executors.newFixedThreadPool(DEVICES + PSK_DEVICES);

  @AfterEach
  void stop() throws Exception {
    loadRuns.set(false);
    readers.shutdownNow();
    workers.shutdownNow();
    readers.awaitTermination(30, TimeUnit.SECONDS);
    workers.awaitTermination(30, TimeUnit.SECONDS);
    streams.forEach(RecordedEventStream::close);
    for (Thread simulation : simulations) {
      simulation.interrupt();
      simulation.join(Duration.ofSeconds(20).toMillis());
    }
    if (balancer != null) {
      balancer.close();
    }
    if (coapsBalancer != null) {
      coapsBalancer.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private int plainDevices;
  private int pskDevices;

  /**
   * Plain and PSK devices in one run (a second run of three nodes would cost the suite another 1.5 min). A PSK
   * device of the killed node sends its next message (an Update or a confirmable notification) on its session
   * with the dead node, whose Connection ID no survivor can read; that message goes unanswered, and before its
   * first retransmission the device starts a resumption handshake. nginx sends it to a survivor once it found
   * the dead node gone (the handshake's own retransmissions carry it there), and the survivor finds the session
   * in Redis, where the nodes share them, so it resumes it: the same security context, and the retransmission
   * goes on in it. The device does not register again (asserted), its registration moves to the survivor with
   * the Update or notification, and its observations go on. Its whole failover is bounded by {@link
   * #NEXT_MESSAGE_WITHIN} as for plain devices, and it is readable {@link #READABLE_AFTER} after a survivor
   * first heard from it. Measured (loaded 2-core machine, 30 PSK devices): every device of the killed node
   * heard by a survivor at most 25 s after the kill, readable 0.3 s after that.
   */
  @Test
  void theDevicesOfAKilledNodeAreReadAndNotifyThroughTheSurvivorsAndNoRegistrationIsLost() throws Exception {
    killANodeOf(DEVICES, PSK_DEVICES);
  }

  private void killANodeOf(int plain, int psk) throws Exception {
    plainDevices = plain;
    pskDevices = psk;
    redis = RedisServerProcess.start();
    Path pskFile = workDir.resolve("psk.csv");
    List<String> pskLines = new ArrayList<>();
    for (int i = 0; i < pskDevices; i++) {
      pskLines.add(String.format("dtls-%06d,id-%d,%s", i, i, PSK_KEY));
    }
    Files.write(pskFile, pskLines);
    nodes = startNodes(List.of("--store", redis.uri(), "--psk-file", pskFile.toString()));
    balancer = NginxUdpBalancer.start(nodes.coapAddresses(), Duration.ofMinutes(10), Duration.ofSeconds(120));
    coapsBalancer = NginxUdpBalancer.start(nodes.coapsAddresses(), Duration.ofMinutes(10), Duration.ofSeconds(120));
    for (int survivor : SURVIVORS) {
      streams.add(RecordedEventStream.open(nodes.http(), nodes.uri(survivor, "/api/v1/events"), nodes.id(survivor)));
    }
    CompletableFuture<Integer> plainFleet = simulate("--devices", String.valueOf(plainDevices), "--server",
        "coap://127.0.0.1:" + balancer.address().getPort(), "--lifetime", String.valueOf(LIFETIME), "--notify-interval",
        String.valueOf(NOTIFY_INTERVAL), "--duration", "900", "--rate", "100", "--first-address", "127.18.0.1");
    CompletableFuture<Integer> pskFleet = pskDevices == 0 ? new CompletableFuture<>() : simulate("--devices", String.valueOf(pskDevices), "--server",
        "coaps://127.0.0.1:" + coapsBalancer.address().getPort(), "--endpoint-pattern", "dtls-%06d", "--psk-prefix", "id-",
        "--psk-key", PSK_KEY, "--lifetime", String.valueOf(LIFETIME), "--notify-interval", String.valueOf(NOTIFY_INTERVAL),
        "--duration", "900", "--rate", "20", "--first-address", "127.18.4.1");
    CompletableFuture<Object> status = CompletableFuture.anyOf(plainFleet, pskFleet);

    await("every device listed by every node").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .failFast("the simulator ended: " + simulateErr, status::isDone)
        .until(() -> unlisted(List.of(0, 1, 2)).isEmpty());
    await("every device's owner seen on the event streams").atMost(Duration.ofSeconds(30))
        .until(() -> owners().size() == endpoints().size());
    Map<String, String> ownerBefore = owners();
    List<String> moved = endpoints().stream().filter(endpoint -> ownerBefore.get(endpoint).equals(nodes.id(KILLED))).toList();
    assertThat(Set.copyOf(ownerBefore.values())).as("the hash spreads the devices over the three nodes")
        .containsExactlyInAnyOrder(nodes.id(0), nodes.id(1), nodes.id(2));

    // observed through every node, the one to be killed too
    for (int i = 0; i < endpoints().size(); i++) {
      String endpoint = endpoints().get(i);
      HttpResponse<String> observe = nodes.call(i % 3, "POST", "/api/v1/clients/" + endpoint + "/observations" + OBSERVED_PATH, "");
      assertThat(observe.statusCode()).as("observe " + endpoint + " through " + nodes.id(i % 3) + ": " + observe.body())
          .isBetween(200, 299);
    }
    long observed = System.nanoTime();
    await("a notification of every device on each survivor's stream").atMost(Duration.ofSeconds(60))
        .until(() -> streams.stream().allMatch(stream -> endpoints().stream()
            .allMatch(endpoint -> stream.firstAfter(endpoint, observed, Set.of("notification"), any -> true).isPresent())));

    AtomicInteger readsAnswered = new AtomicInteger();
    AtomicInteger readsFailed = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    List<CompletableFuture<Void>> load = new ArrayList<>();
    for (int reader = 0; reader < READERS; reader++) {
      int first = reader;
      load.add(CompletableFuture.runAsync(() -> readLoad(first, killed, readsAnswered, readsFailed), readers));
    }
    await("reads answered before the kill").atMost(Duration.ofSeconds(30)).until(() -> readsAnswered.get() >= 50);
    int answeredBeforeKill = readsAnswered.get();

    long killedAt = System.nanoTime();
    killed.set(true);
    nodes.kill(KILLED);

    for (int survivor : SURVIVORS) {
      assertThat(unlisted(List.of(survivor))).as("registrations " + nodes.id(survivor) + " no longer lists after the kill")
          .isEmpty();
    }

    Set<String> survivorIds = Set.of(nodes.id(1), nodes.id(2));
    Map<String, CompletableFuture<Long>> readable = new ConcurrentHashMap<>();
    await("a message from every device of " + nodes.id(KILLED) + " heard by a survivor").atMost(NEXT_MESSAGE_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .failFast("the simulator ended: " + simulateErr, status::isDone)
        .until(() -> {
          for (String endpoint : moved) {
            if (!readable.containsKey(endpoint)) {
              firstHeardBySurvivor(endpoint, killedAt, survivorIds).ifPresent(heard -> readable.put(endpoint,
                  CompletableFuture.supplyAsync(() -> readBy(endpoint, heard + READABLE_AFTER.toNanos()), workers)));
            }
          }
          return readable.size() == moved.size();
        });
    Map<String, Long> millisAfterHeard = new HashMap<>();
    for (String endpoint : moved) {
      long answeredAt = readable.get(endpoint).get(READABLE_AFTER.toSeconds() + 60, TimeUnit.SECONDS);
      long heard = firstHeardBySurvivor(endpoint, killedAt, survivorIds).orElseThrow();
      millisAfterHeard.put(endpoint, TimeUnit.NANOSECONDS.toMillis(answeredAt - heard));
    }
    long lastHeard = moved.stream().mapToLong(endpoint -> firstHeardBySurvivor(endpoint, killedAt, survivorIds).orElseThrow())
        .map(heard -> heard - killedAt).max().orElse(0);
    System.out.printf("%s owned %d of %d devices (%d of them PSK); first message to a survivor at most %d ms after the kill; answered Read "
            + "started at most %d ms after that; load: %d Reads answered before the kill, %d in all, %d failed%n",
        nodes.id(KILLED), moved.size(), endpoints().size(), moved.stream().filter(endpoint -> endpoint.startsWith("dtls-")).count(), TimeUnit.NANOSECONDS.toMillis(lastHeard),
        millisAfterHeard.values().stream().mapToLong(Long::longValue).max().orElse(0), answeredBeforeKill, readsAnswered.get(),
        readsFailed.get());

    for (RecordedEventStream stream : streams) {
      List<String> silent = new ArrayList<>(moved);
      await().atMost(Duration.ofSeconds(NOTIFY_INTERVAL * 4L)).ignoreExceptions().untilAsserted(() -> {
        silent.removeIf(endpoint -> stream.firstAfter(endpoint, readable.get(endpoint).join(), Set.of("notification"),
            event -> event.node().map(survivorIds::contains).orElse(true)).isPresent());
        assertThat(silent).as("devices of " + nodes.id(KILLED) + " without a notification from a survivor on " + stream).isEmpty();
      });
    }
    for (int survivor : SURVIVORS) {
      assertThat(unlisted(List.of(survivor))).as("registrations " + nodes.id(survivor) + " no longer lists").isEmpty();
    }
    List<String> registeredAgain = moved.stream().filter(endpoint -> endpoint.startsWith("dtls-"))
        .filter(endpoint -> streams.stream().anyMatch(stream -> stream.firstAfter(endpoint, killedAt, Set.of("registered", "expired"),
            any -> true).isPresent())).toList();
    assertThat(registeredAgain).as("PSK devices of " + nodes.id(KILLED) + " that registered again or expired: they resume their session")
        .isEmpty();
    loadRuns.set(false);
    CompletableFuture.allOf(load.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(readsAnswered.get()).as("Reads answered after the kill").isGreaterThan(answeredBeforeKill);
  }

  /**
   * Reads device values through random nodes (the survivors once {@code killed}) until the test ends; a
   * bounded loop, each Read bounded by the REST call's timeout.
   */
  private void readLoad(int first, AtomicBoolean killed, AtomicInteger answered, AtomicInteger failed) {
    for (int n = first; n < 1_000_000 && loadRuns.get(); n += READERS) {
      int node = killed.get() ? SURVIVORS.get(n % 2) : n % 3;
      try {
        HttpResponse<String> read = nodes.call(node, "GET", "/api/v1/clients/" + endpoints().get(n * 7 % endpoints().size()) + READ_PATH, "");
        (read.statusCode() == 200 ? answered : failed).incrementAndGet();
      } catch (Exception e) {
        failed.incrementAndGet();
      }
    }
  }

  /**
   * Reads {@code endpoint} through the survivors in turn until one answers; fails if no Read started by
   * {@code deadlineNanos} was answered. Returns when (nanoTime) the answered Read started.
   */
  private long readBy(String endpoint, long deadlineNanos) {
    long[] started = new long[1];
    int[] attempt = new int[1];
    await(endpoint + " read through a survivor").atMost(READABLE_AFTER.plusSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          started[0] = System.nanoTime();
          assertThat(started[0] - deadlineNanos).as(endpoint + ": no Read answered within " + READABLE_AFTER
              + " of its first message to a survivor").isNotPositive();
          int survivor = SURVIVORS.get(attempt[0]++ % 2);
          return nodes.call(survivor, "GET", "/api/v1/clients/" + endpoint + READ_PATH, "").statusCode() == 200;
        });
    return started[0];
  }

  /** When a survivor's stream first carried an Update, Register or notification of {@code endpoint} handled by a survivor. */
  private Optional<Long> firstHeardBySurvivor(String endpoint, long sinceNanos, Set<String> survivorIds) {
    return streams.stream()
        .flatMap(stream -> stream.firstAfter(endpoint, sinceNanos, Set.of("updated", "registered", "notification"),
            event -> event.node().map(survivorIds::contains).orElse(true)).stream())
        .map(RecordedEventStream.Event::arrivedNanos)
        .min((a, b) -> Long.compare(a - b, 0));
  }

  /** Each device's owner, as the last registered/updated event on the survivors' streams names it. */
  private Map<String, String> owners() {
    Map<String, String> owners = new HashMap<>();
    for (String endpoint : endpoints()) {
      streams.stream().map(stream -> stream.lastRegistrationNode(endpoint)).flatMap(Optional::stream).findFirst()
          .ifPresent(node -> owners.put(endpoint, node));
    }
    return owners;
  }

  /** The devices some of {@code nodeIndexes} do not list. */
  private List<String> unlisted(List<Integer> nodeIndexes) throws Exception {
    List<String> missing = new ArrayList<>();
    for (String endpoint : endpoints()) {
      for (int node : nodeIndexes) {
        if (nodes.call(node, "GET", "/api/v1/clients/" + endpoint, "").statusCode() != 200) {
          missing.add(endpoint + "@" + nodes.id(node));
        }
      }
    }
    return missing;
  }

  private List<String> endpoints() {
    List<String> endpoints = new ArrayList<>();
    for (int i = 0; i < plainDevices; i++) {
      endpoints.add(String.format("sim-%06d", i));
    }
    for (int i = 0; i < pskDevices; i++) {
      endpoints.add(String.format("dtls-%06d", i));
    }
    return endpoints;
  }

  private NodeProcesses startNodes(List<String> options) throws Exception {
    return NodeProcesses.startRetryingTakenPorts(workDir, 3, options);
  }

  /** {@code lwm2m simulate args…} in this JVM on a thread of its own. */
  private CompletableFuture<Integer> simulate(String... args) {
    CompletableFuture<Integer> status = new CompletableFuture<>();
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    System.arraycopy(args, 0, all, 1, args.length);
    Thread simulation = new Thread(() -> {
      try {
        status.complete(Main.run(all, new PrintWriter(new StringWriter(), true), new PrintWriter(simulateErr, true)));
      } catch (Throwable e) {
        status.completeExceptionally(e);
      }
    }, "lwm2m-simulate-command-" + simulations.size());
    simulation.setDaemon(true);
    simulations.add(simulation);
    simulation.start();
    return status;
  }
}
