package org.lwm2m4j.bench.registration;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.LwM2mServerBuilder;
import org.lwm2m4j.server.store.sqlite.SqliteStore;

/**
 * Load run: Register throughput of the whole server over UDP on 127.0.0.1 — CoAP, the
 * registration interface, the store — with the in-memory store and with the SQLite store, where
 * each 2.01 waits for the group commit holding its registration. A Californium client keeps
 * {@code window} Registers in flight for {@code count} distinct endpoints (after a warm-up of
 * the same size on other endpoints) and counts acknowledged registrations per second. Client and
 * server share the machine's cores, so the numbers compare the stores rather than measure a
 * dedicated server.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.registration.RegistrationLoad [count] [window] [rounds]</pre>
 */
public final class RegistrationLoad {
  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private RegistrationLoad() {}

  /**
   * CPU time of the live threads that are not in {@code before}: the client endpoint's (its name
   * does not tell them from the server's, as both carry the address they were bound to, port 0).
   */
  private static long newThreadsCpu(Set<Long> before) {
    long nanos = 0;
    for (long id : THREADS.getAllThreadIds()) {
      if (!before.contains(id)) {
        nanos += Math.max(0, THREADS.getThreadCpuTime(id));
      }
    }
    return nanos;
  }

  private static Set<Long> threadIds() {
    Set<Long> ids = new HashSet<>();
    for (long id : THREADS.getAllThreadIds()) {
      ids.add(id);
    }
    return ids;
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int window = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    for (int round = 1; round <= rounds; round++) {
      Result memory = run(false, count, window);
      Result sqlite = run(true, count, window);
      System.out.printf("round %d: in-memory %,.0f registrations/s, sqlite %,.0f registrations/s (%.0f %%)%n", round, memory.rate(),
          sqlite.rate(), 100 * sqlite.rate() / memory.rate());
      System.out.printf("  CPU µs per registration (server = process - generator): in-memory server %.0f, generator %.0f;"
          + " sqlite server %.0f, generator %.0f%n", memory.serverMicros(), memory.generatorMicros(), sqlite.serverMicros(),
          sqlite.generatorMicros());
    }
  }

  /**
   * One measured phase: acknowledged registrations per second and CPU per registration, split into
   * the generator's threads (the sending thread and the client endpoint's threads) and the rest of
   * the process, which is the server (with the JVM's GC and JIT threads, shared by both ends).
   */
  private record Result(double rate, double serverMicros, double generatorMicros) {}

  /** The writer's batches during the measured phase: how many, how large, how long they took. */
  private static final class CommitStats implements org.lwm2m4j.server.store.StoreWriteListener {
    private long batches;
    private long rows;
    private long nanos;
    private long maxNanos;
    private long writerCpuFirst = -1;
    private long writerCpuLast;

    @Override
    public synchronized void committed(int writes, java.time.Duration took) {
      // called on the writer thread: its CPU time from the first batch of the phase to the last
      writerCpuLast = THREADS.getCurrentThreadCpuTime();
      if (writerCpuFirst < 0) {
        writerCpuFirst = writerCpuLast;
      }
      batches++;
      rows += writes;
      nanos += took.toNanos();
      maxNanos = Math.max(maxNanos, took.toNanos());
    }

    synchronized void reset() {
      batches = rows = nanos = maxNanos = 0;
      writerCpuFirst = -1;
    }

    @Override
    public synchronized String toString() {
      return String.format("commits: %d batches, %.0f rows per batch, %.2f ms per batch (longest %.1f ms), writer CPU %.1f µs per row",
          batches, (double) rows / Math.max(1, batches), nanos / 1e6 / Math.max(1, batches), maxNanos / 1e6,
          (writerCpuLast - writerCpuFirst) / 1e3 / Math.max(1, rows));
    }
  }

  private static Result run(boolean sqlite, int count, int window) throws Exception {
    Path dir = Files.createTempDirectory("lwm2m4j-load");
    SqliteStore store = sqlite ? SqliteStore.open(dir) : null;
    LwM2mServerBuilder builder = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0));
    CommitStats commits = new CommitStats();
    if (store != null) {
      builder.store(store);
      store.addWriteListener(commits);
    }
    try (LwM2mServer server = builder.start()) {
      int port = server.coapAddress().getPort();
      register(port, "warm", count, window);
      long start = System.nanoTime();
      long processStart = PROCESS.getProcessCpuTime();
      commits.reset();
      long generatorNanos = register(port, "dev", count, window);
      if (sqlite) {
        System.out.println("  sqlite " + commits);
      }
      long processNanos = PROCESS.getProcessCpuTime() - processStart;
      double seconds = (System.nanoTime() - start) / 1e9;
      if (Boolean.getBoolean("load.heap")) {
        // within CoAP's exchange lifetime: the deduplicator still holds every Register of both phases
        for (int i = 0; i < 3; i++) {
          System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf("  heap after full GC, %d registrations held, within the exchange lifetime: %d MB, %,d B per registration%n",
            2 * count, used >> 20, used / (2L * count));
      }
      if (server.registrations().store().size() != 2 * count) {
        throw new IllegalStateException("expected " + 2 * count + " registrations, the store has "
            + server.registrations().store().size());
      }
      return new Result(count / seconds, (processNanos - generatorNanos) / 1e3 / count, generatorNanos / 1e3 / count);
    } finally {
      if (store != null) {
        store.close();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  /** Sends the Registers; returns the CPU time the generator's threads spent on them, in nanoseconds. */
  private static long register(int port, String prefix, int count, int window) throws InterruptedException, IOException {
    long senderStart = THREADS.getCurrentThreadCpuTime();
    Set<Long> serverThreads = threadIds();
    CoapEndpoint client = new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile())
        .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
    client.start();
    try {
      Semaphore inFlight = new Semaphore(window);
      CountDownLatch answered = new CountDownLatch(count);
      AtomicInteger failed = new AtomicInteger();
      for (int i = 0; i < count; i++) {
        inFlight.acquire();
        Request register = Request.newPost();
        register.setURI("coap://127.0.0.1:" + port + "/rd?ep=" + prefix + "-" + i + "&lt=86400&lwm2m=1.1&b=U");
        register.getOptions().setContentFormat(40);
        register.setPayload(RegistrationFleet.OBJECT_LINKS);
        register.addMessageObserver(new MessageObserverAdapter() {
          @Override
          public void onResponse(Response response) {
            if (response.getCode() != CoAP.ResponseCode.CREATED) {
              failed.incrementAndGet();
            }
            done();
          }

          @Override
          public void onTimeout() {
            failed.incrementAndGet();
            done();
          }

          private void done() {
            inFlight.release();
            answered.countDown();
          }
        });
        client.sendRequest(register);
      }
      if (!answered.await(5, TimeUnit.MINUTES) || failed.get() > 0) {
        throw new IllegalStateException(failed.get() + " Registers failed or were not answered");
      }
      return THREADS.getCurrentThreadCpuTime() - senderStart + newThreadsCpu(serverThreads);
    } finally {
      client.destroy();
    }
  }
}
