package org.lwm2m4j.transport.fleet;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Takes the datagrams a {@link FleetSocket} receives. Called on the thread that runs {@link
 * FleetSocket#receive}, one datagram at a time; it should hand work off rather than block, since
 * every device behind the socket waits for it.
 */
@FunctionalInterface
public interface FleetReceiver {

  /**
   * One datagram arrived.
   *
   * @param local the 127.x.y.z address it was sent to: which simulated device it is for (the port
   *     is the socket's own, {@link FleetSocket#port()})
   * @param remote who sent it
   * @param payload its bytes, owned by the receiver from now on
   */
  void received(Inet4Address local, InetSocketAddress remote, byte[] payload);
}
