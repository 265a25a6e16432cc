package org.lwm2m4j.transport.fleet;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapEndpoint;
import org.lwm2m4j.transport.CoapEndpointFactory;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapSettings;
import org.lwm2m4j.transport.twin.TwinWire;

/**
 * Message-level CoAP endpoints for a whole simulated fleet over one {@link FleetSocket}: each
 * device binds its own 127.x.y.z address on the socket's shared port, and its endpoint is the
 * twin's CoAP state machine (RFC 7252 retransmission, deduplication of inbound messages,
 * piggybacked responses, RFC 7641 observe/notify, ping, Reset) with every timer on the injected
 * {@link Scheduler}, while its datagrams are real CoAP bytes on the socket, so a real server (ours
 * or another) sees each device at its own source address. A bound idle endpoint costs a few
 * hundred bytes of heap and neither a thread nor a file descriptor, where a Californium endpoint
 * costs about 30 KB, 6 threads and a socket: one process can run 100,000+ clients.
 *
 * <p>Threads: none of its own. The caller runs {@link #run} on a thread it owns; that thread parses
 * each datagram and hands it to its endpoint, whose handlers and response callbacks then run on
 * the scheduler (they must not block it for long either). Sends happen on whichever thread sends.
 *
 * <p>Not on this path: block-wise transfer (a body travels whole, up to the socket's {@code
 * maxDatagramBytes}; a longer message fails its exchange with an {@link IOException}), DTLS (plain
 * {@code coap://} only), separate responses. Datagrams for an address nobody has bound, and
 * malformed ones, are dropped and counted ({@link #droppedCount}); a malformed CON request is
 * answered with 4.02 or Reset as Californium does.
 *
 * <p>Needs Linux and {@code --add-modules jdk.incubator.foreign --enable-native-access=ALL-UNNAMED}
 * on the JVM, as {@link FleetSocket} does.
 */
public final class FleetNetwork implements CoapEndpointFactory, AutoCloseable {
  private final FleetSocket socket;
  private final TwinWire wire;
  private final AtomicLong dropped = new AtomicLong();

  private final AtomicBoolean closed = new AtomicBoolean();

  private FleetNetwork(FleetSocket socket, int maxDatagramBytes, Scheduler scheduler, CoapSettings coap, boolean handOff) {
    this.socket = socket;
    this.wire = new TwinWire(scheduler, coap, maxDatagramBytes, this::send, handOff);
  }

  /**
   * Opens the shared socket ({@code 0.0.0.0:socket.port()}, 0 = a free port); endpoints retransmit
   * with {@code coap}; timers and handlers run on {@code scheduler}.
   *
   * @throws FleetUnavailableException when this system or JVM lacks what the socket needs
   * @throws IOException when the port is taken or the kernel refuses an option
   */
  public static FleetNetwork open(FleetSocketSettings socket, Scheduler scheduler, CoapSettings coap) throws IOException {
    return open(socket, scheduler, coap, true);
  }

  /**
   * As {@link #open(FleetSocketSettings, Scheduler, CoapSettings)}; without {@code handOff} the
   * receiving thread runs handlers itself (for measuring the difference).
   */
  static FleetNetwork open(FleetSocketSettings socket, Scheduler scheduler, CoapSettings coap, boolean handOff)
      throws IOException {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(coap, "coap");
    return new FleetNetwork(FleetSocket.open(socket), socket.maxDatagramBytes(), scheduler, coap, handOff);
  }

  /** The UDP port every endpoint of this network shares. */
  public int port() {
    return socket.port();
  }

  /**
   * Binds one device: {@code address} is an IPv4 127.0.0.0/8 address with port 0 or {@link
   * #port()}. The returned endpoint's address has port {@link #port()}.
   *
   * @throws BindException if the address is taken, not on 127.0.0.0/8 or asks for another port
   * @throws IOException if this network is closed
   */
  @Override
  public CoapEndpoint bind(InetSocketAddress address, CoapHandler handler) throws IOException {
    Objects.requireNonNull(address, "address");
    if (closed.get()) {
      throw new IOException("the fleet network on port " + port() + " is closed");
    }
    if (!(address.getAddress() instanceof Inet4Address device) || (FleetSocket.hostOrder(device) >>> 24) != 127) {
      throw new BindException("a fleet device binds an IPv4 address in 127.0.0.0/8, not " + address);
    }
    if (address.getPort() != 0 && address.getPort() != port()) {
      throw new BindException("a fleet device binds port 0 or the fleet's port " + port() + ", not " + address);
    }
    return wire.bind(new InetSocketAddress(device, port()), handler);
  }

  /**
   * Receives and dispatches datagrams until {@link #close}, on the calling thread (the caller owns
   * the thread; only one may run this at a time).
   *
   * @throws IOException when the socket itself fails
   */
  public void run() throws IOException {
    int port = port();
    socket.receive((local, remote, payload) -> {
      if (!wire.deliver(payload, remote, new InetSocketAddress(local, port))) {
        dropped.incrementAndGet();
      }
    });
  }

  private void send(InetSocketAddress from, InetSocketAddress to, byte[] datagram) throws IOException {
    socket.send((Inet4Address) from.getAddress(), to, datagram);
  }

  /** Datagrams sent so far. */
  public long sentCount() {
    return socket.sentCount();
  }

  /**
   * Datagrams received and not dropped so far: those handed to an endpoint. Counted as they arrive,
   * before an endpoint takes them in, so that a response's datagram is counted by the time the
   * response completes.
   */
  public long receivedCount() {
    return socket.receivedCount() - dropped.get();
  }

  /** Datagrams dropped so far: malformed, for an address nobody has bound, too long, or not for 127.0.0.0/8. */
  public long droppedCount() {
    return dropped.get() + socket.droppedCount();
  }

  /** How many endpoints are bound now. */
  public int boundCount() {
    return wire.size();
  }

  /** Closes every endpoint still bound (their pending exchanges fail) and the socket; {@link #run} returns. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    wire.closeAll();
    socket.close();
  }
}
