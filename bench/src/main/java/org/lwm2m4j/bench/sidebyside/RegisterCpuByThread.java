package org.lwm2m4j.bench.sidebyside;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a server's CPU per registration goes, round after round: one server ({@link ServerProcess}
 * kind {@code memory}, {@code sqlite} or {@code leshan}) in a child JVM, then {@code rounds + 1}
 * rounds of {@code devices} Registers and an Update of each (the first round is warm-up), and per
 * round the child's CPU per Register and per Update, its CPU per Register+Update pair split by
 * thread name (digits folded, from {@code /proc/PID/task}, so JIT compiler and GC threads count),
 * its voluntary context switches per pair (thread hand-offs) and the generator's own CPU. Linux only.
 * The rounds show how long the JIT takes to settle, which a short measured phase would include.
 * Extra JVM options for the child (e.g. a flight recording) go in {@code -Dchild.options="..."}.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.sidebyside.RegisterCpuByThread memory|sqlite|leshan [devices] [window] [rounds]</pre>
 */
public final class RegisterCpuByThread {
  /** /proc reports CPU in clock ticks of 10 ms. */
  private static final double MICROS_PER_TICK = 10_000;

  private RegisterCpuByThread() {}

  public static void main(String[] args) throws Exception {
    String kind = args[0];
    int devices = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int window = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 6;
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
    String options = System.getProperty("child.options", "").trim();
    if (!options.isEmpty()) {
      command.addAll(Arrays.asList(options.split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerProcess.class.getName(), kind));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader answers = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = answers.readLine();
    while (line != null && !line.startsWith("ready ")) { // a flight recording announces itself on stdout first
      line = answers.readLine();
    }
    if (line == null) {
      throw new IOException("the server process ended before it was ready (its errors are above)");
    }
    int port = Integer.parseInt(line.split(" ")[1]);
    try (RegisterGenerator generator = new RegisterGenerator(2 * devices * (rounds + 1))) {
      for (int round = 0; round <= rounds; round++) {
        Map<String, Long> ticksBefore = ticksByThread(child.pid());
        long switchesBefore = voluntarySwitches(child.pid());
        long generatorBefore = generatorCpu();
        long cpu0 = cpu(child);
        long t0 = System.nanoTime();
        String[] locations = generator.register(port, "r" + round, devices, window);
        long cpu1 = cpu(child);
        long t1 = System.nanoTime();
        generator.update(port, locations, window);
        long cpu2 = cpu(child);
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s round %d%s: Register %.0f/s %.1f µs CPU each | Update %.0f/s %.1f µs CPU each%n", kind, round,
            round == 0 ? " (warm-up)" : "", devices / ((t1 - t0) / 1e9), (cpu1 - cpu0) / 1e3 / devices,
            devices / ((t2 - t1) / 1e9), (cpu2 - cpu1) / 1e3 / devices);
        System.out.println("  " + byThread(ticksBefore, ticksByThread(child.pid()), devices) + String.format(Locale.ROOT,
            "| voluntary switches per pair %.2f | generator %.1f µs per request", (voluntarySwitches(child.pid()) - switchesBefore)
                / (double) devices, (generatorCpu() - generatorBefore) / 1e3 / devices / 2));
      }
    } finally {
      new PrintWriter(child.getOutputStream(), true, StandardCharsets.UTF_8).println("quit");
      child.waitFor();
    }
  }

  private static String byThread(Map<String, Long> before, Map<String, Long> after, int pairs) {
    StringBuilder line = new StringBuilder("µs per pair by thread: ");
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
        .filter(e -> e.getValue() > 0)
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .forEach(e -> line.append(String.format(Locale.ROOT, "%s=%.1f ", e.getKey(), e.getValue() * MICROS_PER_TICK / pairs)));
    return line.toString();
  }

  private static long cpu(Process child) {
    return child.info().totalCpuDuration().map(Duration::toNanos)
        .orElseThrow(() -> new IllegalStateException("the operating system does not report the server process's CPU time"));
  }

  private static long generatorCpu() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  /** User + system clock ticks per thread name, digits folded so that a pool's threads add up. */
  private static Map<String, Long> ticksByThread(long pid) throws IOException {
    Map<String, Long> ticks = new TreeMap<>();
    for (Path task : tasks(pid)) {
      String stat;
      try {
        stat = Files.readString(task.resolve("stat"));
      } catch (IOException ended) {
        continue;
      }
      String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "N");
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      // fields 14 and 15 of stat (utime, stime), counted from the state field, which is the third
      ticks.merge(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
    }
    return ticks;
  }

  private static long voluntarySwitches(long pid) throws IOException {
    long switches = 0;
    for (Path task : tasks(pid)) {
      try {
        for (String line : Files.readAllLines(task.resolve("status"))) {
          if (line.startsWith("voluntary_ctxt_switches:")) {
            switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
          }
        }
      } catch (IOException ended) {
        // the thread ended meanwhile
      }
    }
    return switches;
  }

  private static List<Path> tasks(long pid) throws IOException {
    List<Path> tasks = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      entries.forEach(tasks::add);
    }
    return tasks;
  }
}
