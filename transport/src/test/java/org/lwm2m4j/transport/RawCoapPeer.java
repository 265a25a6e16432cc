package org.lwm2m4j.transport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;

/**
 * A CoAP peer on its own UDP socket on 127.0.0.1 that sends exactly the messages a test builds,
 * with none of a CoAP stack's own behaviour (no retransmission, no block-wise, no deduplication):
 * what a careless or hostile stranger can send. Close it to release the socket.
 */
final class RawCoapPeer implements AutoCloseable {
  private static final UdpDataSerializer SERIALIZER = new UdpDataSerializer();
  private static final UdpDataParser PARSER = new UdpDataParser();

  private final DatagramSocket socket;
  private final InetSocketAddress target;
  private int nextMid = 1;

  RawCoapPeer(InetSocketAddress target) throws IOException {
    this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    this.target = target;
  }

  /** A confirmable request to the target with a fresh message id and a one-byte token; the test adds options. */
  Request newRequest(CoAP.Code code, String path) {
    Request request = new Request(code, CoAP.Type.CON);
    request.getOptions().setUriPath(path);
    request.setMID(nextMid++ & 0xFFFF);
    request.setToken(new byte[] {(byte) nextMid});
    request.setDestinationContext(new AddressEndpointContext(target));
    return request;
  }

  void send(Request request) throws IOException {
    sendBytes(SERIALIZER.serializeRequest(request).getBytes());
  }

  void sendBytes(byte[] datagram) throws IOException {
    socket.send(new DatagramPacket(datagram, datagram.length, target));
  }

  /** Sends {@code request} and waits up to {@code timeoutMillis} for the response to it. */
  Optional<Response> exchange(Request request, int timeoutMillis) throws IOException {
    send(request);
    return awaitResponse(request, timeoutMillis);
  }

  /** Waits up to {@code timeoutMillis} for the response to {@code request}, skipping other messages. */
  Optional<Response> awaitResponse(Request request, int timeoutMillis) throws IOException {
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (true) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return Optional.empty();
      }
      Optional<Message> message = receive((int) left);
      if (message.isEmpty()) {
        return Optional.empty();
      }
      if (message.get() instanceof Response response && response.getMID() == request.getMID()) {
        return Optional.of(response);
      }
    }
  }

  /** The next message that arrives within {@code timeoutMillis}, if any. */
  Optional<Message> receive(int timeoutMillis) throws IOException {
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    socket.setSoTimeout(Math.max(1, timeoutMillis));
    try {
      socket.receive(packet);
    } catch (SocketTimeoutException e) {
      return Optional.empty();
    }
    byte[] bytes = java.util.Arrays.copyOf(buffer, packet.getLength());
    return Optional.of(PARSER.parseMessage(bytes));
  }

  @Override
  public void close() {
    socket.close();
  }
}
