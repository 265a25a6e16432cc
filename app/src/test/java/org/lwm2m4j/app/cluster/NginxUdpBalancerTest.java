package org.lwm2m4j.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What nginx does with datagrams, checked with two plain UDP sockets as nodes: a source address keeps its
 * node, a node answers through the session long after the first datagram, and a node that is gone is
 * skipped after the datagrams that found it dead (the device's retransmissions reach a live node).
 */
class NginxUdpBalancerTest {
  private final List<DatagramSocket> sockets = new ArrayList<>();
  private NginxUdpBalancer balancer;

  @AfterEach
  void stop() {
    if (balancer != null) {
      balancer.close();
    }
    sockets.forEach(DatagramSocket::close);
  }

  @Test
  void aSourceAddressKeepsItsNodeAndTheNodeReachesItLaterThroughTheSession() throws Exception {
    DatagramSocket nodeA = node();
    DatagramSocket nodeB = node();
    balancer = NginxUdpBalancer.start(List.of(address(nodeA), address(nodeB)), Duration.ofMinutes(10), Duration.ofSeconds(10));
    DatagramSocket device = device("127.18.0.1");

    send(device, "register");
    Arrival register = arrival(List.of(nodeA, nodeB)).orElseThrow();
    DatagramSocket first = register.node();
    send(device, "update");
    assertThat(receive(first).map(NginxUdpBalancerTest::text)).contains("update");

    // server-initiated: the node writes to the session's address it saw, and nginx passes it to the device
    first.send(new DatagramPacket("read".getBytes(StandardCharsets.UTF_8), 4, register.packet().getSocketAddress()));
    assertThat(receive(device).map(NginxUdpBalancerTest::text)).contains("read");
  }

  @Test
  void aDeadNodeIsSkippedAfterTheDatagramsThatFoundItGone() throws Exception {
    DatagramSocket nodeA = node();
    DatagramSocket nodeB = node();
    balancer = NginxUdpBalancer.start(List.of(address(nodeA), address(nodeB)), Duration.ofMinutes(10), Duration.ofSeconds(30));
    // find a device address that nginx sends to node A
    DatagramSocket device = null;
    for (int i = 1; i <= 20 && device == null; i++) {
      DatagramSocket candidate = device("127.18.1." + i);
      send(candidate, "hello");
      if (receive(nodeA).isPresent()) {
        device = candidate;
      } else {
        receive(nodeB);
      }
    }
    assertThat(device).as("one of 20 source addresses hashed to node A").isNotNull();
    nodeA.close();

    // a CoAP client retransmits; count how many datagrams are lost before node B gets one
    int sent = 0;
    Optional<DatagramPacket> atB = Optional.empty();
    while (atB.isEmpty() && sent < 6) {
      send(device, "retransmission " + ++sent);
      atB = receive(nodeB);
    }
    assertThat(atB).as("a retransmission reached the live node; nginx's log:\n" + balancer.errorLog()).isPresent();
    // measured with nginx 1.22: the first three are lost (the session's datagram, the one whose send fails and
    // marks the node down, one more), the fourth arrives: a CoAP client's fourth transmission, 14-21 s after its first
    assertThat(sent).as("datagrams sent until one reached node B").isLessThanOrEqualTo(4);
    assertThat(balancer.errorLog()).contains("Connection refused");
  }

  private DatagramSocket node() throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    socket.setSoTimeout(1000);
    sockets.add(socket);
    return socket;
  }

  private DatagramSocket device(String address) throws IOException {
    DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address, 0));
    socket.setSoTimeout(1000);
    sockets.add(socket);
    return socket;
  }

  private static InetSocketAddress address(DatagramSocket socket) {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void send(DatagramSocket device, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    device.send(new DatagramPacket(bytes, bytes.length, balancer.address()));
  }

  /** A datagram and the node that got it. */
  private record Arrival(DatagramSocket node, DatagramPacket packet) {}

  /** The datagram one of {@code nodes} got, with that node. */
  private static Optional<Arrival> arrival(List<DatagramSocket> nodes) throws IOException {
    for (DatagramSocket node : nodes) {
      Optional<DatagramPacket> packet = receive(node);
      if (packet.isPresent()) {
        return Optional.of(new Arrival(node, packet.get()));
      }
    }
    return Optional.empty();
  }

  /** The next datagram, or empty after a second; an empty datagram (nginx's sign of a failed node) is skipped. */
  private static Optional<DatagramPacket> receive(DatagramSocket socket) throws IOException {
    for (int i = 0; i < 3; i++) {
      DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      if (packet.getLength() > 0) {
        return Optional.of(packet);
      }
    }
    return Optional.empty();
  }

  private static String text(DatagramPacket packet) {
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }
}
