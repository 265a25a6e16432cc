package org.lwm2m4j.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.app.Main;

/**
 * Three {@code lwm2m server --store memory} processes behind nginx, a simulated fleet registering through
 * nginx: each device is read through the REST API of the node it registered on, and after {@code kill -9} of
 * a node its devices reach the survivors with their next Update (a 4.04 there, as nothing is shared, then a
 * Register). With the Redis store the survivors take the registrations over instead; that run needs the store.
 */
class NodeProcessesBehindNginxTest {
  private static final int DEVICES = 120;
  private static final int LIFETIME = 20;

  @TempDir
  Path workDir;

  private NodeProcesses nodes;
  private NginxUdpBalancer balancer;
  private Thread simulate;
  private final StringWriter simulateErr = new StringWriter();

  @AfterEach
  void stop() throws Exception {
    if (simulate != null) {
      simulate.interrupt();
      simulate.join(Duration.ofSeconds(20).toMillis());
    }
    if (balancer != null) {
      balancer.close();
    }
    if (nodes != null) {
      nodes.close();
    }
  }

  @Test
  void devicesAreReadThroughTheirNodeAndReachTheSurvivorsAfterTheirNodeIsKilled() throws Exception {
    nodes = NodeProcesses.start(workDir, 3, List.of("--store", "memory"));
    balancer = NginxUdpBalancer.start(nodes.coapAddresses(), Duration.ofMinutes(10), Duration.ofSeconds(60));
    CompletableFuture<Integer> status = simulate("--devices", String.valueOf(DEVICES), "--server",
        "coap://127.0.0.1:" + balancer.address().getPort(), "--lifetime", String.valueOf(LIFETIME), "--duration", "300",
        "--rate", "200", "--first-address", "127.17.0.1");

    await("every device registered on one node").atMost(Duration.ofSeconds(60))
        .failFast("the simulator ended: " + simulateErr, status::isDone)
        .until(() -> nodeOfEveryDevice().stream().allMatch(node -> node >= 0));
    List<Integer> nodeOf = nodeOfEveryDevice();
    assertThat(nodeOf).as("the hash spreads the devices over the three nodes").contains(0, 1, 2);
    for (int i = 0; i < DEVICES; i++) {
      HttpResponse<String> read = nodes.call(nodeOf.get(i), "GET", "/api/v1/clients/" + endpoint(i) + "/data/3/0/1", "");
      assertThat(read.statusCode()).as(endpoint(i) + ": " + read.body()).isEqualTo(200);
    }

    nodes.kill(0);
    List<Integer> moved = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      if (nodeOf.get(i) == 0) {
        moved.add(i);
      }
    }
    // its next Update (within the lifetime) plus the datagrams nginx loses finding node-1 dead (14-21 s), plus a Register
    await("the killed node's devices registered on the survivors").atMost(Duration.ofSeconds(LIFETIME + 40))
        .failFast("the simulator ended: " + simulateErr, status::isDone)
        .until(() -> moved.stream().allMatch(i -> registeredOn(1, i) || registeredOn(2, i)));
    for (int i : moved) {
      int survivor = registeredOn(1, i) ? 1 : 2;
      HttpResponse<String> read = nodes.call(survivor, "GET", "/api/v1/clients/" + endpoint(i) + "/data/3/0/1", "");
      assertThat(read.statusCode()).as(endpoint(i) + " on " + nodes.id(survivor) + ": " + read.body()).isEqualTo(200);
    }
  }

  /** For each device, the index of the node it is registered on, or -1. */
  private List<Integer> nodeOfEveryDevice() throws Exception {
    List<Integer> nodeOf = new ArrayList<>();
    for (int i = 0; i < DEVICES; i++) {
      int found = -1;
      for (int n = 0; n < nodes.size() && found < 0; n++) {
        found = registeredOn(n, i) ? n : -1;
      }
      nodeOf.add(found);
    }
    return nodeOf;
  }

  private boolean registeredOn(int node, int device) {
    try {
      return nodes.call(node, "GET", "/api/v1/clients/" + endpoint(device), "").statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static String endpoint(int i) {
    return String.format("sim-%06d", i);
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
