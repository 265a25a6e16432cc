package org.lwm2m4j.bench.registration;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.store.sqlite.SqliteStore;

/**
 * Load run: heap per registration in the in-memory store, or with {@code sqlite} as second
 * argument in the SQLite store (written behind the same in-memory store; measured once every write
 * is committed). Fills the store with N registrations (default 1,000,000) of an 11-link object
 * list, forces full collections, and divides the growth in used heap by N. Nothing is sent over a
 * network.
 *
 * <pre>java -Xmx4g -cp bench/target/benchmarks.jar org.lwm2m4j.bench.registration.RegistrationStoreHeap 1000000 [sqlite]</pre>
 */
public final class RegistrationStoreHeap {
  private RegistrationStoreHeap() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    boolean sqlite = args.length > 1 && args[1].equals("sqlite");
    Path dir = Files.createTempDirectory("lwm2m4j-heap");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    SqliteStore sqliteStore = sqlite ? SqliteStore.open(dir) : null;
    long before = usedAfterGc(memory);
    RegistrationStore store = sqlite ? sqliteStore.registrations() : new InMemoryRegistrationStore();
    Instant now = Instant.now();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      store.add(RegistrationFleet.device(i, now));
    }
    store.persisted().get(10, TimeUnit.MINUTES);
    long fillNanos = System.nanoTime() - start;
    long after = usedAfterGc(memory);
    System.out.printf("%s store, registrations: %,d (store size %,d)%n", sqlite ? "sqlite" : "in-memory", count, store.size());
    System.out.printf("heap per registration: %,d bytes (used heap %,d MB -> %,d MB)%n",
        (after - before) / count, before >> 20, after >> 20);
    System.out.printf("single-threaded fill%s: %,.0f registrations/s%n", sqlite ? " (until committed)" : "", count / (fillNanos / 1e9));
    // Keep the store reachable until after the measurement.
    if (store.size() != count) {
      throw new IllegalStateException("store lost registrations");
    }
    if (sqliteStore != null) {
      sqliteStore.close();
      System.out.printf("database file: %,d MB%n", Files.size(dir.resolve(SqliteStore.FILE_NAME)) >> 20);
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
