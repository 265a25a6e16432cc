package org.lwm2m4j.client.object.standard;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The IP addresses of this host's active interfaces, for a Connectivity Monitoring instance. */
final class HostAddresses {
  private HostAddresses() {}

  /**
   * The addresses of the interfaces that are up, loopback and link-local excluded; the loopback
   * address if there is none (a host without a network still talks to a local server).
   */
  static List<String> find() {
    List<String> addresses = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress address : Collections.list(nic.getInetAddresses())) {
          if (!address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
            addresses.add(text(address));
          }
        }
      }
    } catch (SocketException e) {
      // No interface list: fall back to loopback below.
    }
    if (addresses.isEmpty()) {
      addresses.add(InetAddress.getLoopbackAddress().getHostAddress());
    }
    return addresses;
  }

  // Java appends "%scope" to IPv6 addresses; the resource holds the plain address.
  private static String text(InetAddress address) {
    String text = address.getHostAddress();
    int scope = text.indexOf('%');
    return address instanceof Inet6Address && scope >= 0 ? text.substring(0, scope) : text;
  }
}
