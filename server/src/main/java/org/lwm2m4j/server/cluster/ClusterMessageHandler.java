package org.lwm2m4j.server.cluster;

/** Receives the messages of one {@link ClusterBus} topic. */
@FunctionalInterface
public interface ClusterMessageHandler {
  /** {@code message} came from node {@code from}. */
  void received(String from, byte[] message);
}
