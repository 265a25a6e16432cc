package org.lwm2m4j.server.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.server.registration.Registration;

/**
 * Whether a queue-mode client is awake: for a while after each message it sends (Register, Update,
 * a notification, Send) it listens; after that it is taken to be asleep. Clients not in queue mode
 * are always awake.
 */
public final class Presence {
  private final Clock clock;
  private final Duration awakeTime;
  private final Map<String, Long> awakeUntil = new ConcurrentHashMap<>();

  /** @param awakeTime how long a client listens after its last message (CoAP MAX_TRANSMIT_WAIT, 93 s, by default) */
  public Presence(Clock clock, Duration awakeTime) {
    this.clock = clock;
    this.awakeTime = awakeTime;
  }

  /** The client of {@code registration} just sent something. */
  public void markAwake(Registration registration) {
    awakeUntil.put(registration.id(), clock.millis() + awakeTime.toMillis());
  }

  public boolean isAwake(Registration registration) {
    if (!registration.queueMode()) {
      return true;
    }
    Long until = awakeUntil.get(registration.id());
    return until != null && clock.millis() < until;
  }

  /** When the client of {@code registration} was last heard from, if it was since the server started. */
  public Optional<Instant> lastHeard(Registration registration) {
    Long until = awakeUntil.get(registration.id());
    return until == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until - awakeTime.toMillis()));
  }

  /** Forgets a registration that ended. */
  public void forget(String registrationId) {
    awakeUntil.remove(registrationId);
  }
}
