package org.lwm2m4j.bench.device;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;

/**
 * Load run: Read throughput through the server's device API — the downlink path (request chain,
 * encoding, CoAP over UDP on 127.0.0.1) to real lwm2m4j clients and back. Keeps {@code window}
 * Reads of {@code /3/0} in flight, spread over {@code clients} clients, {@code count} in all after a
 * warm-up of the same size, and prints reads per second and the process's CPU time per read (server
 * and clients share the process, so the CPU figure is for both ends; compare runs of one build with
 * another, not with other products). Several clients, because CoAP gives one pair of endpoints
 * 65,536 Message IDs per exchange lifetime (247 s): one client cannot take more Reads than that.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.device.ReadLoad [count] [window] [rounds] [clients]</pre>
 */
public final class ReadLoad {
  private ReadLoad() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int clients = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    List<LwM2mClient> started = new ArrayList<>();
    try (LwM2mServer server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start()) {
      List<Registration> registrations = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        started.add(LwM2mClient.builder("read-load-" + i).localAddress(new InetSocketAddress("127.0.0.1", 0))
            .server(URI.create("coap://127.0.0.1:" + server.coapAddress().getPort()), 1, 86_400).start());
        registrations.add(awaitRegistration(server, "read-load-" + i));
      }
      read(server, registrations, count, window);
      for (int round = 1; round <= rounds; round++) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        read(server, registrations, count, window);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMicros = (processCpuNanos() - cpu) / 1e3 / count;
        System.out.printf("round %d: %,.0f reads/s, %.1f µs CPU per read (server + clients)%n", round, count / seconds, cpuMicros);
      }
    } finally {
      started.forEach(LwM2mClient::halt);
    }
  }

  private static Registration awaitRegistration(LwM2mServer server, String endpoint) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      var found = server.registrations().store().byEndpoint(endpoint);
      if (found.isPresent()) {
        return found.get();
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException(endpoint + " did not register within 30 s");
  }

  private static void read(LwM2mServer server, List<Registration> registrations, int count, int window) throws InterruptedException {
    Semaphore inFlight = new Semaphore(window);
    CountDownLatch answered = new CountDownLatch(count);
    AtomicInteger failed = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      inFlight.acquire();
      server.devices().read(registrations.get(i % registrations.size()), LwM2mPath.of(3, 0), RequestOptions.DEFAULTS).whenComplete((node, failure) -> {
        if (failure != null) {
          failed.incrementAndGet();
        }
        inFlight.release();
        answered.countDown();
      });
    }
    if (!answered.await(5, TimeUnit.MINUTES) || failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " Reads failed or were not answered");
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
