package org.lwm2m4j.transport.dtls;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Where the other nodes of a DTLS cluster take forwarded records: the address of each node's
 * internal cluster channel by its node number. Asked for every record that carries another node's
 * Connection ID, so answer from memory (a map the cluster membership keeps current), never from the
 * network; nodes may come and go while the endpoint runs.
 */
@FunctionalInterface
public interface DtlsClusterNodes {
  /** The internal cluster address of node {@code nodeNumber} (0..255), empty when no such node is known now. */
  Optional<InetSocketAddress> addressOf(int nodeNumber);

  /**
   * A lookup over {@code nodes}, internal addresses by node number, read at every call: the caller
   * keeps the map current (a concurrent map the cluster membership fills and empties), and an
   * address no longer in it is not live.
   */
  static DtlsClusterNodes view(java.util.Map<Integer, InetSocketAddress> nodes) {
    java.util.Objects.requireNonNull(nodes, "nodes");
    return new DtlsClusterNodes() {
      @Override
      public Optional<InetSocketAddress> addressOf(int nodeNumber) {
        return Optional.ofNullable(nodes.get(nodeNumber));
      }

      @Override
      public boolean isLive(InetSocketAddress clusterAddress) {
        return nodes.containsValue(clusterAddress);
      }
    };
  }

  /**
   * Whether {@code clusterAddress} still belongs to a live node: answers to a device whose records
   * reached this node through another node go back through that node, and are dropped when it has
   * gone. The default trusts the address; override it to drop them at once.
   */
  default boolean isLive(InetSocketAddress clusterAddress) {
    return true;
  }
}
