package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;
import org.eclipse.californium.elements.UdpEndpointContext;
import org.eclipse.californium.elements.exception.EndpointMismatchException;
import org.eclipse.californium.elements.util.ClockUtil;
import org.lwm2m4j.transport.memory.Datagram;
import org.lwm2m4j.transport.memory.DatagramPort;
import org.lwm2m4j.transport.memory.InMemoryNetwork;

/**
 * Californium's view of a port on an {@link InMemoryNetwork}: what its UDP connector does with a
 * socket, done with the network instead. Datagrams go out on the calling thread and come in on the
 * sender's; Californium's endpoint moves incoming ones to its own executor, so this connector
 * needs no thread.
 */
final class InMemoryConnector implements Connector {
  private final InMemoryNetwork network;
  private final InetSocketAddress requested;
  /** Longer datagrams are dropped, as the UDP connector drops what overflows its receive buffer. */
  private final int maxDatagramSize;
  private volatile DatagramPort port;
  private volatile RawDataChannel receiver;
  private volatile EndpointContextMatcher matcher;

  InMemoryConnector(InMemoryNetwork network, InetSocketAddress address, int maxDatagramSize) {
    this.network = network;
    this.requested = address;
    this.maxDatagramSize = maxDatagramSize;
  }

  @Override
  public synchronized void start() throws IOException {
    if (port == null) {
      port = network.bind(requested, this::receive);
    }
  }

  @Override
  public synchronized void stop() {
    if (port != null) {
      port.close();
      port = null;
    }
  }

  @Override
  public void destroy() {
    stop();
  }

  @Override
  public void send(RawData message) {
    DatagramPort current = port;
    if (current == null) {
      message.onError(new IOException("the in-memory connector " + requested + " is not running"));
      return;
    }
    InetSocketAddress destination = message.getInetSocketAddress();
    if (destination.getPort() == 0) {
      message.onError(new IOException("CoAP message to " + destination + " dropped, destination port 0"));
      return;
    }
    EndpointContext connection = new UdpEndpointContext(destination);
    EndpointContextMatcher contextMatcher = matcher;
    if (contextMatcher != null && !contextMatcher.isToBeSent(message.getEndpointContext(), connection)) {
      message.onError(new EndpointMismatchException("in-memory sending"));
      return;
    }
    message.onContextEstablished(connection);
    current.send(destination, message.getBytes());
    message.onSent();
  }

  private void receive(Datagram datagram) {
    RawDataChannel channel = receiver;
    DatagramPort current = port;
    if (channel == null || current == null || datagram.length() > maxDatagramSize) {
      return;
    }
    channel.receiveData(RawData.inbound(datagram.bytes(), new UdpEndpointContext(datagram.source()), false,
        ClockUtil.nanoRealtime(), current.address()));
  }

  @Override
  public void processDatagram(DatagramPacket packet) {
    DatagramPort current = port;
    if (current != null && packet.getPort() != 0) {
      byte[] bytes = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
      receive(new Datagram((InetSocketAddress) packet.getSocketAddress(), current.address(), bytes));
    }
  }

  @Override
  public void setRawDataReceiver(RawDataChannel channel) {
    this.receiver = channel;
  }

  @Override
  public void setEndpointContextMatcher(EndpointContextMatcher contextMatcher) {
    this.matcher = contextMatcher;
  }

  @Override
  public InetSocketAddress getAddress() {
    DatagramPort current = port;
    return current != null ? current.address() : requested;
  }

  @Override
  public String getProtocol() {
    return "UDP";
  }

  @Override
  public boolean isRunning() {
    return port != null;
  }

  @Override
  public String toString() {
    return "in-memory " + getAddress();
  }
}
