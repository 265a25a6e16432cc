package org.lwm2m4j.bench.sidebyside;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.client.LwM2mClient;

/**
 * The side-by-side benchmark: Eclipse Leshan 2.0.0-M15's server, ours with the in-memory store and
 * ours with the SQLite store, one after the other, each in its own child JVM ({@link ServerProcess})
 * so its CPU time is its own, driven by the same generator in this JVM. Per server: a warm-up, then
 * {@code devices} Registers of distinct endpoints and an Update of each ({@code window} in flight),
 * then {@code reads} Reads of {@code /3/0} through the server's Java API spread over
 * {@code readClients} real lwm2m4j clients (registered beside the others), then the steady-state heap
 * per registration. Before the first server, the same phases run once against a throwaway server of
 * ours, unmeasured, so the generator is compiled before anything is measured. Writes a Markdown table with ratios to Leshan to stdout and to {@code output}.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.sidebyside.SideBySide [devices] [window] [readClients] [reads] [output]</pre>
 */
public final class SideBySide {
  /** The servers compared, in the table's column order; the first is the reference. */
  static final List<String> KINDS = List.of("leshan", "memory", "sqlite");
  private static final List<String> NAMES = List.of("Leshan 2.0.0-M15", "ours, in-memory store", "ours, SQLite store (default)");
  private static final int READ_WINDOW = 32;
  private static final String CHILD_HEAP = "2g";
  /** Smaller runs are smoke tests (the test's): they skip warming the generator on a throwaway server. */
  private static final int GENERATOR_WARM_UP_FROM = 1_000;

  private final Settings settings;
  private final long started = System.nanoTime();

  /** What a run does; see the class comment. */
  record Settings(int devices, int window, int readClients, int reads, Path output) {
    int warmUp() {
      return Math.min(devices, 5_000);
    }

    String describe() {
      return String.format(Locale.ROOT, "Settings: %,d Registers + %,d Updates measured per server (after %,d of each as warm-up), "
          + "%d in flight, %d generator sockets; %,d Reads of /3/0 (TLV, %d in flight, after %,d as warm-up) through the server's Java API "
          + "to %d real lwm2m4j clients, with %,d endpoints registered; heap: registrations kept after the CoAP endpoints stopped "
          + "(exchange and deduplication state cleared), full GC, minus an empty server's; each server in its own JVM (-Xmx%s), "
          + "CPU = that process's user+system time; generator and clients in the parent JVM%s; %d cores, load average %s at the end "
          + "(above the core count, other work shared the machine: compare ratios, not absolute figures).",
          devices, devices, warmUp(), window, generatorPeers(), reads, READ_WINDOW, reads / 4, readClients,
          warmUp() + devices + readClients, CHILD_HEAP,
          devices >= GENERATOR_WARM_UP_FROM ? ", warmed first on a throwaway server of ours" : "",
          Runtime.getRuntime().availableProcessors(), loadAverage());
    }

    private static String loadAverage() {
      try {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
      } catch (java.io.IOException e) {
        return "unknown";
      }
    }

    int messages() {
      return 2 * (warmUp() + devices);
    }

    int generatorPeers() {
      return RegisterGenerator.peersFor(messages());
    }
  }

  SideBySide(Settings settings) {
    this.settings = settings;
  }

  public static void main(String[] args) throws Exception {
    Settings settings = new Settings(
        args.length > 0 ? Integer.parseInt(args[0]) : 20_000,
        args.length > 1 ? Integer.parseInt(args[1]) : 200,
        args.length > 2 ? Integer.parseInt(args[2]) : 20,
        args.length > 3 ? Integer.parseInt(args[3]) : 20_000,
        Path.of(args.length > 4 ? args[4] : "side-by-side.md"));
    String table = new SideBySide(settings).run();
    System.out.println(table);
    System.out.println("(written to " + settings.output().toAbsolutePath() + ")");
  }

  /** Runs every server and returns the table, also written to the settings' output file. */
  String run() throws Exception {
    if (settings.devices() >= GENERATOR_WARM_UP_FROM) {
      // The parent's JIT would otherwise still be compiling the generator and the clients while the
      // first server (Leshan) is measured, on the same cores: warm them on a throwaway server first.
      measure("memory", "generator warm-up", false);
    }
    List<ServerResult> results = new ArrayList<>();
    for (int i = 0; i < KINDS.size(); i++) {
      results.add(measure(KINDS.get(i), NAMES.get(i), true).orElseThrow());
    }
    String table = ComparisonTable.render(results, settings.describe());
    Files.writeString(settings.output(), table, StandardCharsets.UTF_8);
    return table;
  }

  /** Runs every phase against one server; without {@code measured}, as warm-up only (no heap, no result). */
  private Optional<ServerResult> measure(String kind, String name, boolean measured) throws Exception {
    int devices = settings.devices();
    try (ChildServer child = ChildServer.start(kind, CHILD_HEAP); RegisterGenerator generator = new RegisterGenerator(settings.messages())) {
      int port = child.port();
      progress(name, "started; warm-up");
      generator.update(port, generator.register(port, "warm", settings.warmUp(), settings.window()), settings.window());

      progress(name, "Registers");
      long retransmittedBefore = generator.retransmissions();
      Phase register = Phase.start(child);
      String[] locations = generator.register(port, "dev", devices, settings.window());
      register = register.end(child, devices);

      progress(name, "Updates");
      Phase update = Phase.start(child);
      generator.update(port, locations, settings.window());
      update = update.end(child, devices);
      long retransmitted = generator.retransmissions() - retransmittedBefore;
      progress(name, "starting read clients");

      List<LwM2mClient> readers = startReaders(port, settings.readClients());
      try {
        awaitRegistrations(child, settings.warmUp() + devices + settings.readClients());
        progress(name, "Reads");
        String readCommand = "read reader " + settings.readClients() + " ";
        checkReads(child.command(readCommand + settings.reads() / 4 + " " + READ_WINDOW));
        Phase read = Phase.start(child);
        checkReads(child.command(readCommand + settings.reads() + " " + READ_WINDOW));
        read = read.end(child, settings.reads());

        if (!measured) {
          return Optional.empty();
        }
        progress(name, "heap");
        String[] heap = child.command("heap");
        return Optional.of(new ServerResult(name, register.rate(), register.serverCpuMicros(), register.parentCpuMicros(),
            update.rate(), update.serverCpuMicros(), update.parentCpuMicros(), retransmitted,
            read.rate(), read.serverCpuMicros(), read.parentCpuMicros(),
            Long.parseLong(heap[1]), Integer.parseInt(heap[2])));
      } finally {
        readers.forEach(LwM2mClient::halt);
      }
    }
  }

  private void progress(String name, String step) {
    System.err.printf(Locale.ROOT, "side-by-side %6.1f s: %s: %s%n", (System.nanoTime() - started) / 1e9, name, step);
  }

  private static List<LwM2mClient> startReaders(int port, int count) throws Exception {
    List<LwM2mClient> readers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      readers.add(LwM2mClient.builder("reader-" + i).localAddress(new InetSocketAddress("127.0.0.1", 0))
          .server(URI.create("coap://127.0.0.1:" + port), 1, 86_400).start());
    }
    return readers;
  }

  private static void awaitRegistrations(ChildServer child, int expected) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (Integer.parseInt(child.command("count")[1]) >= expected) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IllegalStateException("the read clients did not all register within 60 s (expected " + expected + " registrations)");
  }

  private static void checkReads(String[] answer) {
    if (!answer[2].equals("0")) {
      throw new IllegalStateException(answer[2] + " Reads failed or were not answered");
    }
  }

  /** One measured phase: wall time, the server's CPU time and the parent's, between start and end. */
  private record Phase(long startNanos, long serverCpu, long parentCpu, double rate, double serverCpuMicros, double parentCpuMicros) {
    static Phase start(ChildServer child) {
      return new Phase(System.nanoTime(), child.cpuNanos(), parentCpuNanos(), 0, 0, 0);
    }

    Phase end(ChildServer child, int operations) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      return new Phase(startNanos, serverCpu, parentCpu, operations / seconds,
          (child.cpuNanos() - serverCpu) / 1e3 / operations, (parentCpuNanos() - parentCpu) / 1e3 / operations);
    }
  }

  private static long parentCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
