package org.lwm2m4j.transport.memory;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One address bound on an {@link InMemoryNetwork}, like a bound UDP socket: it sends datagrams from
 * its address and its receiver gets those sent to it. Thread-safe; close it to free the address.
 */
public final class DatagramPort implements AutoCloseable {
  private final InMemoryNetwork network;
  private final InetSocketAddress address;
  private final InetSocketAddress source;
  private final java.util.function.Consumer<Datagram> receiver;
  private final AtomicBoolean open = new AtomicBoolean(true);

  DatagramPort(InMemoryNetwork network, InetSocketAddress address, java.util.function.Consumer<Datagram> receiver) {
    this.network = network;
    this.address = address;
    // a socket bound to the wildcard address sends from an address of the host: here the loopback one
    this.source = address.getAddress().isAnyLocalAddress()
        ? new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), address.getPort()) : address;
    this.receiver = receiver;
  }

  /** The bound address, with the port the network picked when 0 was asked for. */
  public InetSocketAddress address() {
    return address;
  }

  /**
   * Sends {@code bytes} to {@code destination}; the receiver bound there gets them before this
   * returns, on this thread. Like UDP, a datagram to an address nobody bound is dropped.
   *
   * @return whether a receiver got the datagram
   * @throws IllegalStateException if this port was closed
   */
  public boolean send(InetSocketAddress destination, byte[] bytes) {
    if (!open.get()) {
      throw new IllegalStateException("the datagram port " + address + " is closed");
    }
    return network.send(new Datagram(source, Objects.requireNonNull(destination, "destination"), bytes));
  }

  void receive(Datagram datagram) {
    if (open.get()) {
      receiver.accept(datagram);
    }
  }

  /** Whether this port still holds its address. */
  public boolean isOpen() {
    return open.get();
  }

  /** Frees the address; datagrams sent to it afterwards are dropped. */
  @Override
  public void close() {
    if (open.compareAndSet(true, false)) {
      network.unbind(this);
    }
  }

  @Override
  public String toString() {
    return "DatagramPort[" + address + (open.get() ? "" : ", closed") + "]";
  }
}
