package org.lwm2m4j.app.simulate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
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
 * a DTLS endpoint on a socket of its own; those endpoints share this class's few worker threads
 * ({@link #coapSettings}), so each keeps only its receiver thread, and a PSK fleet is refused up
 * front when the process cannot have a descriptor and a thread per device.
 *
 * <p>Where the JVM lacks what the fleet socket needs (not Linux, or started without {@code
 * --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}, which the {@code lwm2m}
 * launcher passes), every device gets a Californium endpoint on a socket of its own instead (a
 * receiver and a sender thread each, on the same shared workers), with the same up-front limit,
 * and {@link #describe} says why.
 */
final class FleetTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FleetTransport.class);
  /** Threads a DTLS endpoint on the shared workers starts: its receiver (sends go out on the workers). */
  static final int THREADS_PER_DTLS_ENDPOINT = 1;
  /** Threads a plain UDP endpoint on the shared workers starts: its receiver and its sender. */
  static final int THREADS_PER_UDP_ENDPOINT = 2;
  /** Descriptors and threads left for the JVM, logging, the process's own sockets. */
  private static final int RESERVE = 256;

  private final CoapEndpointFactory endpoints;
  private final CoapSettings coapSettings;
  private final ScheduledExecutorService workers;
  private final Optional<FleetNetwork> network;
  private final Optional<Thread> receiver;
  private final String description;

  private FleetTransport(CoapEndpointFactory endpoints, CoapSettings coapSettings, ScheduledExecutorService workers,
      Optional<FleetNetwork> network, Optional<Thread> receiver, String description) {
    this.endpoints = endpoints;
    this.coapSettings = coapSettings;
    this.workers = workers;
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
    refusal(devices, secure, unavailable.isEmpty(), descriptorsLeft(), threadsLeft()).ifPresent(reason -> {
      throw new BadInputException(reason);
    });
    ScheduledExecutorService workers = workers();
    CoapSettings shared = coap.withSharedExecutor(workers);
    if (unavailable.isPresent()) {
      return new FleetTransport(CoapEndpointFactory.udp(shared), shared, workers, Optional.empty(), Optional.empty(),
          "one UDP socket per device: " + unavailable.get());
    }
    FleetNetwork network;
    try {
      network = FleetNetwork.open(FleetSocketSettings.defaults(), scheduler, coap);
    } catch (IOException e) {
      workers.shutdownNow();
      throw new UncheckedIOException("cannot open the fleet's UDP socket: " + e.getMessage(), e);
    }
    Thread receiver = new Thread(() -> receive(network), "lwm2m-simulate-receiver");
    receiver.setDaemon(true);
    receiver.start();
    return new FleetTransport(network, shared, workers, Optional.of(network), Optional.of(receiver),
        "one UDP socket for all devices, port " + network.port() + (secure ? ", plus a DTLS socket per device" : ""));
  }

  /**
   * The threads every Californium endpoint of the fleet works on (DTLS handshakes and records,
   * retransmissions, the message layer): one per core, at least two; none starts before it is needed.
   */
  private static ScheduledExecutorService workers() {
    AtomicInteger count = new AtomicInteger();
    ScheduledThreadPoolExecutor workers = new ScheduledThreadPoolExecutor(Math.max(2, Runtime.getRuntime().availableProcessors()),
        task -> {
          Thread thread = new Thread(task, "lwm2m-simulate-coap-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    // every answered request cancels a retransmission timer: drop those at once rather than at their due time
    workers.setRemoveOnCancelPolicy(true);
    return workers;
  }

  private static void receive(FleetNetwork network) {
    try {
      network.run();
    } catch (IOException e) {
      LOG.error("the fleet's UDP socket failed; devices hear nothing more: {}", e.getMessage());
    }
  }

  /**
   * Why {@code devices} devices cannot run in this process, given the descriptors and threads it
   * has left; empty when they fit. On the fleet socket a plain device costs neither; a PSK device
   * costs a DTLS socket and its receiver thread. Without the fleet socket every device has a UDP
   * socket with two threads, and a PSK device a DTLS one besides.
   */
  static Optional<String> refusal(int devices, boolean secure, boolean fleetSocket, long descriptorsLeft, long threadsLeft) {
    long sockets = (fleetSocket ? 0 : 1) + (secure ? 1 : 0);
    long threads = (fleetSocket ? 0 : THREADS_PER_UDP_ENDPOINT) + (secure ? THREADS_PER_DTLS_ENDPOINT : 0);
    if (sockets == 0) {
      return Optional.empty();
    }
    long byDescriptors = Math.max(0, descriptorsLeft) / sockets;
    long byThreads = Math.max(0, threadsLeft) / threads;
    long fit = Math.min(byDescriptors, byThreads);
    if (devices <= fit) {
      return Optional.empty();
    }
    String cause = byDescriptors <= byThreads
        ? "open files: ulimit -n, and ulimit -Hn, which the JVM raises it to, must allow at least "
            + ((long) devices * sockets + RESERVE + 64)
        : "threads: kernel.pid_max, shared by every process of the machine";
    return Optional.of("--devices " + devices + ": with " + sockets + " socket(s) and " + threads
        + " thread(s) per device, this process can run at most " + fit + " devices (limited by " + cause + ")");
  }

  /** The CoAP settings of each device's own Californium endpoints: the given ones, on the fleet's shared workers. */
  CoapSettings coapSettings() {
    return coapSettings;
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
    workers.shutdownNow();
  }

  /** Descriptors this process can still open, less a reserve; unlimited where the JVM cannot tell. */
  private static long descriptorsLeft() {
    return openFileLimit().map(limit -> limit - openFiles() - RESERVE).orElse(Long.MAX_VALUE);
  }

  /** Threads the machine can still start, less a reserve; unlimited where the JVM cannot tell. */
  private static long threadsLeft() {
    return threadLimit().map(limit -> limit - RESERVE).orElse(Long.MAX_VALUE);
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
