package org.lwm2m4j.transport.fleet;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;

/**
 * A peer on a plain UDP socket on 127.0.0.1 with no CoAP stack: it sends exactly the bytes a test
 * builds and sees every datagram, retransmissions included.
 */
final class PlainPeer implements AutoCloseable {
  private static final UdpDataSerializer SERIALIZER = new UdpDataSerializer();
  private static final UdpDataParser PARSER = new UdpDataParser();

  /** One datagram received: its bytes, its parsed message and who sent it. */
  record Received(byte[] bytes, Message message, InetSocketAddress from) {
  }

  private final DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));

  PlainPeer() throws IOException {
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  void send(Message message, InetSocketAddress to) throws IOException {
    sendBytes(SERIALIZER.getByteArray(message), to);
  }

  void sendBytes(byte[] bytes, InetSocketAddress to) throws IOException {
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  /** The next datagram within {@code timeoutMillis}, if one comes. */
  Optional<Received> receive(int timeoutMillis) throws IOException {
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.setSoTimeout(timeoutMillis);
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    byte[] bytes = Arrays.copyOf(buffer, packet.getLength());
    return Optional.of(new Received(bytes, PARSER.parseMessage(bytes), (InetSocketAddress) packet.getSocketAddress()));
  }

  @Override
  public void close() {
    socket.close();
  }
}
