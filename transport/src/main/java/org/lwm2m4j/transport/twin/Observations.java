package org.lwm2m4j.transport.twin;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.NotificationOrder;

/**
 * The observations a {@link TwinEndpoint} holds on its peers, by token: where each one's
 * notifications go, in RFC 7641 order on the scheduler's clock. A token not held here is answered
 * with Reset.
 */
final class Observations {
  private final Scheduler scheduler;
  private final Map<String, NotificationOrder> byToken = new LinkedHashMap<>();

  Observations(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Holds an observation on {@code token} (replacing one on the same token) and returns its order. */
  NotificationOrder hold(byte[] token, Consumer<CoapResponse> notifications) {
    NotificationOrder order = new NotificationOrder(notifications, scheduler::nanoTime);
    synchronized (this) {
      byToken.put(HexFormat.of().formatHex(token), order);
    }
    return order;
  }

  /** Forgets the observation on {@code token} if it is still {@code order} (a newer one on the token stays). */
  synchronized void release(byte[] token, NotificationOrder order) {
    byToken.remove(HexFormat.of().formatHex(token), order);
  }

  /** Forgets the observation on {@code token}, whichever it is. */
  synchronized void forget(byte[] token) {
    byToken.remove(HexFormat.of().formatHex(token));
  }

  /**
   * The order a notification on {@code token} goes to, if the token is held; a final notification
   * (an error code, or no Observe option) releases the observation.
   */
  synchronized Optional<NotificationOrder> orderFor(String token, CoapResponse notification) {
    NotificationOrder order = byToken.get(token);
    if (order != null && (!notification.code().isSuccess() || notification.observe().isEmpty())) {
      byToken.remove(token);
    }
    return Optional.ofNullable(order);
  }

  synchronized void clear() {
    byToken.clear();
  }
}
