package org.lwm2m4j.transport.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;

/**
 * Thousands of fleet endpoints, each at its own address, exchange with one Californium server over
 * one socket. Prints the fleet side's CPU per round trip and heap per idle endpoint (measurements,
 * not asserted); scale with {@code -Dfleet.scale.devices}, {@code -Dfleet.scale.rounds} and
 * compare receive-thread delivery with {@code -Dfleet.scale.handOff=false}.
 */
class FleetScaleTest {
  private static final int DEVICES = Integer.getInteger("fleet.scale.devices", 2_000);
  private static final int ROUNDS = Integer.getInteger("fleet.scale.rounds", 3);
  private static final boolean HAND_OFF = Boolean.parseBoolean(System.getProperty("fleet.scale.handOff", "true"));
  private static final int WINDOW = 500;
  /** The socket, and nothing per device; a little slack for what the JVM opens meanwhile (jar files, logs). */
  private static final long FILE_SLACK = 8;

  @Test
  void twoThousandDevicesEachCompleteExchangesWithOneCaliforniumServerOverOneSocket() throws Exception {
    long filesBefore = LoopbackFleet.openFileCount();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (CoapEndpoint server = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0),
        request -> CompletableFuture.completedFuture(FleetNetworkTest.text("ok " + request.peer().getAddress().getHostAddress())),
        CoapSettings.DEFAULTS);
        RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS, HAND_OFF)) {
      long filesWithServer = LoopbackFleet.openFileCount();
      List<CoapEndpoint> devices = new ArrayList<>();
      for (int i = 0; i < DEVICES; i++) {
        devices.add(fleet.device(i, FleetNetworkTest.notFoundHandler()));
      }
      assertThat(LoopbackFleet.openFileCount() - filesWithServer).isLessThanOrEqualTo(FILE_SLACK);

      roundTrips(devices, server.address()); // warm-up, and the check that each device's exchange completes
      long[] cpuBefore = fleetCpu(threads);
      long senderUserBefore = threads.getCurrentThreadUserTime();
      long start = System.nanoTime();
      for (int round = 0; round < ROUNDS; round++) {
        roundTrips(devices, server.address());
      }
      long elapsed = System.nanoTime() - start;
      long[] cpuAfter = fleetCpu(threads);
      double senderUser = (threads.getCurrentThreadUserTime() - senderUserBefore) / 1e3 / ((double) DEVICES * ROUNDS);
      double exchanges = (double) DEVICES * ROUNDS;
      double[] perTrip = new double[3];
      for (int i = 0; i < 3; i++) {
        perTrip[i] = (cpuAfter[i] - cpuBefore[i]) / 1e3 / exchanges;
      }
      System.out.printf("fleet network (%s): %d devices x %d rounds in %d ms (%.0f round trips/s); fleet-side CPU per "
              + "request/response round trip %.1f us (sender %.1f of which user %.1f, receive thread %.1f, scheduler %.1f); "
              + "sent %d received %d dropped %d%n",
          HAND_OFF ? "hand-off to scheduler" : "delivered on receive thread", DEVICES, ROUNDS, elapsed / 1_000_000,
          exchanges * 1e9 / elapsed, perTrip[0] + perTrip[1] + perTrip[2], perTrip[0], senderUser, perTrip[1], perTrip[2],
          fleet.network.sentCount(), fleet.network.receivedCount(), fleet.network.droppedCount());
      assertThat(LoopbackFleet.openFileCount() - filesBefore).isLessThanOrEqualTo(filesWithServer - filesBefore + FILE_SLACK);
      assertThat(fleet.failure.get()).isNull();
    }
  }

  private static void roundTrips(List<CoapEndpoint> devices, InetSocketAddress server) {
    List<CompletableFuture<CoapResponse>> window = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      CoapEndpoint device = devices.get(i);
      window.add(device.send(CoapRequest.to(server, CoapMethod.GET, List.of("3", "0")), Duration.ofSeconds(60))
          .thenApply(response -> {
            assertThat(FleetNetworkTest.text(response)).isEqualTo("ok " + device.address().getAddress().getHostAddress());
            return response;
          }));
      if (window.size() == WINDOW || i + 1 == devices.size()) {
        CompletableFuture<Void> all = CompletableFuture.allOf(window.toArray(CompletableFuture[]::new));
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(60)).until(all::isDone);
        window.forEach(CompletableFuture::join);
        window.clear();
      }
    }
  }

  @Test
  void idleEndpointsCostNoThreadsNoFilesAndLittleHeap() throws Exception {
    int idle = Integer.getInteger("fleet.scale.idle", 20_000);
    try (RunningFleet fleet = new RunningFleet(CoapSettings.DEFAULTS)) {
      long files = LoopbackFleet.openFileCount();
      int threadCount = Thread.activeCount();
      long heapBefore = usedHeapAfterGc();
      List<CoapEndpoint> devices = new ArrayList<>(idle);
      for (int i = 0; i < idle; i++) {
        devices.add(fleet.device(i, FleetNetworkTest.notFoundHandler()));
      }
      long heapAfter = usedHeapAfterGc();
      System.out.printf("fleet network: %d idle endpoints, %.0f bytes of heap each%n", idle,
          (heapAfter - heapBefore) / (double) idle);
      assertThat(fleet.network.boundCount()).isEqualTo(idle);
      assertThat(LoopbackFleet.openFileCount() - files).isLessThanOrEqualTo(FILE_SLACK);
      assertThat(Thread.activeCount()).as("no thread per endpoint").isLessThanOrEqualTo(threadCount);
      assertThat(devices).hasSize(idle);
    }
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  /** CPU time of the threads that do the fleet's work: the test's (which sends), the receiver and the scheduler's. */
  private static long[] fleetCpu(ThreadMXBean threads) {
    long[] cpu = {threads.getCurrentThreadCpuTime(), 0, 0};
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      String name = thread.getName();
      if (name.equals(RunningFleet.RECEIVER_NAME)) {
        cpu[1] += Math.max(0, threads.getThreadCpuTime(thread.getId()));
      } else if (name.startsWith(RunningFleet.SCHEDULER_NAME + "-")) {
        cpu[2] += Math.max(0, threads.getThreadCpuTime(thread.getId()));
      }
    }
    return cpu;
  }
}
