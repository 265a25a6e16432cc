package org.lwm2m4j.transport.memory;

import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A datagram network in memory: CoAP endpoints ({@code CoapEndpoint.start(network, …)}, a
 * server or client built with {@code .network(network)}) and test peers ({@link #bind}) bind
 * virtual addresses on it and exchange datagrams without any socket. A datagram sent to a bound
 * address reaches its receiver at once, on the sender's thread; one sent to an address nobody
 * bound is dropped, as UDP would drop it. A port bound on the wildcard address receives what is
 * sent to any address with its port.
 *
 * <p>The network starts no thread and never reorders or loses a datagram to a bound address, so
 * what happens on it depends only on what is sent. Thread-safe; it lives as long as its users.
 *
 * <pre>{@code
 * InMemoryNetwork network = new InMemoryNetwork();
 * BlockingQueue<Datagram> answers = new LinkedBlockingQueue<>();
 * try (DatagramPort device = network.bind(new InetSocketAddress("127.0.0.1", 40001), answers::add);
 *      LwM2mServer server = LwM2mServer.builder().network(network)
 *          .coapAddress(new InetSocketAddress("127.0.0.1", 5683)).start()) {
 *   device.send(server.coapAddress(), registerBytes);   // whole CoAP messages, built by the test
 *   Datagram ack = answers.take();
 * }
 * }</pre>
 *
 * <p><b>Pitfalls.</b> Receivers run on the sender's thread, which may be a transport thread: they
 * must not block. Virtual addresses are only names here; nothing is ever sent to them for real.
 */
public final class InMemoryNetwork {
  /** Where the network starts looking for a free port when port 0 is bound (the IANA dynamic range). */
  static final int FIRST_EPHEMERAL_PORT = 49152;

  /** The IPv4 and IPv6 wildcard addresses: a port bound on either receives for any address (dual stack). */
  private static final InetAddress[] WILDCARDS = {
      new InetSocketAddress("0.0.0.0", 0).getAddress(), new InetSocketAddress("::", 0).getAddress()};

  private final Map<InetSocketAddress, DatagramPort> ports = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private int nextEphemeral = FIRST_EPHEMERAL_PORT;

  /**
   * Binds {@code address}; port 0 picks a free one. Datagrams sent to the address go to {@code
   * receiver}, on the sender's thread.
   *
   * @throws BindException if the address is bound already, or no port is left
   */
  public DatagramPort bind(InetSocketAddress address, Consumer<Datagram> receiver) throws BindException {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(receiver, "receiver");
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("bind a resolved address, not " + address);
    }
    synchronized (this) {
      InetSocketAddress bound = address.getPort() == 0 ? new InetSocketAddress(address.getAddress(), freePort()) : address;
      if (ports.containsKey(bound)) {
        throw new BindException(bound + " is bound already on this in-memory network");
      }
      DatagramPort port = new DatagramPort(this, bound, receiver);
      ports.put(bound, port);
      return port;
    }
  }

  private int freePort() throws BindException {
    for (int tried = 0; tried <= 65535 - FIRST_EPHEMERAL_PORT; tried++) {
      int port = nextEphemeral;
      nextEphemeral = port == 65535 ? FIRST_EPHEMERAL_PORT : port + 1;
      if (ports.keySet().stream().noneMatch(bound -> bound.getPort() == port)) {
        return port;
      }
    }
    throw new BindException("no free port left on this in-memory network");
  }

  /**
   * Delivers {@code datagram} to the port bound at its destination (or at the wildcard address
   * with its port), whoever the source claims to be: how a test injects raw bytes from any peer.
   *
   * @return whether a receiver got it; false when nobody is bound there (the datagram is dropped)
   */
  public boolean send(Datagram datagram) {
    Objects.requireNonNull(datagram, "datagram");
    InetSocketAddress destination = datagram.destination();
    DatagramPort port = ports.get(destination);
    for (int i = 0; port == null && i < WILDCARDS.length; i++) {
      port = ports.get(new InetSocketAddress(WILDCARDS[i], destination.getPort()));
    }
    if (port == null) {
      dropped.incrementAndGet();
      return false;
    }
    port.receive(datagram);
    return true;
  }

  /** Whether a port is bound at exactly {@code address}. */
  public boolean isBound(InetSocketAddress address) {
    return ports.containsKey(address);
  }

  /** How many datagrams went to addresses nobody had bound. */
  public long dropped() {
    return dropped.get();
  }

  void unbind(DatagramPort port) {
    ports.remove(port.address(), port);
  }
}
