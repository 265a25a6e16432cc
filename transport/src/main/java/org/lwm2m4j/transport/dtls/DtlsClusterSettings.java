package org.lwm2m4j.transport.dtls;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One server node of a DTLS cluster behind a load balancer (Connection ID based, RFC 9146): the
 * node's number, carried as the first byte of every Connection ID it issues; the local address of
 * its internal cluster channel, where the other nodes forward the records of sessions this node
 * holds (port 0 picks a free port; the endpoint tells the bound one); and how to reach the other
 * nodes. A record that reaches the wrong node (the balancer picked another one after the device's
 * address changed) is forwarded to the node named in its Connection ID, which answers back through
 * the node that received it, so the device keeps its session without a new handshake.
 *
 * <p>The internal channel is plain UDP and trusts the original source address each forwarded
 * record carries: bind it to an address only the cluster's nodes can reach (a private network or
 * loopback). The records themselves stay protected by their DTLS session.
 *
 * @param nodeNumber this node's number, 0..255, unique in the cluster
 * @param internalAddress the local address of the internal cluster channel
 * @param nodes the other nodes' internal addresses by node number
 */
public record DtlsClusterSettings(int nodeNumber, InetSocketAddress internalAddress, DtlsClusterNodes nodes) {
  /** The Connection ID length a cluster node asks for when none was set: the node byte and five random ones. */
  public static final int DEFAULT_CONNECTION_ID_LENGTH = 6;
  /** The shortest Connection ID a cluster node can use: the node byte and one random byte. */
  public static final int MIN_CONNECTION_ID_LENGTH = 2;

  public DtlsClusterSettings {
    if (nodeNumber < 0 || nodeNumber > 255) {
      throw new IllegalArgumentException("a DTLS cluster node number is one byte of the Connection ID: 0..255, got " + nodeNumber);
    }
    Objects.requireNonNull(internalAddress, "internalAddress");
    Objects.requireNonNull(nodes, "nodes");
  }
}
