package org.lwm2m4j.server.observation;

/**
 * Told about notifications and ended observations, on the observation service's event thread
 * (never a network thread), in arrival order.
 */
public interface NotificationListener {
  void notified(Notification notification);

  /** A notification arrived that could not be decoded; the observation stays. */
  default void failed(Observation observation, String reason) {}
}
