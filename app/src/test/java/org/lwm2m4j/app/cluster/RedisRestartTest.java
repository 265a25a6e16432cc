package org.lwm2m4j.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.Main;
import org.lwm2m4j.server.store.redis.RedisServerProcess;

/**
 * Three {@code lwm2m server --store redis://…} processes behind nginx with a registered fleet; then Redis is
 * restarted ({@link RedisServerProcess#restart}: a shutdown, which writes and syncs the append-only file, and a
 * start that reads it back). The nodes reconnect by themselves and go on: a device that registers after the
 * restart is listed by every node, the registrations from before are still listed by every node, and a node
 * started again after the restart (so reading everything from Redis) lists them too, which shows they
 * survived in Redis and not only in the nodes' replicas.
 *
 * <p>What a crash of Redis ({@link RedisServerProcess#kill} then {@link RedisServerProcess#startAgain}) can
 * lose: with {@code appendfsync everysec} Redis acknowledges a write once it is in the append-only file's
 * buffer and syncs the file once a second, so a crash loses the writes of the last second or so (up to two
 * when a sync is slow). A Register, Update or De-register is answered when Redis acknowledged it ({@code
 * RegistrationStore.persisted()}), not when it was synced: one answered within that window can be gone from
 * Redis after the crash. The nodes then read every key again when they reconnect, so their replicas forget it
 * too: a device registered in the window is unknown until its next Update, which is answered 4.04 and makes
 * it register again; an Update or De-register in the window is undone (the registration comes back with its
 * older lifetime or address, or until it expires); an observation made in the window is forgotten, and the
 * application has to observe again. Changes that come while Redis is away fail at once ({@code persisted()}
 * fails) and are not acknowledged to the device, which retries. A shutdown, as in this test, loses nothing.
 */
class RedisRestartTest {
  private static final int DEVICES = 60;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path workDir;

  private RedisServerProcess redis;
  private NodeProcesses nodes;
  private NginxUdpBalancer balancer;
  private final List<Thread> simulations = new ArrayList<>();
  private final StringWriter simulateErr = new StringWriter();

  @AfterEach
  void stop() throws Exception {
    for (Thread simulation : simulations) {
      simulation.interrupt();
      simulation.join(Duration.ofSeconds(20).toMillis());
    }
    if (balancer != null) {
      balancer.close();
    }
    if (nodes != null) {
      nodes.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void afterARedisRestartTheNodesGoOnWithTheRegistrationsFromBeforeAndNewOnes() throws Exception {
    redis = RedisServerProcess.start();
    nodes = startNodes(List.of("--store", redis.uri()));
    balancer = NginxUdpBalancer.start(nodes.coapAddresses(), Duration.ofMinutes(10), Duration.ofSeconds(60));
    CompletableFuture<Integer> fleet = simulate("--devices", String.valueOf(DEVICES), "--server", server(), "--lifetime", "600",
        "--duration", "600", "--rate", "100", "--first-address", "127.19.0.1");
    await("every device listed by every node").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .failFast("the simulator ended: " + simulateErr, fleet::isDone)
        .until(() -> unlisted(endpoints("sim-%06d", DEVICES), List.of(0, 1, 2)).isEmpty());

    redis.restart();

    CompletableFuture<Integer> late = simulate("--devices", "3", "--server", server(), "--endpoint-pattern", "late-%d",
        "--lifetime", "600", "--duration", "600", "--rate", "10", "--first-address", "127.19.1.1");
    await("the devices registered after the restart listed by every node").atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .failFast("the simulator ended: " + simulateErr, late::isDone)
        .until(() -> unlisted(endpoints("late-%d", 3), List.of(0, 1, 2)).isEmpty());
    assertThat(unlisted(endpoints("sim-%06d", DEVICES), List.of(0, 1, 2))).as("registrations from before the restart")
        .isEmpty();
    assertThat(nodes.call(0, "GET", "/api/v1/clients/sim-000000/data/3/0/1", "").statusCode())
        .as("a Read through a node after the restart").isEqualTo(200);

    nodes.kill(0);
    nodes.restart(0);
    List<String> all = new ArrayList<>(endpoints("sim-%06d", DEVICES));
    all.addAll(endpoints("late-%d", 3));
    assertThat(unlisted(all, List.of(0))).as("registrations a node started after the restart reads from Redis").isEmpty();
  }

  private String server() {
    return "coap://127.0.0.1:" + balancer.address().getPort();
  }

  /** The pairs endpoint@node of {@code endpoints} that some of {@code nodeIndexes} do not list. */
  private List<String> unlisted(List<String> endpoints, List<Integer> nodeIndexes) throws Exception {
    List<String> missing = new ArrayList<>();
    for (String endpoint : endpoints) {
      for (int node : nodeIndexes) {
        if (nodes.call(node, "GET", "/api/v1/clients/" + endpoint, "").statusCode() != 200) {
          missing.add(endpoint + "@" + nodes.id(node));
        }
      }
    }
    return missing;
  }

  private static List<String> endpoints(String pattern, int count) {
    List<String> endpoints = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      endpoints.add(String.format(pattern, i));
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
