package org.lwm2m4j.bench.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code lwm2m simulate} as a child process on the application's jar: {@code devices} plain-CoAP devices on
 * one fleet socket, each at its own 127.x.y.z address with Device and Temperature besides Server, so its
 * Register carries three object links ({@code </1/0>,</3/0>,</3303/0>}); endpoints {@code bench-0…};
 * lifetime a day, so no Update falls into a run; no value changes (nothing observes them). Runs until
 * {@link #close}. Its own process, so its CPU time is the generator's alone.
 */
final class Simulator implements AutoCloseable {
  static final String ENDPOINT_PREFIX = "bench-";

  private final Process process;

  private Simulator(Process process) {
    this.process = process;
  }

  /** Starts the simulator against {@code server}, starting {@code rate} devices a second; its output goes to {@code log}. */
  static Simulator start(Path appJar, InetSocketAddress server, int devices, int rate, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = List.of(java, "--add-modules", "jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED", "-Xmx2g",
        "-jar", appJar.toString(), "simulate", "--devices", Integer.toString(devices),
        "--server", "coap://" + server.getAddress().getHostAddress() + ":" + server.getPort(),
        "--endpoint-pattern", ENDPOINT_PREFIX + "%d", "--lifetime", "86400", "--rate", Integer.toString(rate),
        "--objects", "3,3303", "--notify-interval", "0", "--no-deregister");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    return new Simulator(process);
  }

  /** The simulator's CPU time so far (user + system, every thread). */
  long cpuNanos() {
    return ProcessCpu.nanos(process.pid());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the simulator by its process id (SIGTERM: it stops its devices without De-registering), killing it if it lingers. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }
}
