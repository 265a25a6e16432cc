package org.lwm2m4j.transport.fleet;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FleetSocketTest {

  private static final int DEVICES = 30_000;
  private static final int WINDOW = 500;

  @Test
  void thirtyThousandLoopbackAddressesEachExchangeADatagramWithAPlainServerOverOneSocket()
      throws Exception {
    long filesBefore = LoopbackFleet.openFileCount();
    Set<InetSocketAddress> seenByServer = ConcurrentHashMap.newKeySet();
    Map<Inet4Address, String> replies = new ConcurrentHashMap<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    try (DatagramSocket server = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        FleetSocket fleet = FleetSocket.open(FleetSocketSettings.defaults())) {
      server.setReceiveBufferSize(4 << 20);
      InetSocketAddress serverAddress = (InetSocketAddress) server.getLocalSocketAddress();
      Thread echo = new Thread(() -> echo(server, seenByServer, failure), "echo-server");
      Thread receiver = new Thread(() -> receive(fleet, replies, failure), "fleet-receiver");
      echo.start();
      receiver.start();

      long start = System.nanoTime();
      long sendCpu = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < DEVICES; i++) {
        Inet4Address device = LoopbackFleet.deviceAddress(i);
        fleet.send(device, serverAddress, device.getHostAddress().getBytes(US_ASCII));
        if ((i + 1) % WINDOW == 0 || i + 1 == DEVICES) {
          int expected = i + 1;
          await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
              .atMost(Duration.ofSeconds(20)).until(() -> replies.size() >= expected
                  || failure.get() != null);
        }
      }
      sendCpu = threads.getCurrentThreadCpuTime() - sendCpu;
      long elapsed = System.nanoTime() - start;
      long filesDuring = LoopbackFleet.openFileCount();
      long receiveCpu = threads.getThreadCpuTime(receiver.getId());

      assertThat(failure.get()).isNull();
      assertThat(seenByServer).hasSize(DEVICES)
          .allSatisfy(source -> assertThat(source.getPort()).isEqualTo(fleet.port()));
      assertThat(replies).hasSize(DEVICES)
          .allSatisfy((local, payload) -> assertThat(payload).isEqualTo(local.getHostAddress()));
      assertThat(fleet.droppedCount()).isZero();
      // the fleet socket, the server's socket and a few the JDK opens on the way
      assertThat(filesDuring - filesBefore).isLessThan(10);

      System.out.printf("fleet echo: %d devices in %d ms (%.0f round trips/s); fleet CPU per datagram:"
              + " send %.1f us, receive %.1f us; open files %d -> %d%n",
          DEVICES, elapsed / 1_000_000, DEVICES * 1e9 / elapsed, sendCpu / 1e3 / DEVICES,
          receiveCpu / 1e3 / DEVICES, filesBefore, filesDuring);
      fleet.close();
      server.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.isAlive() && !echo.isAlive());
    }
  }

  @Test
  void closingTheSocketEndsTheReceiveLoop() throws Exception {
    FleetSocket fleet = FleetSocket.open(FleetSocketSettings.defaults());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread receiver = new Thread(() -> receive(fleet, new ConcurrentHashMap<>(), failure),
        "fleet-receiver");
    receiver.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.getState() != Thread.State.NEW);

    fleet.close();

    await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.isAlive());
    assertThat(failure.get()).isNull();
  }

  @Test
  void aDeviceAddressOutsideLoopbackIsRefusedWithItsName() throws Exception {
    try (FleetSocket fleet = FleetSocket.open(FleetSocketSettings.defaults())) {
      Inet4Address outside = (Inet4Address) InetAddress.getByName("10.1.2.3");

      assertThatThrownBy(() -> fleet.send(outside, new InetSocketAddress("127.0.0.1", 5683),
          new byte[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("127.0.0.0/8")
          .hasMessageContaining("10.1.2.3");
    }
  }

  @Test
  void aDatagramLongerThanTheLimitIsDroppedAndCounted() throws Exception {
    FleetSocketSettings small = new FleetSocketSettings(0, 16, 8, 0, 250);
    try (FleetSocket fleet = FleetSocket.open(small);
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      Map<Inet4Address, String> received = new ConcurrentHashMap<>();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread receiver = new Thread(() -> receive(fleet, received, failure), "fleet-receiver");
      receiver.start();
      InetSocketAddress device = new InetSocketAddress(LoopbackFleet.deviceAddress(7), fleet.port());

      peer.send(new DatagramPacket(new byte[17], 17, device));
      peer.send(new DatagramPacket("fits".getBytes(US_ASCII), 4, device));

      await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
      assertThat(fleet.droppedCount()).isEqualTo(1);
      assertThat(received).containsEntry(LoopbackFleet.deviceAddress(7), "fits");
      fleet.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.isAlive());
    }
  }

  private static void receive(FleetSocket fleet, Map<Inet4Address, String> replies,
      AtomicReference<Throwable> failure) {
    try {
      fleet.receive((local, remote, payload) -> replies.put(local, new String(payload, US_ASCII)));
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }

  private static void echo(DatagramSocket server, Set<InetSocketAddress> seen,
      AtomicReference<Throwable> failure) {
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    try {
      while (!server.isClosed()) {
        packet.setData(buffer);
        server.receive(packet);
        seen.add((InetSocketAddress) packet.getSocketAddress());
        server.send(packet);
      }
    } catch (SocketException closed) {
      // the test closed the server
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }
}
