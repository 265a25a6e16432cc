package org.lwm2m4j.client.registration;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.IntConsumer;
import org.lwm2m4j.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's channel for {@link ServerAction server actions}: the Server object instances
 * ({@link ServerInstance}) publish what a server executed, and the parts that act on it subscribe
 * — the {@link RegistrationEngine} to Disable and the Update Trigger, the bootstrap client to the
 * Bootstrap-Request Trigger.
 *
 * <p>This is how the client breaks the cycle of its wiring (the object tree holds the Server
 * instances, whose actions drive the engine, which reads the tree): the tree is built with this
 * channel only, and whoever acts on an action subscribes once it exists. No part holds a reference
 * it has to fill in later.
 *
 * <p>An action is delivered on the client's {@link Scheduler} {@link #AFTER_THE_ANSWER} after it was
 * published, so the 2.04 to the Execute leaves before, e.g., the De-register a Disable causes.
 * Thread-safe; lives as long as the client.
 */
public final class ServerActions {
  private static final Logger LOG = LoggerFactory.getLogger(ServerActions.class);
  /** How long after an Execute its action runs: long enough for the response to leave first. */
  public static final Duration AFTER_THE_ANSWER = Duration.ofMillis(50);

  private final Scheduler scheduler;
  private final Map<ServerAction.Kind, List<IntConsumer>> subscribers = new EnumMap<>(ServerAction.Kind.class);

  public ServerActions(Scheduler scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    for (ServerAction.Kind kind : ServerAction.Kind.values()) {
      subscribers.put(kind, new CopyOnWriteArrayList<>());
    }
  }

  /** {@code subscriber} is given the Short Server ID of each server that asks for {@code kind}. */
  public void subscribe(ServerAction.Kind kind, IntConsumer subscriber) {
    subscribers.get(Objects.requireNonNull(kind, "kind")).add(Objects.requireNonNull(subscriber, "subscriber"));
  }

  /**
   * Delivers {@code action} to its subscribers shortly, on the scheduler. An action published
   * while the client stops (its scheduler closed) is dropped: there is nothing left to act.
   */
  public void publish(ServerAction action) {
    List<IntConsumer> targets = subscribers.get(action.kind());
    try {
      scheduler.schedule(AFTER_THE_ANSWER, () -> {
        if (targets.isEmpty()) {
          LOG.warn("server {} executed /1/x/{}, but nothing in this client acts on it", action.shortServerId(),
              action.kind().resourceId());
        }
        targets.forEach(target -> target.accept(action.shortServerId()));
      });
    } catch (RejectedExecutionException stopping) {
      LOG.debug("client stopping; dropped {}", action);
    }
  }
}
