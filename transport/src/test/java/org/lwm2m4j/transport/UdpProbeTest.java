package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.VirtualScheduler;

class UdpProbeTest {
  private final VirtualScheduler scheduler = new VirtualScheduler();

  @Test
  void aProbeOfAPortNobodyListensOnSaysConnectionRefused() throws IOException {
    InetSocketAddress closed = closedPort();

    CompletableFuture<Optional<String>> probe = UdpProbe.probe(closed, scheduler, Duration.ofMillis(500));
    awaitIcmp();
    scheduler.advance(Duration.ofMillis(500));

    assertThat(probe).isCompletedWithValue(Optional.of("connection refused (nothing listening on 127.0.0.1:" + closed.getPort() + "?)"));
  }

  @Test
  void aThousandClientsProbingOneSilentServerAtOnceShareOneSocket() throws IOException {
    InetSocketAddress closed = closedPort();
    long filesBefore = openFiles();

    List<CompletableFuture<Optional<String>>> probes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      probes.add(UdpProbe.probe(closed, scheduler, Duration.ofMillis(500)));
    }
    long filesDuring = openFiles();
    awaitIcmp();
    scheduler.advance(Duration.ofMillis(500));

    assertThat(filesDuring - filesBefore).isLessThanOrEqualTo(2);
    assertThat(probes).allSatisfy(probe -> assertThat(probe).isCompletedWithValueMatching(said -> said.orElseThrow().startsWith("connection refused")));
    // once answered, the next probe is a new one
    CompletableFuture<Optional<String>> later = UdpProbe.probe(closed, scheduler, Duration.ofMillis(500));
    assertThat(later).isNotDone();
    awaitIcmp();
    scheduler.advance(Duration.ofMillis(500));
    assertThat(later).isCompleted();
  }

  @Test
  void cancellingOneSharedProbeLeavesTheOthersToTheirAnswer() throws IOException {
    InetSocketAddress closed = closedPort();

    CompletableFuture<Optional<String>> first = UdpProbe.probe(closed, scheduler, Duration.ofMillis(500));
    CompletableFuture<Optional<String>> second = UdpProbe.probe(closed, scheduler, Duration.ofMillis(500));
    first.cancel(false);
    awaitIcmp();
    scheduler.advance(Duration.ofMillis(500));

    assertThat(second).isCompletedWithValueMatching(said -> said.isPresent());
  }

  /** A UDP port on 127.0.0.1 that was just free: the kernel answers datagrams to it with port unreachable. */
  private static InetSocketAddress closedPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
    }
  }

  /** The ICMP answer on loopback arrives within microseconds; give the kernel a real moment. */
  private static void awaitIcmp() {
    org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(50)).atMost(Duration.ofSeconds(1)).until(() -> true);
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("/proc/self/fd"))) {
      return files.count();
    }
  }
}
