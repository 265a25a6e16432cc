package org.lwm2m4j.app.simulate;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapSettings;

/**
 * How the simulated devices reach the network: the one place that chooses the carrier.
 *
 * <p>Today every device gets a Californium CoAP endpoint on a UDP socket of its own, bound at its
 * own 127.x.y.z address on a free port: one file descriptor and about {@value #THREADS_PER_ENDPOINT}
 * threads per endpoint, so a fleet is refused up front when the process cannot have that many (the
 * limit says how many it can). A {@code coaps://} server costs each device a second, DTLS, endpoint.
 *
 * <p>Switching to {@code org.lwm2m4j.transport.fleet.FleetNetwork} (one socket for the whole fleet)
 * changes only this class: {@link #open} becomes {@code FleetNetwork.open(FleetSocketSettings.defaults(),
 * scheduler, coap)} with a thread of the command running its {@code run()}; {@link #endpoints()}
 * returns the network (it is a {@code CoapEndpointFactory}); {@link #addressOf} binds at {@code
 * network.port()}; {@link #close()} closes it; the descriptor check stays for DTLS devices only.
 */
final class FleetTransport implements AutoCloseable {
  /** Threads one Californium endpoint starts (protocol stage, receiver, sender, timers). */
  static final int THREADS_PER_ENDPOINT = 6;
  /** Descriptors and threads left for the JVM, logging, the process's own sockets. */
  private static final int RESERVE = 256;

  private final CoapEndpointFactory endpoints;

  private FleetTransport(CoapEndpointFactory endpoints) {
    this.endpoints = endpoints;
  }

  /**
   * A carrier for {@code devices} devices, each with {@code endpointsPerDevice} endpoints (2 when
   * the server is {@code coaps://}: the plain one and the DTLS one).
   *
   * @throws BadInputException when this process cannot open that many sockets or threads, saying
   *     how many devices it can run
   */
  static FleetTransport open(int devices, int endpointsPerDevice, CoapSettings coap) {
    long fdsLeft = openFileLimit().map(limit -> limit - openFiles() - RESERVE).orElse(Long.MAX_VALUE);
    long threadsLeft = threadLimit().map(limit -> limit - RESERVE).orElse(Long.MAX_VALUE);
    long fit = Math.min(fdsLeft / endpointsPerDevice, threadsLeft / ((long) THREADS_PER_ENDPOINT * endpointsPerDevice));
    if (devices > fit) {
      String cause = fdsLeft / endpointsPerDevice <= fit ? "open files (ulimit -n " + openFileLimit().orElse(0L) + ")"
          : "threads (kernel.pid_max)";
      throw new BadInputException("--devices " + devices + ": with a socket and " + THREADS_PER_ENDPOINT
          + " threads per device endpoint, this process can run at most " + Math.max(0, fit) + " devices (limited by " + cause + ")");
    }
    return new FleetTransport(CoapEndpointFactory.udp(coap));
  }

  /** Makes each device's plain-CoAP endpoint. */
  CoapEndpointFactory endpoints() {
    return endpoints;
  }

  /** Where a device at {@code address} binds: its own address, a free port. */
  InetSocketAddress addressOf(InetAddress address) {
    return new InetSocketAddress(address, 0);
  }

  /** Says what carries the devices, for the summary. */
  String describe() {
    return "one UDP socket per device";
  }

  @Override
  public void close() {
    // each device's endpoint is closed with its client; nothing shared to close yet
  }

  private static Optional<Long> openFileLimit() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return Optional.of(unix.getMaxFileDescriptorCount());
    }
    return Optional.empty();
  }

  private static long openFiles() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
      return unix.getOpenFileDescriptorCount();
    }
    return 0;
  }

  /** Threads the machine can still start: kernel.pid_max less those running (from /proc/loadavg), on Linux. */
  private static Optional<Long> threadLimit() {
    try {
      // readAllLines, not readString: procfs files report a size that readString trusts and cuts at
      long max = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).strip());
      String[] load = Files.readAllLines(Path.of("/proc/loadavg")).get(0).strip().split("\\s+");
      long running = Long.parseLong(load[3].substring(load[3].indexOf('/') + 1));
      return Optional.of(max - running);
    } catch (java.io.IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
