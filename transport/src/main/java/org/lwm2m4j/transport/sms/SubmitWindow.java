package org.lwm2m4j.transport.sms;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.lwm2m4j.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMPP window: at most {@code window} {@code submit_sm} await their response; more SMS wait in a
 * queue of at most {@code capacity}, in order, for at most {@code maxWait} (also while the session to
 * the SMSC is down). A full queue refuses an SMS at once (its CoAP exchange then fails with an {@link
 * IOException}); one that waited too long is dropped, and the CoAP retransmission sends it again.
 *
 * <p>Thread-safe. Submissions start on the caller's thread or, after a response, on the scheduler.
 */
final class SubmitWindow {
  private static final Logger LOG = LoggerFactory.getLogger(SubmitWindow.class);
  /** How long the SMSC may take to answer a {@code submit_sm} (SMPP's transaction timer). */
  static final Duration SUBMIT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);

  /** One SMS to submit, queued at {@code queuedAt} (scheduler nanoseconds). */
  record Outgoing(String source, String destination, SmsPart part, long queuedAt) {}

  /** Writes one {@code submit_sm}; the future completes with the message id on its response. */
  interface Submitter {
    CompletableFuture<String> submit(String source, String destination, SmsPart part, boolean receipt);
  }

  /** Where SMS go: the bound session, if there is one. */
  interface Sessions {
    Optional<? extends Submitter> bound();
  }

  /** What the window tells about each SMS. */
  interface Outcomes {
    void submitted(Outgoing sms, String messageId);

    void dropped(Outgoing sms, SmsDrop cause, String detail);
  }

  private final int window;
  private final int capacity;
  private final long maxWaitNanos;
  private final boolean receipts;
  private final Scheduler scheduler;
  private final Sessions sessions;
  private final Outcomes outcomes;
  private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
  private int inFlight;

  SubmitWindow(SmppSettings settings, Scheduler scheduler, Sessions sessions, Outcomes outcomes) {
    this.window = settings.window();
    this.capacity = settings.queue();
    this.maxWaitNanos = settings.queueTimeout().toNanos();
    this.receipts = settings.deliveryReceipts();
    this.scheduler = scheduler;
    this.sessions = sessions;
    this.outcomes = outcomes;
  }

  /**
   * Queues the parts of one message, all or none, and submits what the window allows.
   *
   * @throws IOException if the queue has no room for them
   */
  void offer(List<Outgoing> parts) throws IOException {
    synchronized (this) {
      if (queue.size() + parts.size() > capacity + (window - inFlight)) {
        throw new IOException("the SMS send queue is full (" + queue.size() + " waiting, " + inFlight
            + " awaiting the SMSC): the SMSC is slow or away");
      }
      queue.addAll(parts);
    }
    pump();
  }

  /** Submits queued SMS while the window has room and a session is bound. */
  void pump() {
    Optional<? extends Submitter> session = sessions.bound();
    if (session.isEmpty()) {
      return;
    }
    List<Outgoing> now = new ArrayList<>();
    synchronized (this) {
      while (inFlight < window && !queue.isEmpty()) {
        now.add(queue.poll());
        inFlight++;
      }
    }
    for (Outgoing sms : now) {
      CompletableFuture<String> answered = session.get().submit(sms.source(), sms.destination(), sms.part(), receipts);
      scheduler.timeout(answered, SUBMIT_RESPONSE_TIMEOUT, () -> "the SMSC did not answer a submit_sm to "
          + sms.destination() + " within " + SUBMIT_RESPONSE_TIMEOUT.toSeconds() + " s");
      answered.whenCompleteAsync((id, failure) -> answered(sms, id, failure), scheduler);
    }
  }

  /** Drops the SMS that have waited longer than allowed. */
  void expire(long now) {
    List<Outgoing> expired = new ArrayList<>();
    synchronized (this) {
      while (!queue.isEmpty() && now - queue.peek().queuedAt() >= maxWaitNanos) {
        expired.add(queue.poll());
      }
    }
    for (Outgoing sms : expired) {
      outcomes.dropped(sms, SmsDrop.QUEUE_TIMEOUT, "it waited " + Duration.ofNanos(maxWaitNanos).toMillis()
          + " ms for the SMSC");
    }
  }

  /** How many SMS wait for the window. */
  synchronized int waiting() {
    return queue.size();
  }

  private void answered(Outgoing sms, String id, Throwable failure) {
    synchronized (this) {
      inFlight--;
    }
    if (failure == null) {
      outcomes.submitted(sms, id);
    } else {
      Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
      LOG.debug("submit_sm to {} failed: {}", sms.destination(), cause.getMessage());
      outcomes.dropped(sms, SmsDrop.SUBMIT_FAILED, String.valueOf(cause.getMessage()));
    }
    pump();
  }
}
