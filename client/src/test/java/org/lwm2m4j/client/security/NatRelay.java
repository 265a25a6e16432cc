package org.lwm2m4j.client.security;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;

/**
 * A UDP relay standing in for a NAT between a client and a server on 127.0.0.1: the client talks
 * to {@link #address()}, the server sees the relay's outside socket, and {@link #rebind()} moves
 * that socket to a new port, as a NAT does when its mapping expires; {@link
 * #loseApplicationDataUntilHandshake()} loses the client's datagrams for a while, as a bad link does.
 */
final class NatRelay implements AutoCloseable {
  private final DatagramSocket inside;
  private final InetSocketAddress server;
  private volatile DatagramSocket outside;
  private volatile SocketAddress client;
  private volatile boolean closed;
  private volatile boolean losing;
  private final java.util.concurrent.atomic.AtomicInteger lost = new java.util.concurrent.atomic.AtomicInteger();

  NatRelay(InetSocketAddress server) throws IOException {
    this.server = server;
    this.inside = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    this.outside = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    Thread up = new Thread(this::forwardUp, "nat-relay-up");
    up.setDaemon(true);
    up.start();
    startDown(outside);
  }

  /** Where the client sends to. */
  InetSocketAddress address() {
    return (InetSocketAddress) inside.getLocalSocketAddress();
  }

  /** The address the server sees now. */
  InetSocketAddress outsideAddress() {
    return (InetSocketAddress) outside.getLocalSocketAddress();
  }

  /** Moves the outside mapping to a new port. */
  synchronized void rebind() throws IOException {
    DatagramSocket old = outside;
    outside = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    startDown(outside);
    old.close();
  }

  /**
   * Loses the client's DTLS application data records (content type 23, or 25 with a Connection
   * ID) until the client starts a handshake (a record of type 22); from then on all goes through.
   */
  void loseApplicationDataUntilHandshake() {
    losing = true;
  }

  /** How many datagrams were lost. */
  int lost() {
    return lost.get();
  }

  private void startDown(DatagramSocket socket) {
    Thread down = new Thread(() -> forwardDown(socket), "nat-relay-down");
    down.setDaemon(true);
    down.start();
  }

  private void forwardUp() {
    byte[] buffer = new byte[4096];
    while (!closed) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        inside.receive(packet);
        client = packet.getSocketAddress();
        int contentType = packet.getLength() > 0 ? packet.getData()[packet.getOffset()] : -1;
        if (losing && contentType == 22) {
          losing = false;
        } else if (losing && (contentType == 23 || contentType == 25)) {
          lost.incrementAndGet();
          continue;
        }
        outside.send(new DatagramPacket(packet.getData(), packet.getLength(), server));
      } catch (SocketException e) {
        if (closed) {
          return;
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  private void forwardDown(DatagramSocket socket) {
    byte[] buffer = new byte[4096];
    while (!closed && !socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        if (client != null) {
          inside.send(new DatagramPacket(packet.getData(), packet.getLength(), client));
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    inside.close();
    outside.close();
  }
}
