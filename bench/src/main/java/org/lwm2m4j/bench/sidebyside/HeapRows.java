package org.lwm2m4j.bench.sidebyside;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side benchmark's heap row with 3 object links alone, for a quick before/after: per
 * server kind, a child JVM ({@link ServerProcess}) takes {@code devices} Registers with {@link
 * FleetDevices#THREE_LINKS} from a {@link RegisterGenerator}, then reports its steady-state heap per
 * registration exactly as {@link SideBySide} does. With {@code -Dheap.histogram=N} it also prints
 * the child's top {@code N} classes of live objects ({@code jmap -histo:live}), in bytes per
 * registration, to see where the bytes go.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.sidebyside.HeapRows [devices] [kinds]</pre>
 */
public final class HeapRows {
  private HeapRows() {}

  public static void main(String[] args) throws Exception {
    int devices = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    List<String> kinds = args.length > 1 ? List.of(args[1].split(",")) : List.of("memory", "sqlite");
    int histogram = Integer.getInteger("heap.histogram", 0);
    for (String kind : kinds) {
      try (ChildServer child = ChildServer.start(kind, "2g", kind + "-heap3");
          RegisterGenerator generator = new RegisterGenerator(devices)) {
        generator.register(child.port(), "small", devices, 200, FleetDevices.THREE_LINKS);
        if (histogram > 0) {
          printHistogram(child.pid(), devices, histogram);
        }
        String[] heap = child.command("heap");
        System.out.printf(Locale.ROOT, "%s: %s B per registration with 3 object links (%s registrations)%n", kind, heap[1], heap[2]);
      }
    }
  }

  /** The top {@code lines} classes by live bytes, divided by {@code devices}. */
  private static void printHistogram(long pid, int devices, int lines) throws Exception {
    Process jmap = new ProcessBuilder("jmap", "-histo:live", Long.toString(pid)).redirectErrorStream(true).start();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(jmap.getInputStream(), StandardCharsets.UTF_8))) {
      int shown = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] words = line.trim().split("\\s+");
        if (words.length >= 4 && words[0].endsWith(":") && shown++ < lines) {
          System.out.printf(Locale.ROOT, "%8.1f B %6.2f objects  %s%n", Long.parseLong(words[2]) / (double) devices,
              Long.parseLong(words[1]) / (double) devices, words[3]);
        }
      }
    }
    jmap.waitFor();
  }
}
