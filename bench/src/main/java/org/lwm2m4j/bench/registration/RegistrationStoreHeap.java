package org.lwm2m4j.bench.registration;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;

/**
 * Load run: heap per registration in the in-memory store. Fills the store with N registrations
 * (default 1,000,000) of an 11-link object list, forces full collections, and divides the growth
 * in used heap by N. Nothing is sent over a network.
 *
 * <pre>java -Xmx4g -cp bench/target/benchmarks.jar org.lwm2m4j.bench.registration.RegistrationStoreHeap 1000000</pre>
 */
public final class RegistrationStoreHeap {
  private RegistrationStoreHeap() {}

  public static void main(String[] args) throws InterruptedException {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedAfterGc(memory);
    InMemoryRegistrationStore store = new InMemoryRegistrationStore();
    Instant now = Instant.now();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      store.add(RegistrationFleet.device(i, now));
    }
    long fillNanos = System.nanoTime() - start;
    long after = usedAfterGc(memory);
    System.out.printf("registrations: %,d (store size %,d)%n", count, store.size());
    System.out.printf("heap per registration: %,d bytes (used heap %,d MB -> %,d MB)%n",
        (after - before) / count, before >> 20, after >> 20);
    System.out.printf("single-threaded fill: %,.0f registrations/s%n", count / (fillNanos / 1e9));
    // Keep the store reachable until after the measurement.
    if (store.size() != count) {
      throw new IllegalStateException("store lost registrations");
    }
  }

  private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
