package org.lwm2m4j.transport.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;

/**
 * A tiny UDP load balancer on 127.0.0.1 for one client, in the way nginx's UDP proxy works: the
 * client sends to the relay's front address; the relay passes each datagram on to the current
 * upstream from its own outbound socket and sends what comes back to the client from the front.
 * {@link #switchTo} moves to another upstream with a new outbound socket, so the upstream sees the
 * client at a new address, as after a balancer picked another node. Close it to end its threads.
 */
final class UdpRelay implements AutoCloseable {
  private final DatagramSocket front;
  private final List<Thread> threads = new ArrayList<>();
  private final List<DatagramSocket> sockets = new ArrayList<>();
  private volatile Leg leg;
  private volatile InetSocketAddress client;
  private final java.util.concurrent.atomic.AtomicInteger fromClient = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger toDrop = new java.util.concurrent.atomic.AtomicInteger();

  /** The upstream and the socket the relay reaches it from. */
  private record Leg(DatagramSocket outbound, InetSocketAddress upstream) {}

  UdpRelay(InetSocketAddress upstream) throws IOException {
    front = open();
    switchTo(upstream);
    start("relay-front", () -> {
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      front.receive(packet);
      client = (InetSocketAddress) packet.getSocketAddress();
      fromClient.incrementAndGet();
      if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return;
      }
      Leg current = leg;
      current.outbound().send(new DatagramPacket(packet.getData(), packet.getLength(), current.upstream()));
    });
  }

  /** Where the client sends. */
  InetSocketAddress address() {
    return (InetSocketAddress) front.getLocalSocketAddress();
  }

  /** How many datagrams the client has sent through the relay. */
  int datagramsFromClient() {
    return fromClient.get();
  }

  /** Loses the client's next datagram, as a lossy link would. */
  void dropNextFromClient() {
    toDrop.incrementAndGet();
  }

  /** The address the current upstream sees the client at. */
  InetSocketAddress outboundAddress() {
    return (InetSocketAddress) leg.outbound().getLocalSocketAddress();
  }

  /** From now on, datagrams go to {@code upstream} from a new outbound socket; the old one is closed. */
  synchronized void switchTo(InetSocketAddress upstream) throws IOException {
    Leg previous = leg;
    DatagramSocket outbound = open();
    leg = new Leg(outbound, upstream);
    start("relay-back", () -> {
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      outbound.receive(packet);
      InetSocketAddress to = client;
      if (to != null) {
        front.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
      }
    });
    if (previous != null) {
      previous.outbound().close();
    }
  }

  private synchronized DatagramSocket open() throws SocketException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    sockets.add(socket);
    return socket;
  }

  /** One thread that runs {@code step} until its socket is closed. */
  private synchronized void start(String name, Step step) {
    Thread thread = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          step.run();
        }
      } catch (IOException closed) {
        // the socket was closed: the relay or this leg is done
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    threads.add(thread);
  }

  @FunctionalInterface
  private interface Step {
    void run() throws IOException;
  }

  @Override
  public synchronized void close() throws InterruptedException {
    sockets.forEach(DatagramSocket::close);
    for (Thread thread : threads) {
      thread.join(2_000);
    }
  }
}
