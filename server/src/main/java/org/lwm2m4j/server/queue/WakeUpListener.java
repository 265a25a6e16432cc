package org.lwm2m4j.server.queue;

/**
 * Told of every wake-up SMS the server sends to a sleeping queue-mode client. Runs on the server's
 * event executor, in order, never on a network thread.
 */
@FunctionalInterface
public interface WakeUpListener {
  /** {@code sms} has just been handed to the SMS endpoint. */
  void sent(WakeUpSms sms);
}
