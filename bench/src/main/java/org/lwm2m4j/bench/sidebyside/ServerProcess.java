package org.lwm2m4j.bench.sidebyside;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of the side-by-side benchmark: runs one server, so that its process CPU time is
 * the server's alone, and obeys one command per stdin line, answering one line on stdout:
 * <ul>
 *   <li>{@code count} → {@code count N}: registrations held;</li>
 *   <li>{@code read PREFIX CLIENTS COUNT WINDOW} → {@code read NANOS FAILED}: Reads of {@code /3/0}
 *       through the server's Java API to the registered endpoints {@code PREFIX-0…};</li>
 *   <li>{@code observe PREFIX COUNT WINDOW} → {@code observe NANOS FAILED}: Observes of {@code /3/0/9}
 *       through the server's Java API on {@code PREFIX-0 … PREFIX-(COUNT-1)};</li>
 *   <li>{@code notified} → {@code notified N}: notifications its observation listener was given;</li>
 *   <li>{@code heap} → {@code heap BYTES N}: steady-state heap per registration (see {@link #heapPerRegistration});
 *       the server's network is stopped afterwards;</li>
 *   <li>{@code quit}.</li>
 * </ul>
 * Starts by printing {@code ready COAP-PORT COAPS-PORT HTTP-PORT}; a command that fails answers {@code error MESSAGE}.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lwm2m4j.bench.sidebyside.ServerProcess leshan|memory|sqlite</pre>
 */
public final class ServerProcess {
  private final String kind;
  private final PrintStream out;
  private BenchedServer server;

  private ServerProcess(String kind, PrintStream out) {
    this.kind = kind;
    this.out = out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ServerProcess leshan|memory|sqlite");
    }
    // Protocol lines only on stdout: anything a library prints goes to stderr.
    PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(System.err);
    new ServerProcess(args[0], protocol).serve();
    // A server's pools may hold non-daemon threads: end the JVM when the parent says so or goes away.
    System.exit(0);
  }

  private void serve() throws Exception {
    server = BenchedServer.start(kind);
    out.println("ready " + server.port() + " " + server.coapsPort() + " " + server.httpPort());
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
      try {
        out.println(answer(line.trim().split(" ")));
      } catch (Exception | Error e) {
        out.println("error " + String.valueOf(e.getMessage()).replace('\n', ' '));
      }
    }
    if (server != null) {
      server.stopNetwork();
      server.release();
    }
  }

  private String answer(String[] command) throws Exception {
    return switch (command[0]) {
      case "count" -> "count " + server.registrations();
      case "read" -> {
        long start = System.nanoTime();
        int failed = server.read(command[1], Integer.parseInt(command[2]), Integer.parseInt(command[3]), Integer.parseInt(command[4]));
        yield "read " + (System.nanoTime() - start) + " " + failed;
      }
      case "observe" -> {
        long start = System.nanoTime();
        int failed = server.observe(command[1], Integer.parseInt(command[2]), Integer.parseInt(command[3]));
        yield "observe " + (System.nanoTime() - start) + " " + failed;
      }
      case "notified" -> "notified " + server.notifications();
      case "heap" -> heapPerRegistration();
      default -> throw new IllegalArgumentException("unknown command " + command[0]);
    };
  }

  /**
   * Heap the server retains per registration once exchange state is gone: the network is stopped
   * (Californium then clears its exchange and deduplication stores), then the used heap after full
   * collections is taken with the stopped server reachable and again once it is not. The same
   * difference for an empty server of the same kind (started and stopped) is subtracted, so fixed
   * costs (thread pools, caches, models) do not count. Same procedure for every kind.
   */
  private String heapPerRegistration() throws Exception {
    int registrations = server.registrations();
    server.stopNetwork();
    long withRegistrations = usedAfterGc();
    server.release();
    server = null;
    long withoutServer = usedAfterGc();
    server = BenchedServer.start(kind);
    server.stopNetwork();
    long withEmpty = usedAfterGc();
    server.release();
    server = null;
    long withoutEmpty = usedAfterGc();
    long retained = (withRegistrations - withoutServer) - (withEmpty - withoutEmpty);
    return "heap " + retained / Math.max(1, registrations) + " " + registrations;
  }

  private static long usedAfterGc() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      // Let reference processing and finalisation of the collected endpoints run before measuring again.
      TimeUnit.MILLISECONDS.sleep(50);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
