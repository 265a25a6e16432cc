package org.lwm2m4j.transport.fleet;

/**
 * How a {@link FleetSocket} is opened.
 *
 * @param port the UDP port every simulated device shares (each device differs by its 127.x.y.z
 *     address); 0 picks a free one
 * @param maxDatagramBytes the largest datagram received whole; longer ones are dropped and counted
 * @param batchSize how many datagrams one receive call may take from the kernel (recvmmsg)
 * @param bufferBytes the socket's kernel send and receive buffers (capped by net.core.rmem_max and
 *     wmem_max); 0 keeps the system default
 * @param wakeMillis how often a blocked receive looks whether the socket was closed, in case the
 *     wake-up on close is missed
 */
public record FleetSocketSettings(int port, int maxDatagramBytes, int batchSize, int bufferBytes,
    int wakeMillis) {

  /** Port 0, 2048-byte datagrams (a CoAP block of 1024 and headers), batches of 64, 4 MiB buffers. */
  public static FleetSocketSettings defaults() {
    return new FleetSocketSettings(0, 2048, 64, 4 << 20, 250);
  }

  /** Checks the values. */
  public FleetSocketSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, not " + port);
    }
    if (maxDatagramBytes < 1 || maxDatagramBytes > 65507) {
      throw new IllegalArgumentException("maxDatagramBytes must be 1..65507, not " + maxDatagramBytes);
    }
    if (batchSize < 1 || batchSize > 1024) {
      throw new IllegalArgumentException("batchSize must be 1..1024, not " + batchSize);
    }
    if (bufferBytes < 0) {
      throw new IllegalArgumentException("bufferBytes must not be negative, not " + bufferBytes);
    }
    if (wakeMillis < 1) {
      throw new IllegalArgumentException("wakeMillis must be at least 1, not " + wakeMillis);
    }
  }

  /** The same settings on another port. */
  public FleetSocketSettings withPort(int newPort) {
    return new FleetSocketSettings(newPort, maxDatagramBytes, batchSize, bufferBytes, wakeMillis);
  }
}
