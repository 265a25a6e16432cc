package org.lwm2m4j.app.cluster;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A UDP relay on loopback standing in for a device's NAT: the device sends to {@link #address()}, the relay
 * passes each datagram on to the balancer from an outside socket bound to a given 127.x.y.z address, and
 * sends what comes back to the device. {@link #moveTo} opens a new outside socket on another address, as a
 * device that roams to another network does, so the balancer ({@code hash $remote_addr}) may pick another node.
 */
final class AddressChangingRelay implements AutoCloseable {
  private final DatagramSocket inside;
  private final InetSocketAddress balancer;
  private final List<DatagramSocket> sockets = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile DatagramSocket outside;
  private volatile InetSocketAddress device;

  AddressChangingRelay(InetSocketAddress balancer, InetAddress outsideAddress) throws IOException {
    this.balancer = balancer;
    this.inside = open(InetAddress.getLoopbackAddress());
    moveTo(outsideAddress);
    start("relay-up", () -> {
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      inside.receive(packet);
      device = (InetSocketAddress) packet.getSocketAddress();
      outside.send(new DatagramPacket(packet.getData(), packet.getLength(), balancer));
    });
  }

  /** Where the device sends. */
  InetSocketAddress address() {
    return (InetSocketAddress) inside.getLocalSocketAddress();
  }

  /** The address the balancer sees the device at now. */
  InetSocketAddress outsideAddress() {
    return (InetSocketAddress) outside.getLocalSocketAddress();
  }

  /** From now on the device's datagrams leave from a new socket on {@code address}; the old one is closed. */
  synchronized void moveTo(InetAddress address) throws IOException {
    DatagramSocket previous = outside;
    DatagramSocket next = open(address);
    outside = next;
    start("relay-down", () -> {
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      next.receive(packet);
      InetSocketAddress to = device;
      if (to != null && packet.getSocketAddress().equals(balancer)) {
        inside.send(new DatagramPacket(packet.getData(), packet.getLength(), to));
      }
    });
    if (previous != null) {
      previous.close();
    }
  }

  private synchronized DatagramSocket open(InetAddress address) throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
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
        // the socket was closed: the relay or this outside socket is done
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

  /** Closes every socket and waits (bounded) for the threads to end. */
  @Override
  public synchronized void close() throws InterruptedException {
    sockets.forEach(DatagramSocket::close);
    for (Thread thread : threads) {
      thread.join(2_000);
    }
  }
}
