package org.lwm2m4j.client.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a queue-mode client's IP side is awake: for the awake window ({@link
 * RegistrationSettings#awakeWindow()}) after it last sent a Register or Update, extended by each
 * request it serves meanwhile (Transport, queue mode: reachable MAX_TRANSMIT_WAIT after the last
 * message sent or received). Afterwards it sleeps — a real device has its radio off — and
 * requests that reach it over IP go unanswered until its next Register or Update. Its SMS side
 * does not sleep. Thread-safe.
 */
public final class AwakeWindow implements RegistrationListener {
  private final Clock clock;
  private final Duration window;
  private Instant awakeUntil;

  /** Awake from now for {@code window}, as a client that is about to register. */
  public AwakeWindow(Clock clock, Duration window) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
    this.awakeUntil = clock.instant().plus(window);
  }

  @Override
  public void registering(int shortServerId) {
    wake();
  }

  @Override
  public void updating(int shortServerId) {
    wake();
  }

  /** Answered by a server: awake for a whole window from now. */
  @Override
  public void registered(int shortServerId, String location) {
    wake();
  }

  @Override
  public void updated(int shortServerId) {
    wake();
  }

  private synchronized void wake() {
    awakeUntil = clock.instant().plus(window);
  }

  /**
   * Whether a request arriving over IP now finds the client awake; if it does, serving it keeps
   * the client awake for another window.
   */
  public synchronized boolean admit() {
    Instant now = clock.instant();
    if (now.isAfter(awakeUntil)) {
      return false;
    }
    Instant extended = now.plus(window);
    if (extended.isAfter(awakeUntil)) {
      awakeUntil = extended;
    }
    return true;
  }
}
