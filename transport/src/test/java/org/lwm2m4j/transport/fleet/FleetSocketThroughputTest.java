package org.lwm2m4j.transport.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * Measures the fleet socket both ways, and one channel per device for comparison. Prints rates and
 * CPU per datagram; asserts only that nothing was lost, never a time. Senders go in windows that
 * fit the receiving socket's buffer, so the kernel drops nothing and the rate is the slower side's.
 */
class FleetSocketThroughputTest {

  private static final int DEVICES = 30_000;
  private static final int DATAGRAMS = 200_000;
  private static final int WINDOW = 2_000;
  private static final int PAYLOAD = 64;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  @Test
  void sendingFromThirtyThousandAddressesLosesNothingWhenPacedByTheReceiver() throws Exception {
    try (FleetSocket fleet = FleetSocket.open(FleetSocketSettings.defaults());
        DatagramChannel sink = DatagramChannel.open()) {
      sink.bind(new InetSocketAddress("127.0.0.1", 0));
      sink.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
      InetSocketAddress sinkAddress = (InetSocketAddress) sink.getLocalAddress();
      AtomicLong sunk = new AtomicLong();
      Thread drain = new Thread(() -> drain(sink, sunk), "sink");
      drain.start();
      Inet4Address[] devices = devices();
      byte[] payload = new byte[PAYLOAD];

      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      for (int i = 0; i < DATAGRAMS; i++) {
        fleet.send(devices[i % DEVICES], sinkAddress, payload);
        pace(i, sunk::get);
      }
      long elapsed = System.nanoTime() - start;
      cpu = THREADS.getCurrentThreadCpuTime() - cpu;
      long sinkCpu = THREADS.getThreadCpuTime(drain.getId());

      assertThat(sunk.get()).isEqualTo(DATAGRAMS);
      report("fleet send", elapsed, cpu, "plain receiver (NIO)", sinkCpu);
      sink.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !drain.isAlive());
    }
  }

  @Test
  void receivingForThirtyThousandAddressesLosesNothingWhenPacedByTheReceiver() throws Exception {
    try (FleetSocket fleet = FleetSocket.open(FleetSocketSettings.defaults());
        DatagramChannel source = DatagramChannel.open()) {
      source.bind(new InetSocketAddress("127.0.0.1", 0));
      AtomicLong received = new AtomicLong();
      Thread receiver = new Thread(() -> {
        try {
          fleet.receive((local, remote, bytes) -> received.incrementAndGet());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }, "fleet-receiver");
      receiver.start();
      InetSocketAddress[] devices = new InetSocketAddress[DEVICES];
      Inet4Address[] addresses = devices();
      for (int i = 0; i < DEVICES; i++) {
        devices[i] = new InetSocketAddress(addresses[i], fleet.port());
      }
      ByteBuffer payload = ByteBuffer.allocateDirect(PAYLOAD);

      long cpu = THREADS.getCurrentThreadCpuTime();
      long receiverCpu = THREADS.getThreadCpuTime(receiver.getId());
      long start = System.nanoTime();
      for (int i = 0; i < DATAGRAMS; i++) {
        source.send(payload.clear(), devices[i % DEVICES]);
        pace(i, received::get);
      }
      long elapsed = System.nanoTime() - start;
      cpu = THREADS.getCurrentThreadCpuTime() - cpu;
      receiverCpu = THREADS.getThreadCpuTime(receiver.getId()) - receiverCpu;

      assertThat(received.get()).isEqualTo(DATAGRAMS);
      assertThat(fleet.droppedCount()).isZero();
      report("fleet receive", elapsed, receiverCpu, "plain sender (NIO)", cpu);
      fleet.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.isAlive());
    }
  }

  /** The portable fallback, for comparison: one non-blocking channel per device, one selector. */
  @Test
  void oneChannelPerDeviceCostsOneOpenFileEach() throws Exception {
    int devices = 5_000;
    long filesBefore = LoopbackFleet.openFileCount();
    List<DatagramChannel> channels = new ArrayList<>(devices);
    try (Selector selector = Selector.open(); DatagramChannel server = DatagramChannel.open()) {
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      server.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
      InetSocketAddress serverAddress = (InetSocketAddress) server.getLocalAddress();
      long openStart = System.nanoTime();
      for (int i = 0; i < devices; i++) {
        DatagramChannel channel = DatagramChannel.open();
        channels.add(channel);
        channel.bind(new InetSocketAddress(LoopbackFleet.deviceAddress(i), 0));
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ);
      }
      long openNanos = System.nanoTime() - openStart;
      long filesOpen = LoopbackFleet.openFileCount();
      AtomicLong received = new AtomicLong();
      Thread loop = new Thread(() -> select(selector, received), "selector");
      loop.start();
      Thread echo = new Thread(() -> echo(server), "echo");
      echo.start();
      ByteBuffer payload = ByteBuffer.allocateDirect(PAYLOAD);

      long cpu = THREADS.getCurrentThreadCpuTime();
      long loopCpu = THREADS.getThreadCpuTime(loop.getId());
      long start = System.nanoTime();
      int rounds = DATAGRAMS / devices;
      for (int i = 0; i < rounds * devices; i++) {
        channels.get(i % devices).send(payload.clear(), serverAddress);
        pace(i, received::get);
      }
      long elapsed = System.nanoTime() - start;
      cpu = THREADS.getCurrentThreadCpuTime() - cpu;
      loopCpu = THREADS.getThreadCpuTime(loop.getId()) - loopCpu;

      assertThat(received.get()).isEqualTo((long) rounds * devices);
      assertThat(filesOpen - filesBefore).isGreaterThanOrEqualTo(devices);
      report("per-device channels, send", elapsed, cpu, "selector receive", loopCpu);
      System.out.printf("per-device channels: %d opened in %d ms, open files %d -> %d%n", devices,
          openNanos / 1_000_000, filesBefore, filesOpen);
      selector.close();
      server.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> !loop.isAlive() && !echo.isAlive());
    } finally {
      for (DatagramChannel channel : channels) {
        channel.close();
      }
    }
  }

  private static Inet4Address[] devices() {
    Inet4Address[] devices = new Inet4Address[DEVICES];
    for (int i = 0; i < DEVICES; i++) {
      devices[i] = LoopbackFleet.deviceAddress(i);
    }
    return devices;
  }

  /** After each window, waits until the other side has taken everything sent so far. */
  private static void pace(int i, LongSupplier taken) {
    if ((i + 1) % WINDOW == 0 || i + 1 == DATAGRAMS) {
      long sent = i + 1;
      await().pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
          .atMost(Duration.ofSeconds(20)).until(() -> taken.getAsLong() >= sent);
    }
  }

  private static void report(String measured, long elapsedNanos, long cpuNanos, String peer,
      long peerCpuNanos) {
    System.out.printf("%s: %d datagrams in %d ms (%.0f/s), %.2f us CPU per datagram; %s %.2f us"
            + " CPU per datagram%n", measured, DATAGRAMS, elapsedNanos / 1_000_000,
        DATAGRAMS * 1e9 / elapsedNanos, cpuNanos / 1e3 / DATAGRAMS, peer,
        peerCpuNanos / 1e3 / DATAGRAMS);
  }

  private static void drain(DatagramChannel sink, AtomicLong count) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    try {
      while (sink.receive(buffer.clear()) != null) {
        count.incrementAndGet();
      }
    } catch (ClosedChannelException closed) {
      // the test closed the sink
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void echo(DatagramChannel server) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    try {
      while (true) {
        var from = server.receive(buffer.clear());
        server.send(buffer.flip(), from);
      }
    } catch (ClosedChannelException closed) {
      // the test closed the server
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void select(Selector selector, AtomicLong received) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
    try {
      while (selector.isOpen()) {
        selector.select(key -> {
          try {
            while (((DatagramChannel) key.channel()).receive(buffer.clear()) != null) {
              received.incrementAndGet();
            }
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
      }
    } catch (java.nio.channels.ClosedSelectorException | IOException closed) {
      // the test closed the selector
    }
  }
}
