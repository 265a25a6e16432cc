package org.lwm2m4j.transport.twin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.lwm2m4j.core.schedule.Scheduler;

/**
 * The receiver's side of RFC 7252 §4.5 deduplication: every CON and NON message taken in is
 * remembered for EXCHANGE_LIFETIME with the answer it got, so that a retransmitted or duplicated
 * copy reaches nobody above the transport and a CON copy gets the same answer again. A copy of a
 * request whose response is not ready yet is ignored, as Californium does.
 */
final class ReceivedMessages {
  private final Scheduler scheduler;
  private final Duration lifetime;
  /** The answer sent for each message, or empty while its response is being made. */
  private final Map<MessageKey, Optional<TwinDatagram>> answers = new HashMap<>();

  ReceivedMessages(Scheduler scheduler, Duration lifetime) {
    this.scheduler = scheduler;
    this.lifetime = lifetime;
  }

  /**
   * Records {@code key} as taken in if it is new.
   *
   * @return true the first time, false for a copy
   */
  boolean firstTime(MessageKey key) {
    synchronized (this) {
      if (answers.containsKey(key)) {
        return false;
      }
      answers.put(key, Optional.empty());
    }
    scheduler.schedule(lifetime, () -> forget(key));
    return true;
  }

  /** Keeps {@code answer} to resend it when a copy of the message comes in. */
  synchronized void answered(MessageKey key, TwinDatagram answer) {
    answers.replace(key, Optional.of(answer));
  }

  /** The answer to resend for a copy of {@code key} (its attempt number counted up), if one was sent. */
  synchronized Optional<TwinDatagram> answerAgain(MessageKey key) {
    Optional<TwinDatagram> answer = answers.getOrDefault(key, Optional.empty()).map(sent -> sent.attempt(sent.attempt() + 1));
    answer.ifPresent(again -> answers.replace(key, Optional.of(again)));
    return answer;
  }

  private synchronized void forget(MessageKey key) {
    answers.remove(key);
  }

  /** How many messages are remembered now. */
  synchronized int size() {
    return answers.size();
  }
}
