package org.lwm2m4j.bench.sidebyside;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.bench.dtls.DtlsHandshakeLoad;
import org.lwm2m4j.client.LwM2mClient;
import org.lwm2m4j.transport.CoapEndpoint;

/**
 * The side-by-side benchmark: Eclipse Leshan 2.0.0-M15's server, ours with the in-memory store and
 * ours with the SQLite store, one after the other, each in its own child JVM ({@link ServerProcess})
 * so its CPU time is its own, driven by the same load side in this JVM. Per server, three child
 * JVMs in turn:
 * <ol>
 *   <li>a warm-up, then {@code devices} Registers of distinct endpoints (12 object links) and an
 *       Update of each ({@code window} in flight), then {@code reads} Reads of {@code /3/0} through
 *       the server's Java API spread over {@code readClients} real lwm2m4j clients, then the
 *       steady-state heap per registration;</li>
 *   <li>per fleet size, a {@link FleetDevices} fleet registers (3 object links) and answers
 *       {@code reads} Reads through the Java API and as many over HTTP; with the first fleet
 *       size, the server then observes every device and takes {@code notifications} Confirmable
 *       notifications, and {@code DTLS_CLIENTS} Scandium clients handshake with fresh sessions for
 *       {@code dtlsSeconds};</li>
 *   <li>{@code devices} Registers with 3 object links, then the steady-state heap per registration.</li>
 * </ol>
 * Before the first server, phase 1 runs once against a throwaway server of ours, unmeasured, so the
 * generator is compiled before anything is measured. Writes a Markdown table with ratios to Leshan
 * to stdout and to {@code output}. The JVM needs {@code --add-modules jdk.incubator.foreign
 * --enable-native-access=ALL-UNNAMED} for the fleet's socket.
 *
 * <pre>java --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED -cp bench/target/benchmarks.jar \
 *     org.lwm2m4j.bench.sidebyside.SideBySide [devices] [window] [readClients] [reads] [output] [fleet] [notifications] [dtlsSeconds]</pre>
 */
public final class SideBySide {
  /** The servers compared, in the table's column order; the first is the reference. */
  static final List<String> KINDS = List.of("leshan", "memory", "sqlite");
  private static final List<String> NAMES = List.of("Leshan 2.0.0-M15", "ours, in-memory store", "ours, SQLite store (default)");
  private static final int READ_WINDOW = 32;
  private static final int DTLS_CLIENTS = 8;
  private static final String CHILD_HEAP = "2g";
  /** Smaller runs are smoke tests (the test's): they skip warming the generator on a throwaway server. */
  private static final int GENERATOR_WARM_UP_FROM = 1_000;

  private final Settings settings;
  private final long started = System.nanoTime();

  /**
   * What a run does; see the class comment. {@code fleet} lists the fleet sizes (each its own rows);
   * the notifications and DTLS phases run with the first.
   */
  record Settings(int devices, int window, int readClients, int reads, Path output, List<Integer> fleet, int notifications,
      int dtlsSeconds) {
    Settings {
      fleet = List.copyOf(fleet);
      if (fleet.isEmpty()) {
        throw new IllegalArgumentException("name at least one fleet size, e.g. 10000");
      }
    }

    /**
     * Registers and Updates before the measured ones: the JIT compiler threads keep spending about
     * as much CPU as the server's own work for the first 20-40 k of each, and settle after about
     * 60 k (seen per thread with {@code RegisterCpuByThread}); a short warm-up measured compilation.
     */
    int warmUp() {
      return Math.min(3 * devices, 60_000);
    }

    String describe() {
      return String.format(Locale.ROOT, "Settings: %,d Registers + %,d Updates measured per server (after %,d of each as warm-up), "
          + "%d in flight, %d generator sockets; %,d Reads of /3/0 (TLV, %d in flight, after %,d as warm-up) through the server's Java API "
          + "to %d real lwm2m4j clients, with %,d endpoints registered; fleets of %s raw-CoAP devices on one FleetSocket "
          + "(each its own 127.x.y.z address, 3 object links, fixed TLV answer), %,d Reads through the Java API and %,d over HTTP "
          + "per fleet (after %,d of each as warm-up; ours: the app's REST API GET /api/v1/clients/{ep}/data/3/0?format=tlv, "
          + "Leshan: the same route over its Java API on the JDK's HTTP server; both answer SenML JSON); with the first fleet, "
          + "Observe /3/0/9 on every device, then %,d CON notifications, %d unacknowledged at once, counted by the server's "
          + "observation listener; %d DTLS clients doing full PSK handshakes (fresh session each) + one CON GET for %d s after 2 s "
          + "of warm-up; heap: registrations kept after the CoAP endpoints stopped (exchange and deduplication state cleared), "
          + "full GC, minus an empty server's, with 12 object links (after the phases of the first JVM) and 3 (%,d Registers in "
          + "a JVM of their own); each server in its own JVMs (-Xmx%s), CPU = that process's user+system time; generator, fleet, "
          + "HTTP and DTLS clients in the parent JVM%s; %d cores, load average %s at the end "
          + "(above the core count, other work shared the machine: compare ratios, not absolute figures).",
          devices, devices, warmUp(), window, generatorPeers(), reads, READ_WINDOW, reads / 4, readClients,
          warmUp() + devices + readClients, fleet.stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList(), reads, reads,
          reads / 4, notifications, window, DTLS_CLIENTS, dtlsSeconds, devices, CHILD_HEAP,
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
        Path.of(args.length > 4 ? args[4] : "side-by-side.md"),
        Arrays.stream((args.length > 5 ? args[5] : "10000").split(",")).map(Integer::parseInt).toList(),
        args.length > 6 ? Integer.parseInt(args[6]) : 50_000,
        args.length > 7 ? Integer.parseInt(args[7]) : 10);
    String table = new SideBySide(settings).run();
    System.out.println(table);
    System.out.println("(written to " + settings.output().toAbsolutePath() + ")");
  }

  /**
   * Runs every server and returns the table, also written to the settings' output file. For
   * profiling one phase, the system property {@code bench.kinds} (e.g. {@code leshan,memory}) limits
   * the servers and {@code bench.phases=fleet} runs only the fleet phase; {@code dtlsSeconds} 0 skips
   * the handshakes.
   */
  String run() throws Exception {
    List<String> kinds = Arrays.stream(System.getProperty("bench.kinds", String.join(",", KINDS)).split(",")).toList();
    boolean fleetOnly = System.getProperty("bench.phases", "all").equals("fleet");
    if (settings.devices() >= GENERATOR_WARM_UP_FROM && !fleetOnly) {
      // The parent's JIT would otherwise still be compiling the generator and the clients while the
      // first server (Leshan) is measured, on the same cores: warm them on a throwaway server first.
      registrationsAndReads("memory", "generator warm-up", new HashMap<>(), false);
    }
    List<ServerResult> results = new ArrayList<>();
    for (int i = 0; i < KINDS.size(); i++) {
      if (!kinds.contains(KINDS.get(i))) {
        continue;
      }
      Map<String, Double> values = new HashMap<>();
      if (!fleetOnly) {
        registrationsAndReads(KINDS.get(i), NAMES.get(i), values, true);
      }
      for (int size : settings.fleet()) {
        fleet(KINDS.get(i), NAMES.get(i), size, size == settings.fleet().get(0), values);
      }
      if (!fleetOnly) {
        heapWithThreeLinks(KINDS.get(i), NAMES.get(i), values);
      }
      results.add(new ServerResult(NAMES.get(i), values));
    }
    String table = ComparisonTable.render(results, settings.fleet(), settings.describe());
    Files.writeString(settings.output(), table, StandardCharsets.UTF_8);
    return table;
  }

  /** Phase 1 against one server; without {@code measured}, as warm-up only (no heap, no values). */
  private void registrationsAndReads(String kind, String name, Map<String, Double> values, boolean measured) throws Exception {
    int devices = settings.devices();
    try (ChildServer child = ChildServer.start(kind, CHILD_HEAP, name + "-registrations");
        RegisterGenerator generator = new RegisterGenerator(settings.messages())) {
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
      int updatesNotFound = generator.update(port, locations, settings.window());
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
          return;
        }
        progress(name, "heap");
        String[] heap = child.command("heap");
        values.put(ComparisonTable.REGISTER_RATE, register.rate());
        values.put(ComparisonTable.REGISTER_CPU, register.serverCpuMicros());
        values.put(ComparisonTable.GENERATOR_REGISTER, register.parentCpuMicros());
        values.put(ComparisonTable.UPDATE_RATE, update.rate());
        values.put(ComparisonTable.UPDATE_CPU, update.serverCpuMicros());
        values.put(ComparisonTable.GENERATOR_UPDATE, update.parentCpuMicros());
        values.put(ComparisonTable.RETRANSMITTED, (double) retransmitted);
        values.put(ComparisonTable.UPDATES_NOT_FOUND, (double) updatesNotFound);
        values.put(ComparisonTable.READ_RATE, read.rate());
        values.put(ComparisonTable.READ_CPU, read.serverCpuMicros());
        values.put(ComparisonTable.CLIENTS_READ, read.parentCpuMicros());
        values.put(ComparisonTable.HEAP_12, Double.parseDouble(heap[1]));
      } finally {
        readers.forEach(LwM2mClient::halt);
      }
    }
  }

  /**
   * Phase 2 against one server: a fleet of {@code size} registers, then Reads through the Java
   * API and over HTTP; with {@code observeAndHandshake}, then notifications and DTLS handshakes.
   */
  private void fleet(String kind, String name, int size, boolean observeAndHandshake, Map<String, Double> values) throws Exception {
    try (ChildServer child = ChildServer.start(kind, CHILD_HEAP, name + "-fleet-" + size);
        FleetDevices fleet = new FleetDevices(size);
        HttpReads http = new HttpReads()) {
      InetSocketAddress server = new InetSocketAddress("127.0.0.1", child.port());
      progress(name, "fleet of " + size + " registers");
      fleet.register(server, "fleet", FleetDevices.THREE_LINKS, settings.window());
      awaitRegistrations(child, size);

      progress(name, "fleet of " + size + ": Reads through the Java API");
      String readCommand = "read fleet " + size + " ";
      checkReads(child.command(readCommand + settings.reads() / 4 + " " + READ_WINDOW));
      Phase read = Phase.start(child);
      checkReads(child.command(readCommand + settings.reads() + " " + READ_WINDOW));
      read = read.end(child, settings.reads());
      values.put(ComparisonTable.fleetReadRate(size), read.rate());
      values.put(ComparisonTable.fleetReadCpu(size), read.serverCpuMicros());
      values.put(ComparisonTable.fleetCpu(size), read.parentCpuMicros());

      progress(name, "fleet of " + size + ": Reads over HTTP");
      http.read(child.httpPort(), "fleet", size, settings.reads() / 4, READ_WINDOW);
      Phase httpRead = Phase.start(child);
      http.read(child.httpPort(), "fleet", size, settings.reads(), READ_WINDOW);
      httpRead = httpRead.end(child, settings.reads());
      values.put(ComparisonTable.httpReadRate(size), httpRead.rate());
      values.put(ComparisonTable.httpReadCpu(size), httpRead.serverCpuMicros());
      values.put(ComparisonTable.httpGeneratorCpu(size), httpRead.parentCpuMicros());
      if (!observeAndHandshake) {
        return;
      }

      progress(name, "fleet of " + size + ": Observes");
      String[] observed = child.command("observe fleet " + size + " " + settings.window());
      if (!observed[2].equals("0") || fleet.observed() != size) {
        throw new IllegalStateException(observed[2] + " Observes failed; " + fleet.observed() + " of " + size + " devices observed");
      }
      progress(name, "fleet of " + size + ": notifications");
      long before = Long.parseLong(child.command("notified")[1]);
      Phase notify = Phase.start(child);
      fleet.notify(server, settings.notifications(), settings.window());
      awaitNotifications(child, before + settings.notifications());
      notify = notify.end(child, settings.notifications());
      values.put(ComparisonTable.NOTIFY_RATE, notify.rate());
      values.put(ComparisonTable.NOTIFY_CPU, notify.serverCpuMicros());
      values.put(ComparisonTable.FLEET_NOTIFY, notify.parentCpuMicros());

      if (settings.dtlsSeconds() > 0) {
        progress(name, "DTLS handshakes");
        handshakes(child, values);
      }
    }
  }

  private void handshakes(ChildServer child, Map<String, Double> values) throws Exception {
    InetSocketAddress coaps = new InetSocketAddress("127.0.0.1", child.coapsPort());
    List<CoapEndpoint> clients = DtlsHandshakeLoad.clients(DTLS_CLIENTS);
    try {
      check(DtlsHandshakeLoad.run(coaps, clients, 2, true));
      Phase phase = Phase.start(child);
      DtlsHandshakeLoad.Handshakes measured = check(DtlsHandshakeLoad.run(coaps, clients, settings.dtlsSeconds(), true));
      phase = phase.end(child, (int) measured.done());
      values.put(ComparisonTable.DTLS_RATE, measured.rate());
      values.put(ComparisonTable.DTLS_CPU, phase.serverCpuMicros());
      values.put(ComparisonTable.CLIENTS_DTLS, phase.parentCpuMicros());
    } finally {
      clients.forEach(CoapEndpoint::close);
    }
  }

  private static DtlsHandshakeLoad.Handshakes check(DtlsHandshakeLoad.Handshakes handshakes) {
    if (handshakes.failed() > 0 || handshakes.done() == 0) {
      throw new IllegalStateException(handshakes.failed() + " DTLS handshakes failed, " + handshakes.done() + " succeeded");
    }
    return handshakes;
  }

  /** Phase 3 against one server: {@code devices} Registers with 3 object links, then the steady-state heap. */
  private void heapWithThreeLinks(String kind, String name, Map<String, Double> values) throws Exception {
    try (ChildServer child = ChildServer.start(kind, CHILD_HEAP, name + "-heap3");
        RegisterGenerator generator = new RegisterGenerator(settings.devices())) {
      progress(name, "heap with 3 object links");
      generator.register(child.port(), "small", settings.devices(), settings.window(), FleetDevices.THREE_LINKS);
      values.put(ComparisonTable.HEAP_3, Double.parseDouble(child.command("heap")[1]));
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
    throw new IllegalStateException("the clients did not all register within 60 s (expected " + expected + " registrations)");
  }

  private static void awaitNotifications(ChildServer child, long expected) throws Exception {
    for (int i = 0; i < 3_000; i++) {
      if (Long.parseLong(child.command("notified")[1]) >= expected) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
    throw new IllegalStateException("the server's listener did not see all notifications within 30 s (expected " + expected + ")");
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
