package org.lwm2m4j.transport.memory;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One datagram on an {@link InMemoryNetwork}: who sent it, where it goes, and its bytes (copied in
 * and out, so a datagram never changes after it is made). Both addresses are resolved and carry a
 * port, as a UDP datagram's do.
 */
public record Datagram(InetSocketAddress source, InetSocketAddress destination, byte[] bytes) {
  public Datagram {
    requirePort(source, "source");
    requirePort(destination, "destination");
    bytes = Objects.requireNonNull(bytes, "bytes").clone();
  }

  private static void requirePort(InetSocketAddress address, String role) {
    Objects.requireNonNull(address, role);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException("the " + role + " of a datagram must be a resolved address, not " + address);
    }
    if (address.getPort() == 0) {
      throw new IllegalArgumentException("the " + role + " of a datagram needs a port, got " + address);
    }
  }

  /** A copy of the bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** How many bytes the datagram holds. */
  public int length() {
    return bytes.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Datagram that && source.equals(that.source) && destination.equals(that.destination)
        && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, destination, Arrays.hashCode(bytes));
  }

  /** Addresses, length and at most the first 16 bytes in hex. */
  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 16));
    return "Datagram[" + source + " -> " + destination + ", " + bytes.length + " bytes: " + hex
        + (bytes.length > 16 ? "…" : "") + "]";
  }
}
