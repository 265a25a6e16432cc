package org.lwm2m4j.app.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.fleet.FleetNetwork;
import org.lwm2m4j.transport.fleet.FleetSocketSettings;
import org.lwm2m4j.transport.fleet.FleetSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the simulated devices reach the network: the one place that chooses the carrier.
 *
 * <p>Normally a {@link FleetNetwork}: one UDP socket for the whole fleet, each device at its own
 * 127.x.y.z address on the socket's port, no thread and no descriptor per device; this class owns
 * the one thread that receives for all of them. A {@code coaps://} server still costs each device
 * a DTLS endpoint on a socket of its own (about {@value #THREADS_PER_ENDPOINT} threads), so a PSK
 * fleet is refused up front when the process cannot have that many descriptors or threads.
 *
 * <p>Where the JVM lacks what the fleet socket needs (not Linux, or started without {@code
 * --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}, which the {@code lwm2m}
 * launcher passes), every device gets a Californium endpoint on a socket of its own instead, with
 * the same up-front limit, and {@link #describe} says why.
 */
final class FleetTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetTransport.class);
  /** Threads one Californium endpoint starts (protocol stage, receiver, sender, timers). */
  static final int THREADS_PER_ENDPOINT = 6;
  /** Descriptors and threads left for the JVM, logging, the process's own sockets. */
  private static final int RESERVE = 256;

  private final CoapEndpointFactory endpoints;
  private final Optional<FleetNetwork> network;
  private final Optional<Thread> receiver;
  private final String description;

  private FleetTransport(CoapEndpointFactory endpoints, Optional<FleetNetwork> network, Optional<Thread> receiver,
      String description) {
    this.endpoints = endpoints;
    this.network = network;
    this.receiver = receiver;
    this.description = description;
  }

  /**
   * A carrier for {@code devices} devices whose timers and handlers run on {@code scheduler}; each
   * needs a DTLS endpoint on a socket of its own when {@code secure}.
   *
   * @throws BadInputException when this process cannot open the sockets or threads the devices
   *     need, saying how many devices it can run
   */
  static FleetTransport open(int devices, boolean secure, CoapSettings coap, Scheduler scheduler) {
    Optional<String> unavailable = FleetSupport.unavailableReason();
    if (unavailable.isPresent()) {
      checkRoom(devices, secure ? 2 : 1);
      return new FleetTransport(CoapEndpointFactory.udp(coap), Optional.empty(), Optional.empty(),
          "one UDP socket per device: " + unavailable.get());
    }
    if (secure) {
      checkRoom(devices, 1);
    }
    FleetNetwork network;
    try {
      network = FleetNetwork.open(FleetSocketSettings.defaults(), scheduler, coap);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the fleet's UDP socket: " + e.getMessage(), e);
    }
    Thread receiver = new Thread(() -> receive(network), "lwm2m-simulate-receiver");
    receiver.setDaemon(true);
    receiver.start();
    return new FleetTransport(network, Optional.of(network), Optional.of(receiver),
        "one UDP socket for all devices, port " + network.port() + (secure ? ", plus a DTLS socket per device" : ""));
  }

  private static void receive(FleetNetwork network) {
    try {
      network.run();
    } catch (IOException e) {
      LOG.error("the fleet's UDP socket failed; devices hear nothing more: {}", e.getMessage());
    }
  }

  private static void checkRoom(int devices, int socketsPerDevice) {
    long fdsLeft = openFileLimit().map(limit -> limit - openFiles() - RESERVE).orElse(Long.MAX_VALUE);
    long threadsLeft = threadLimit().map(limit -> limit - RESERVE).orElse(Long.MAX_VALUE);
    long fit = Math.min(fdsLeft / socketsPerDevice, threadsLeft / ((long) THREADS_PER_ENDPOINT * socketsPerDevice));
    if (devices > fit) {
      String cause = fdsLeft / socketsPerDevice <= fit ? "open files (ulimit -n " + openFileLimit().orElse(0L) + ")"
          : "threads (kernel.pid_max)";
      throw new BadInputException("--devices " + devices + ": with a socket and " + THREADS_PER_ENDPOINT
          + " threads per device endpoint, this process can run at most " + Math.max(0, fit) + " devices (limited by " + cause + ")");
    }
  }

  /** Makes each device's plain-CoAP endpoint. */
  CoapEndpointFactory endpoints() {
    return endpoints;
  }

  /** Where a device at {@code address} binds: its own address, on the fleet's port (or a free one). */
  InetSocketAddress addressOf(InetAddress address) {
    return new InetSocketAddress(address, network.map(FleetNetwork::port).orElse(0));
  }

  /** Says what carries the devices, for the start line and the summary. */
  String describe() {
    return description;
  }

  /** Datagrams the fleet socket dropped (malformed, or for an address no device has); 0 without one. */
  long dropped() {
    return network.map(FleetNetwork::droppedCount).orElse(0L);
  }

  @Override
  public void close() {
    network.ifPresent(FleetNetwork::close);
    receiver.ifPresent(thread -> {
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
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
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
