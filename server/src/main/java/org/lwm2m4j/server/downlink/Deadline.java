package org.lwm2m4j.server.downlink;

import java.util.concurrent.CompletableFuture;
import org.lwm2m4j.core.schedule.Scheduler;
import org.lwm2m4j.transport.CoapResponse;

/**
 * Fails an exchange with a {@link java.util.concurrent.TimeoutException} once its timeout passed on
 * the scheduler's time, whatever the endpoint below does; the endpoint is given the same timeout,
 * so it gives the exchange up at the same moment.
 */
final class Deadline implements Exchange {
  private final Scheduler scheduler;
  private final Exchange next;

  Deadline(Scheduler scheduler, Exchange next) {
    this.scheduler = scheduler;
    this.next = next;
  }

  @Override
  public CompletableFuture<CoapResponse> exchange(DeviceMessage message) {
    CompletableFuture<CoapResponse> answer = new CompletableFuture<>();
    next.exchange(message).whenComplete((response, failure) -> {
      if (failure != null) {
        answer.completeExceptionally(failure);
      } else {
        answer.complete(response);
      }
    });
    return scheduler.timeout(answer, message.timeout(), () -> message.registration().endpoint() + " did not answer "
        + message.request().method() + " " + message.request().pathText() + " within " + message.timeout().toMillis() + " ms");
  }
}
