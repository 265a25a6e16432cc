package org.lwm2m4j.bench.cluster;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.lwm2m4j.app.cluster.NginxUdpBalancer;
import org.lwm2m4j.app.cluster.NodeProcesses;
import org.lwm2m4j.server.store.redis.RedisServerProcess;

/**
 * The cluster benchmark: in one run, one {@code lwm2m server} with the SQLite store, then three nodes on one
 * Redis behind nginx, each loaded by the same {@code lwm2m simulate} fleet, compared in a Markdown table.
 * Per deployment: the nodes start (child JVMs on the application's jar, through the app tests'
 * {@link NodeProcesses}; Redis through {@link RedisServerProcess}, nginx through {@link NginxUdpBalancer},
 * all on 127.0.0.1); the heap of each node after full collections; {@code devices} simulated devices register
 * (three object links each, through nginx for the cluster), the first quarter as warm-up, the rest measured;
 * the heap again; {@code reads} Reads of {@code /3/0} through the REST API, spread round robin over the nodes
 * (so two thirds of the cluster's go to a node that does not own the device and are routed), after a quarter
 * as many as warm-up; Redis' {@code used_memory} before and after. CPU per operation is each process's
 * user + system time from the operating system. Writes the table to stdout and to {@code output}.
 *
 * <pre>mvn -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.cluster.ClusterBench [devices] [reads] [output] [rate]</pre>
 *
 * Run from the repository root (the nodes and the simulator run {@code app/target/lwm2m4j.jar}; another jar
 * with {@code -Dbench.appJar=PATH}). Needs {@code redis-server}, {@code nginx} and {@code libnginx-mod-stream}.
 */
public final class ClusterBench {
  private static final int READ_WINDOW = 32;
  private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
  private static final Duration REGISTRATION_BOUND = Duration.ofMinutes(10);

  /** What a run does; see the class comment. {@code rate}: devices the simulator starts per second. */
  record Settings(int devices, int reads, Path output, int rate, Path appJar) {
    /**
     * The test harness's nginx has 20,000 worker connections and a session takes two (the device's side and
     * the socket to its node), beside the listener: 10,000 devices leave some without a session.
     */
    static final int MAX_DEVICES = 9_900;

    Settings {
      if (devices < 4 || devices > MAX_DEVICES) {
        throw new IllegalArgumentException("devices must be 4.." + MAX_DEVICES + " (nginx's 20,000 connections are two per device), got "
            + devices);
      }
    }

    String describe() {
      return String.format(Locale.ROOT, "Settings: %,d devices of `lwm2m simulate` (plain CoAP on one fleet socket, each its own 127.x.y.z "
              + "address, Register with `</1/0>,</3/0>,</3303/0>`, lifetime 1 day), started at %,d/s; registrations/s and CPU per "
              + "registration over the last three quarters (the first quarter is warm-up); %,d REST Reads of /3/0 (TLV, %d in flight, "
              + "after %,d as warm-up) round robin over the nodes' REST APIs; heap after full GC (`jcmd GC.run`) with the registrations "
              + "minus before them, taken right after the Registers (so it includes CoAP's deduplication state of each Register, kept "
              + "for the 247 s exchange lifetime); nodes are `lwm2m server` JVMs (-Xmx384m, log at INFO to a file); Redis %s with AOF "
              + "everysec; nginx `hash $remote_addr consistent`, one worker; %d cores, load average %s at the end (above the core count, "
              + "other work shared the machine: compare CPU per operation, rates are indicative).",
          devices, rate, reads, READ_WINDOW, reads / 4, redisVersion(), Runtime.getRuntime().availableProcessors(), loadAverage());
    }
  }

  /** A moment of a phase: wall time, registrations seen, and the CPU time of every process involved. */
  private record Snapshot(long nanos, int count, long nodes, long simulator, long parent, long shared) {}

  private final Settings settings;
  private final Path workDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final long started = System.nanoTime();

  ClusterBench(Settings settings, Path workDir) {
    this.settings = settings;
    this.workDir = workDir;
  }

  public static void main(String[] args) throws Exception {
    Settings settings = new Settings(
        args.length > 0 ? Integer.parseInt(args[0]) : Settings.MAX_DEVICES,
        args.length > 1 ? Integer.parseInt(args[1]) : 20_000,
        Path.of(args.length > 2 ? args[2] : "cluster-bench.md"),
        args.length > 3 ? Integer.parseInt(args[3]) : 2_000,
        Path.of(System.getProperty("bench.appJar", "app/target/lwm2m4j.jar")));
    if (!Files.isRegularFile(settings.appJar())) {
      throw new IllegalArgumentException("no application jar at " + settings.appJar().toAbsolutePath()
          + ": run from the repository root after `mvn -B -q -pl bench -am package -DskipTests`, or give -Dbench.appJar=PATH");
    }
    Path workDir = Files.createTempDirectory("lwm2m4j-cluster-bench");
    String table = new ClusterBench(settings, workDir).run();
    System.out.println(table);
    System.out.println("(written to " + settings.output().toAbsolutePath() + "; node and simulator logs in " + workDir + ")");
  }

  String run() throws Exception {
    List<ClusterRow> rows = new ArrayList<>();
    String classPath = settings.appJar().toAbsolutePath().toString();
    try (NodeProcesses node = NodeProcesses.startRetryingTakenPorts(workDir.resolve("sqlite"), 1, List.of("--store", "sqlite"), classPath)) {
      rows.add(measured(measure("SQLite, 1 node", node, node.coapAddresses().get(0), Optional.empty(), new long[0])));
    }
    try (RedisServerProcess redis = RedisServerProcess.start();
        NodeProcesses nodes = NodeProcesses.startRetryingTakenPorts(workDir.resolve("redis"), 3, List.of("--store", redis.uri()), classPath);
        NginxUdpBalancer nginx = NginxUdpBalancer.start(nodes.coapAddresses(), Duration.ofHours(2), Duration.ofSeconds(30));
        RedisProbe probe = new RedisProbe(redis.uri())) {
      rows.add(measured(measure("Redis, 3 nodes behind nginx", nodes, nginx.address(), Optional.of(probe),
          new long[] {redis.pid(), nginx.pid()})));
    }
    String table = ClusterTable.render(rows, settings.describe(), settings.rate());
    Files.writeString(settings.output(), table, StandardCharsets.UTF_8);
    return table;
  }

  private ClusterRow measure(String name, NodeProcesses nodes, InetSocketAddress target, Optional<RedisProbe> redis, long[] sharedPids)
      throws Exception {
    int devices = settings.devices();
    long[] pids = IntStream.range(0, nodes.size()).mapToLong(nodes::pid).toArray();
    progress(name, "heap of the empty node(s)");
    long[] heapBefore = heaps(pids);
    long redisBefore = redis.map(RedisProbe::usedMemory).orElse(0L);

    progress(name, devices + " devices register");
    try (Simulator simulator = Simulator.start(settings.appJar(), target, devices, settings.rate(),
        workDir.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + "-simulate.log"))) {
      Snapshot from = null;
      Snapshot to;
      long deadline = System.nanoTime() + REGISTRATION_BOUND.toNanos();
      while (true) {
        int count = total(nodes, 0);
        if (from == null && count >= devices / 4) {
          from = snapshot(count, pids, simulator, sharedPids);
        }
        if (count >= devices) {
          to = snapshot(count, pids, simulator, sharedPids);
          break;
        }
        if (!simulator.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(count + " of " + devices + " devices registered" + (simulator.isAlive() ? " within "
              + REGISTRATION_BOUND.toMinutes() + " minutes" : " when the simulator ended") + "; see the logs in " + workDir);
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      int registered = to.count() - from.count();
      double seconds = (to.nanos() - from.nanos()) / 1e9;
      for (int i = 1; i < nodes.size(); i++) {
        awaitTotal(nodes, i, devices);
      }
      progress(name, String.format(Locale.ROOT, "%,.0f registrations/s; heap", registered / seconds));
      long[] heapAfter = heaps(pids);
      double[] heapPerRegistration = IntStream.range(0, pids.length).mapToDouble(i -> (double) (heapAfter[i] - heapBefore[i]) / devices)
          .toArray();

      SpreadReads reads = new SpreadReads(nodes, devices);
      progress(name, "Reads (warm-up)");
      reads.read(settings.reads() / 4, READ_WINDOW);
      progress(name, "Reads");
      Snapshot readFrom = snapshot(0, pids, simulator, sharedPids);
      reads.read(settings.reads(), READ_WINDOW);
      Snapshot readTo = snapshot(0, pids, simulator, sharedPids);
      double readSeconds = (readTo.nanos() - readFrom.nanos()) / 1e9;
      int readCount = settings.reads();

      OptionalDouble redisPerRegistration = OptionalDouble.empty();
      OptionalLong redisKey = OptionalLong.empty();
      OptionalDouble expiryPerRegistration = OptionalDouble.empty();
      OptionalDouble routed = OptionalDouble.empty();
      if (redis.isPresent()) {
        RedisProbe probe = redis.get();
        redisPerRegistration = OptionalDouble.of((double) (probe.usedMemory() - redisBefore) / devices);
        redisKey = OptionalLong.of(probe.memoryUsage(RedisProbe.registrationKey(Simulator.ENDPOINT_PREFIX + 0)));
        expiryPerRegistration = OptionalDouble.of((double) probe.memoryUsage(RedisProbe.EXPIRY_KEY) / devices);
        List<String> endpoints = IntStream.range(0, devices).mapToObj(i -> Simulator.ENDPOINT_PREFIX + i).toList();
        Map<String, String> owners = probe.owners(endpoints);
        List<String> ids = IntStream.range(0, nodes.size()).mapToObj(nodes::id).toList();
        progress(name, owners.size() + " owners recorded, e.g. " + owners.get(endpoints.get(0)) + "; nodes " + ids);
        routed = OptionalDouble.of(reads.routedShare(readCount, owners, ids));
      }
      return new ClusterRow(name, nodes.size(), registered / seconds, readCount / readSeconds,
          micros(to.nodes() - from.nodes(), registered), micros(readTo.nodes() - readFrom.nodes(), readCount),
          mean(heapPerRegistration), min(heapPerRegistration), max(heapPerRegistration), redisPerRegistration, redisKey,
          expiryPerRegistration, micros(to.simulator() - from.simulator(), registered), micros(readTo.simulator() - readFrom.simulator(), readCount),
          micros(readTo.parent() - readFrom.parent(), readCount),
          sharedPids.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(micros(to.shared() - from.shared(), registered)),
          sharedPids.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(micros(readTo.shared() - readFrom.shared(), readCount)), routed);
    }
  }

  /** Prints {@code row} as soon as it is measured, so a run that fails later keeps it. */
  private ClusterRow measured(ClusterRow row) {
    progress(row.name(), "measured " + row);
    return row;
  }

  private Snapshot snapshot(int count, long[] nodePids, Simulator simulator, long[] sharedPids) {
    return new Snapshot(System.nanoTime(), count, ProcessCpu.nanos(nodePids), simulator.cpuNanos(), parentCpuNanos(),
        ProcessCpu.nanos(sharedPids));
  }

  private static long[] heaps(long[] pids) throws Exception {
    long[] heaps = new long[pids.length];
    for (int i = 0; i < pids.length; i++) {
      heaps[i] = HeapAfterGc.of(pids[i]);
    }
    return heaps;
  }

  /** The registrations node {@code index} holds, from its REST API's {@code total}. */
  private int total(NodeProcesses nodes, int index) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(nodes.uri(index, "/api/v1/clients?limit=1"))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    Matcher matcher = TOTAL.matcher(response.body());
    if (response.statusCode() != 200 || !matcher.find()) {
      throw new IllegalStateException(nodes.id(index) + " answered " + response.statusCode() + " " + response.body());
    }
    return Integer.parseInt(matcher.group(1));
  }

  /** Waits (bounded) until node {@code index} holds {@code expected} registrations: the others' replicas follow the change feed. */
  private void awaitTotal(NodeProcesses nodes, int index, int expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    int count;
    while ((count = total(nodes, index)) < expected) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(nodes.id(index) + " holds " + count + " of " + expected + " registrations after 60 s");
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private void progress(String name, String step) {
    System.err.printf(Locale.ROOT, "cluster-bench %6.1f s: %s: %s%n", (System.nanoTime() - started) / 1e9, name, step);
  }

  private static double micros(long nanos, int operations) {
    return nanos / 1e3 / operations;
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  private static long parentCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static String redisVersion() {
    try {
      Process process = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      process.waitFor(10, TimeUnit.SECONDS);
      Matcher matcher = Pattern.compile("v=(\\S+)").matcher(version);
      return matcher.find() ? matcher.group(1) : version;
    } catch (java.io.IOException | InterruptedException e) {
      return "(version unknown)";
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
