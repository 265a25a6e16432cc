package org.lwm2m4j.app.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * nginx as a UDP load balancer in front of server nodes, started as a child process with a generated
 * configuration in a temporary directory of its own, for tests on 127.0.0.1.
 *
 * <p>What the configuration does, and why:
 *
 * <ul>
 *   <li>{@code hash $remote_addr consistent}: a device keeps its node while that node lives; when a node is
 *       marked down only its devices move (consistent hashing), the others stay where they are.
 *   <li>{@code proxy_timeout}: nginx keeps one session per client address and forwards the upstream's datagrams
 *       back to the device only through that session's socket. The session ends after {@code proxy_timeout}
 *       without a datagram in either direction, and then a server-initiated request (a Read, a notification's
 *       reset) from the node reaches a closed socket and is lost. So the timeout must outlast the longest
 *       silence of a device: its registration lifetime (the Update comes before it ends), or the queue-mode
 *       awake window for sleeping devices, whichever is longer.
 *   <li>no {@code proxy_responses}: unset, nginx forwards any number of datagrams from the node until the
 *       session times out; a number would end the session after that many answers to one client datagram,
 *       and the node could no longer reach the device.
 *   <li>{@code max_fails} / {@code fail_timeout}: with UDP, nginx learns that a node is gone only from ICMP port
 *       unreachable: the first datagram to a dead node is lost and its session gets a {@code recv() failed (111:
 *       Connection refused)} (and nginx sends the device an empty datagram, which CoAP ignores); the next
 *       datagram's {@code sendmsg()} fails, which marks the node down for {@code fail_timeout} and ends the
 *       session. Measured with nginx 1.22: a device's fourth datagram reaches a live node, which for a CoAP
 *       client is its fourth transmission, 14 to 21 s after the first; devices that come later within
 *       {@code fail_timeout} go straight to a live node. After {@code fail_timeout} nginx tries the node again
 *       and one device pays again. A host that vanished without sending ICMP is not detected at all: its
 *       devices' datagrams go nowhere until the node is removed from the configuration.
 *   <li>{@code worker_connections} / {@code worker_rlimit_nofile}: each session takes two connections (the
 *       client side and a connected socket to the node, one descriptor); 10,000 devices need 20,000
 *       connections and 10,000 descriptors.
 *   <li>{@code reuseport}, one worker here: with several workers, {@code reuseport} makes the kernel send a
 *       client's datagrams always to the same worker, so its session is found again.
 * </ul>
 */
public final class NginxUdpBalancer implements AutoCloseable {
  /** Debian's nginx binary; {@code libnginx-mod-stream} adds the stream module beside it. */
  static final Path NGINX = Path.of("/usr/sbin/nginx");
  /** Where Debian's {@code libnginx-mod-stream} installs the module (loaded by path: we do not read /etc/nginx). */
  static final Path STREAM_MODULE = Path.of("/usr/lib/nginx/modules/ngx_stream_module.so");

  private final Path directory;
  private final InetSocketAddress address;
  private final Process process;

  private NginxUdpBalancer(Path directory, InetSocketAddress address, Process process) {
    this.directory = directory;
    this.address = address;
    this.process = process;
  }

  /**
   * Starts nginx listening on a free UDP port of 127.0.0.1 in front of {@code nodes} and waits until it listens.
   *
   * @param sessionTimeout nginx's {@code proxy_timeout}: how long a device's session outlives its last datagram
   * @param failTimeout how long a node that failed is skipped for new sessions ({@code max_fails=1})
   */
  public static NginxUdpBalancer start(List<InetSocketAddress> nodes, Duration sessionTimeout, Duration failTimeout) throws IOException {
    Path directory = Files.createTempDirectory("lwm2m4j-nginx");
    int port = freeUdpPort();
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    Files.createDirectories(directory.resolve("temp"));
    Path config = directory.resolve("nginx.conf");
    Files.writeString(config, configuration(directory, address, nodes, sessionTimeout, failTimeout));
    Path log = directory.resolve("nginx.out");
    // -p: every relative path is in our directory; -e: the early error log too, before the config is read
    Process process = new ProcessBuilder(NGINX.toString(), "-p", directory.toString(), "-c", config.toString(),
        "-e", directory.resolve("error.log").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    NginxUdpBalancer balancer = new NginxUdpBalancer(directory, address, process);
    try {
      await("nginx listening on udp " + address + " (see " + directory + ")").atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .failFast("nginx ended: " + log, () -> !process.isAlive())
          .until(() -> !udpPortFree(port));
    } catch (RuntimeException e) {
      balancer.close();
      throw e;
    }
    return balancer;
  }

  /** The configuration {@link #start} writes: stream module, one worker, a UDP server in front of {@code nodes}. */
  static String configuration(Path directory, InetSocketAddress listen, List<InetSocketAddress> nodes, Duration sessionTimeout,
      Duration failTimeout) {
    String upstream = nodes.stream()
        .map(node -> "    server " + node.getAddress().getHostAddress() + ":" + node.getPort() + " max_fails=1 fail_timeout="
            + failTimeout.toSeconds() + "s;")
        .collect(Collectors.joining("\n"));
    return """
        load_module %s;
        daemon off;
        master_process off;
        worker_processes 1;
        worker_rlimit_nofile %d;
        pid %s;
        error_log %s info;
        events {
          worker_connections %d;
        }
        stream {
          upstream lwm2m_nodes {
            hash $remote_addr consistent;
        %s
          }
          server {
            listen %s:%d udp reuseport;
            proxy_pass lwm2m_nodes;
            proxy_timeout %ds;
          }
        }
        """.formatted(STREAM_MODULE, 20000, directory.resolve("nginx.pid"), directory.resolve("error.log"), 20000,
        upstream, listen.getAddress().getHostAddress(), listen.getPort(), sessionTimeout.toSeconds());
  }

  /** The address devices send to. */
  public InetSocketAddress address() {
    return address;
  }

  /** nginx's process id, for the bench's CPU time. */
  public long pid() {
    return process.pid();
  }

  /**
   * The node nginx sent the latest session from {@code client} (any port) to, as its error log says (at level
   * {@code info} it logs each session's client and upstream); empty while it has logged no session of that address.
   */
  Optional<InetSocketAddress> upstreamOf(InetAddress client) {
    Map<String, String> clientOfSession = new HashMap<>();
    Optional<InetSocketAddress> upstream = Optional.empty();
    for (String line : errorLog().split("\n")) {
      Matcher session = SESSION.matcher(line);
      if (!session.find()) {
        continue;
      }
      if (session.group(2).equals("client")) {
        clientOfSession.put(session.group(1), session.group(3));
      } else if (client.getHostAddress().equals(clientOfSession.get(session.group(1)))) {
        String[] hostPort = session.group(4).split(":");
        upstream = Optional.of(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
      }
    }
    return upstream;
  }

  /** nginx's two {@code info} lines of a UDP session: {@code *7 udp client A:P connected to …}, {@code *7 udp proxy … connected to N:P}. */
  private static final Pattern SESSION = Pattern.compile("\\*(\\d+) udp (client|proxy) ([0-9.]+):\\d+ connected to ([0-9.]+:\\d+)");

  /** nginx's error log so far (sessions with failed nodes show as {@code recv() failed} lines). */
  String errorLog() {
    try {
      Path log = directory.resolve("error.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops nginx by its process id and waits until it has gone; removes its directory. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(directory)) {
      List<Path> all = new ArrayList<>(files.toList());
      java.util.Collections.reverse(all);
      for (Path file : all) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // a temporary directory left behind is no test failure
    }
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return socket.getLocalPort();
    }
  }

  private static boolean udpPortFree(int port) {
    try (DatagramSocket socket = new DatagramSocket(null)) {
      // without SO_REUSEPORT: a bind fails while nginx holds the port, even with its reuseport listener
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
