package org.lwm2m4j.transport.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test addresses for simulated devices, and the process's open file count. */
final class LoopbackFleet {

  private LoopbackFleet() {}

  /**
   * Device i's own address: 127.(1+)y.z with z in 1..254, so that none is 127.0.0.1 (the server's)
   * and none ends in .0 or .255.
   */
  static Inet4Address deviceAddress(int i) {
    int z = 1 + i % 254;
    int rest = i / 254;
    return FleetSocket.inet4(127 << 24 | (1 + rest / 256) << 16 | (rest % 256) << 8 | z);
  }

  static long openFileCount() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
