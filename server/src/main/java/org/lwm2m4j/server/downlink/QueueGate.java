package org.lwm2m4j.server.downlink;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.QueuedRequest;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.queue.RequestQueuedException;

/**
 * Queue mode (LwM2M 1.1 §6.5): a request for a queue-mode client that sleeps is held in the {@link
 * RequestQueue}, and its future fails at once with {@link RequestQueuedException}, which carries
 * the queued request; its result completes once the client wakes and answers. A flushed request
 * continues down the chain from here, for the registration as it is then. A client that can be
 * woken by SMS is sent one ({@link SmsWakeUp}) when a request is queued for it.
 */
final class QueueGate implements DownlinkFilter {
  private final RequestQueue queue;
  private final Presence presence;
  private final Optional<SmsWakeUp> wakeUp;

  QueueGate(RequestQueue queue, Presence presence, Optional<SmsWakeUp> wakeUp) {
    this.queue = Objects.requireNonNull(queue, "queue");
    this.presence = Objects.requireNonNull(presence, "presence");
    this.wakeUp = Objects.requireNonNull(wakeUp, "wakeUp");
  }

  @Override
  public <T> CompletableFuture<T> filter(DeviceRequest<T> request, Downlink next) {
    if (presence.isAwake(request.registration())) {
      return next.send(request);
    }
    try {
      QueuedRequest queued = queue.enqueue(request.registration(), request.operation(), request.path().map(LwM2mPath::toString),
          current -> next.send(request.on(current)));
      wakeUp.ifPresent(sms -> sms.queued(request.registration(), next));
      return CompletableFuture.failedFuture(new RequestQueuedException(queued));
    } catch (RuntimeException full) {
      return CompletableFuture.failedFuture(full);
    }
  }
}
