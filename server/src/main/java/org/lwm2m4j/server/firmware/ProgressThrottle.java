package org.lwm2m4j.server.firmware;

import java.time.Duration;
import java.time.Instant;
import org.lwm2m4j.core.schedule.Scheduler;

/**
 * Which of a download's progress reports a firmware job publishes: one that moves the download on
 * by {@link #STEP_PERCENT} % or more, or completes it, at once; others at most once per {@link
 * #INTERVAL}, the latest of them after the interval (on the scheduler), so a slow download still
 * shows its bytes and a fast one does not flood the listeners with a change per block. Not
 * thread-safe: the job calls it holding its lock.
 */
final class ProgressThrottle {
  static final int STEP_PERCENT = 5;
  static final Duration INTERVAL = Duration.ofSeconds(1);

  private final Scheduler scheduler;
  private final Runnable flush;
  private int publishedPercent;
  private Instant publishedAt = Instant.MIN;
  private Scheduler.Task pending;

  /** @param flush publishes the job's latest progress, when a held-back report is due */
  ProgressThrottle(Scheduler scheduler, Runnable flush) {
    this.scheduler = scheduler;
    this.flush = flush;
  }

  /** Whether progress at {@code percent} is published now; if not, a publish follows within the interval. */
  boolean due(int percent, boolean complete) {
    Instant now = scheduler.now();
    Instant next = publishedAt.equals(Instant.MIN) ? now : publishedAt.plus(INTERVAL);
    if (complete || percent >= publishedPercent + STEP_PERCENT || !now.isBefore(next)) {
      return true;
    }
    if (pending == null) {
      pending = scheduler.schedule(Duration.between(now, next), flush);
    }
    return false;
  }

  /** The job published its status with progress at {@code percent}: held-back reports are in it. */
  void published(int percent) {
    publishedPercent = percent;
    publishedAt = scheduler.now();
    cancel();
  }

  /** Drops a held-back report (the job ended or published anyway). */
  void cancel() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }
}
