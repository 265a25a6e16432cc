package org.lwm2m4j.transport;

import java.net.InetSocketAddress;

/**
 * The serving side of one RFC 7641 observation: the peer that asked, its token, and the way to push
 * notifications to it. The transport numbers notifications (Observe option), retransmits CON ones
 * and ends the relation when the peer answers a notification with RST, sends a GET with Observe =
 * 1, or when a notification carries an error code.
 */
public interface ObserveRelation {
  /** The observer's address. */
  InetSocketAddress peer();

  /** The token of the observe request (a copy). */
  byte[] token();

  /**
   * Sends {@code notification} to the observer, as a confirmable message if {@code confirmable}.
   * Notifications that follow each other faster than the network drains them are coalesced to the
   * newest, as RFC 7641 §4.5.2 allows. Ignored once the relation is cancelled.
   */
  void notify(CoapResponse notification, boolean confirmable);

  /** Runs {@code listener} once when the relation ends, whichever side ends it. */
  void onCancel(Runnable listener);

  /** True until the relation ends. */
  boolean isActive();

  /** Ends the relation from the serving side, without telling the peer. */
  void cancel();
}
