package org.lwm2m4j.transport.twin;

import java.time.Duration;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapSettings;

/**
 * What carries the datagrams of {@link TwinEndpoint}s: the in-memory {@link TwinNetwork}, or
 * {@link TwinWire}, which sends them as CoAP bytes on a real socket. The endpoints' state machines
 * (retransmission, deduplication, observe) are the same on both.
 */
interface TwinCarrier {

  /**
   * Sends {@code datagram} now or decides its fate.
   *
   * @return what became of it; {@link TwinExchange.Fate#UNREACHABLE} or {@link
   *     TwinExchange.Fate#REFUSED} stop a confirmable message's retransmission at once
   */
  TwinExchange.Fate transmit(TwinDatagram datagram);

  /** Where timers and deliveries run. */
  Scheduler scheduler();

  /** ACK_TIMEOUT and MAX_RETRANSMIT of the endpoints. */
  CoapSettings settings();

  /** {@code n} random bytes, e.g. a token. */
  byte[] randomBytes(int n);

  /** The first retransmission timeout of one CON message: ACK_TIMEOUT times a random factor in [1, 1.5). */
  Duration initialTimeout();

  /** Forgets {@code endpoint}, which is closing: nothing reaches it any more. */
  void unbind(TwinEndpoint endpoint);

  /** Whether the datagrams never touch a socket. */
  boolean isInMemory();
}
