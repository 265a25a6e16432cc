package org.lwm2m4j.transport.dtls;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.MessageCallback;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.DtlsManagedClusterConnector;
import org.eclipse.californium.scandium.config.DtlsClusterConnectorConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster node's connector whose internal channel is secured: Scandium's managed cluster
 * connector runs a DTLS PSK session with each other node over the channel, and forwarded records
 * carry a MAC made with that session's keys. Scandium leaves making those sessions to the
 * application; this connector makes one when a record must go to a node it has none with (first
 * contact), holding the records for that node until the session is in place, and when a record
 * comes from a node it has none with (this node restarted), dropping that one: the device's CoAP
 * retransmission finds the session in place.
 */
final class SecuredClusterConnector extends DtlsManagedClusterConnector {
  private static final Logger LOG = LoggerFactory.getLogger("org.lwm2m4j.dtls");
  /** What a node sends another over the channel to start the handshake; ignored where it arrives. */
  private static final byte[] HELLO = {0};

  /** The most records held for one node while the channel to it is being secured. */
  private static final int MAX_HELD = 64;

  /** Nodes a handshake is under way with, so that a burst of records starts only one. */
  private final Set<InetSocketAddress> handshaking = ConcurrentHashMap.newKeySet();
  /** Records for nodes the channel is being secured to, copied (the receiver reuses its buffer). */
  private final Map<InetSocketAddress, List<DatagramPacket>> held = new ConcurrentHashMap<>();

  SecuredClusterConnector(DtlsConnectorConfig config, DtlsClusterConnectorConfig cluster, ClusterNodesProvider nodes) {
    super(config, cluster);
    setClusterNodesProvider(nodes);
    getClusterManagementConnector().setRawDataReceiver(raw -> { });
  }

  @Override
  protected void sendDatagramToClusterNetwork(DatagramPacket clusterPacket) throws IOException {
    InetSocketAddress node = (InetSocketAddress) clusterPacket.getSocketAddress();
    if (hasSessionWith(node)) {
      super.sendDatagramToClusterNetwork(clusterPacket);
      return;
    }
    byte[] bytes = Arrays.copyOfRange(clusterPacket.getData(), clusterPacket.getOffset(),
        clusterPacket.getOffset() + clusterPacket.getLength());
    held.compute(node, (key, records) -> {
      List<DatagramPacket> list = records == null ? new ArrayList<>() : records;
      if (list.size() < MAX_HELD) {
        list.add(new DatagramPacket(bytes, bytes.length, node));
      }
      return list;
    });
    handshakeWith(node);
  }

  /** Sends what was held for {@code node} now that the channel to it is secured. */
  private void release(InetSocketAddress node) {
    List<DatagramPacket> records = held.remove(node);
    if (records == null) {
      return;
    }
    for (DatagramPacket record : records) {
      try {
        super.sendDatagramToClusterNetwork(record);
      } catch (IOException e) {
        LOG.debug("DTLS cluster node {}: cannot forward a held record to {}: {}", getNodeID(), node, e.getMessage());
      }
    }
  }

  @Override
  protected void processDatagramFromClusterNetwork(Byte type, DatagramPacket clusterPacket) throws IOException {
    InetSocketAddress node = (InetSocketAddress) clusterPacket.getSocketAddress();
    if (!hasSessionWith(node)) {
      // the other node still holds a session this one lost: a new handshake replaces it on both sides
      handshakeWith(node);
      return;
    }
    super.processDatagramFromClusterNetwork(type, clusterPacket);
  }

  private boolean hasSessionWith(InetSocketAddress node) {
    return ((DTLSConnector) getClusterManagementConnector()).getDtlsContextByAddress(node) != null;
  }

  private void handshakeWith(InetSocketAddress node) {
    if (!handshaking.add(node)) {
      return;
    }
    LOG.info("DTLS cluster node {}: securing the internal channel to {}", getNodeID(), node);
    getClusterManagementConnector().send(RawData.outbound(HELLO, new AddressEndpointContext(node), new MessageCallback() {
      @Override
      public void onConnecting() {}

      @Override
      public void onDtlsRetransmission(int flight) {}

      @Override
      public void onContextEstablished(EndpointContext context) {}

      @Override
      public void onSent() {
        handshaking.remove(node);
        release(node);
      }

      @Override
      public void onError(Throwable error) {
        handshaking.remove(node);
        held.remove(node);
        LOG.warn("DTLS cluster node {}: cannot secure the internal channel to {} (is the cluster secret the same on every node?): {}",
            getNodeID(), node, error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName());
      }
    }, false));
  }
}
