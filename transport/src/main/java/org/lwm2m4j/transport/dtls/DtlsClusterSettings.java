package org.lwm2m4j.transport.dtls;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One server node of a DTLS cluster behind a load balancer (Connection ID based, RFC 9146): the
 * node's number, carried as the first byte of every Connection ID it issues; the local address of
 * its internal cluster channel, where the other nodes forward the records of sessions this node
 * holds (port 0 picks a free port; the endpoint tells the bound one); how to reach the other
 * nodes; and, optionally, the secret the nodes share to secure that channel. A record that reaches
 * the wrong node (the balancer picked another one after the device's address changed) is forwarded
 * to the node named in its Connection ID, which answers back through the node that received it, so
 * the device keeps its session without a new handshake.
 *
 * <p>The records themselves stay protected by their DTLS session, but a forwarded record carries
 * the address the device sent it from, and the node holding the session believes it. Without a
 * secret the channel is plain UDP: bind it to an address only the cluster's nodes can reach (a
 * private network or loopback). With a secret the nodes handshake with each other (DTLS PSK) over
 * the channel and every forwarded record carries a MAC over that address; the first record for a
 * node the channel has no session with yet starts that handshake and waits for it.
 *
 * <p>With {@link #sessions} the nodes also share their DTLS sessions: a device whose node died
 * resumes its session with the node the balancer picks next (an abbreviated handshake, the same
 * security context) instead of handshaking in full.
 *
 * @param nodeNumber this node's number, 0..255, unique in the cluster
 * @param internalAddress the local address of the internal cluster channel: one the other nodes can send to, not the wildcard
 * @param nodes the other nodes' internal addresses by node number
 * @param secret the secret every node of the cluster shares, at least 16 characters, if the channel is secured
 * @param sessions where the nodes share their sessions, if they do
 */
public record DtlsClusterSettings(int nodeNumber, InetSocketAddress internalAddress, DtlsClusterNodes nodes,
    Optional<String> secret, Optional<DtlsSessionCache> sessions) {
  /** The Connection ID length a cluster node asks for when none was set: the node byte and five random ones. */
  public static final int DEFAULT_CONNECTION_ID_LENGTH = 6;
  /** The shortest Connection ID a cluster node can use: the node byte and one random byte. */
  public static final int MIN_CONNECTION_ID_LENGTH = 2;
  /** The shortest secret accepted for the internal channel. */
  public static final int MIN_SECRET_LENGTH = 16;

  /** A node whose internal channel is plain UDP on a network only the nodes reach. */
  public DtlsClusterSettings(int nodeNumber, InetSocketAddress internalAddress, DtlsClusterNodes nodes) {
    this(nodeNumber, internalAddress, nodes, Optional.empty());
  }

  /** A node that shares no sessions with the others. */
  public DtlsClusterSettings(int nodeNumber, InetSocketAddress internalAddress, DtlsClusterNodes nodes, Optional<String> secret) {
    this(nodeNumber, internalAddress, nodes, secret, Optional.empty());
  }

  public DtlsClusterSettings {
    if (nodeNumber < 0 || nodeNumber > 255) {
      throw new IllegalArgumentException("a DTLS cluster node number is one byte of the Connection ID: 0..255, got " + nodeNumber);
    }
    Objects.requireNonNull(internalAddress, "internalAddress");
    if (internalAddress.isUnresolved() || internalAddress.getAddress().isAnyLocalAddress()) {
      // the bound address is what the membership publishes: the other nodes must be able to send to it
      throw new IllegalArgumentException("the DTLS cluster channel needs the address the other nodes reach this one at, not "
          + internalAddress.getHostString());
    }
    Objects.requireNonNull(nodes, "nodes");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(sessions, "sessions");
    if (secret.isPresent() && secret.get().length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("the DTLS cluster secret must have at least " + MIN_SECRET_LENGTH
          + " characters, got " + secret.get().length());
    }
  }

  /** These settings with the internal channel secured by {@code sharedSecret}, the same on every node. */
  public DtlsClusterSettings withSecret(String sharedSecret) {
    return new DtlsClusterSettings(nodeNumber, internalAddress, nodes, Optional.of(sharedSecret), sessions);
  }

  /** These settings with the nodes sharing their DTLS sessions through {@code cache} (see {@link #sessions}). */
  public DtlsClusterSettings withSharedSessions(DtlsSessionCache cache) {
    return new DtlsClusterSettings(nodeNumber, internalAddress, nodes, secret, Optional.of(cache));
  }

  /** Keeps the secret out of logs. */
  @Override
  public String toString() {
    return "DtlsClusterSettings[node " + nodeNumber + ", internal " + internalAddress
        + (secret.isPresent() ? ", secured" : ", plain") + (sessions.isPresent() ? ", shared sessions" : "") + "]";
  }
}
