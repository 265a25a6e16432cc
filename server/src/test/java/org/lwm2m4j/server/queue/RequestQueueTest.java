package org.lwm2m4j.server.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ErrorResponseException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.server.registration.Registration;

/** Requests held for a sleeping client, on virtual time: capacity, time to live, flush order. */
class RequestQueueTest {
  private static final Duration TTL = Duration.ofMinutes(10);
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final RequestQueue queue = new RequestQueue(3, TTL, scheduler);
  private final Registration sleeper = Registration.builder("reg1", "sleeper", new InetSocketAddress("127.0.0.1", 5690))
      .queueMode(true).build();
  private final List<String> sent = new ArrayList<>();

  @AfterEach
  void close() {
    queue.close();
  }

  /** Queues {@code name}; when sent it completes {@code answer}, which the test completes as the device's answer. */
  private QueuedRequest enqueue(String name, CompletableFuture<Object> answer) {
    return queue.enqueue(sleeper, name, Optional.of("/3/0/9"), current -> {
      sent.add(name + " to " + current.address().getPort());
      return answer;
    });
  }

  private QueuedRequest enqueue(String name) {
    return enqueue(name, CompletableFuture.completedFuture(name + " answered"));
  }

  @Test
  void aFullQueueRefusesWith503() {
    enqueue("a");
    enqueue("b");
    enqueue("c");
    assertThatThrownBy(() -> enqueue("d")).isInstanceOf(ErrorResponseException.class)
        .hasMessageContaining("already has 3 requests queued")
        .satisfies(e -> assertThat(((ErrorResponseException) e).code()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE));
    assertThat(queue.depth(sleeper.id())).isEqualTo(3);
    assertThat(queue.total()).isEqualTo(3);
  }

  @Test
  void aRequestExpiresAfterItsTimeToLiveOnVirtualTime() {
    QueuedRequest request = enqueue("read");
    assertThat(request.expiresAt()).isEqualTo(scheduler.now().plus(TTL));
    scheduler.advance(TTL.minusSeconds(1));
    assertThat(request.result()).as("still waiting a second before it expires").isNotDone();
    // expiry is checked every quarter of the time to live, at most every second
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(request.result()).isCompletedExceptionally();
    assertThatThrownBy(() -> request.result().join()).isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("the client did not wake");
    assertThat(queue.depth(sleeper.id())).isZero();
    assertThat(queue.find(request.id())).as("still findable once finished").contains(request);
  }

  @Test
  void aWokenClientGetsItsRequestsInOrderOneAfterTheOther() {
    CompletableFuture<Object> first = new CompletableFuture<>();
    QueuedRequest a = enqueue("a", first);
    QueuedRequest b = enqueue("b");
    QueuedRequest c = enqueue("c");
    Registration woken = Registration.builder(sleeper.id(), sleeper.endpoint(), new InetSocketAddress("127.0.0.1", 5691))
        .queueMode(true).build();

    queue.drain(woken);
    assertThat(sent).as("the next waits for the answer to the first").containsExactly("a to 5691");
    first.complete("a answered");
    assertThat(sent).containsExactly("a to 5691", "b to 5691", "c to 5691");
    assertThat(List.of(a.result().join(), b.result().join(), c.result().join()))
        .containsExactly("a answered", "b answered", "c answered");
    assertThat(queue.depth(sleeper.id())).isZero();
  }

  @Test
  void aFailedRequestDoesNotStopTheFlush() {
    QueuedRequest a = enqueue("a", CompletableFuture.failedFuture(new IllegalStateException("refused")));
    QueuedRequest b = enqueue("b");
    queue.drain(sleeper);
    assertThat(a.result()).isCompletedExceptionally();
    assertThat(b.result().join()).isEqualTo("b answered");
  }

  @Test
  void anEndedRegistrationFailsWhatWaitedForIt() {
    QueuedRequest a = enqueue("a");
    queue.forget(sleeper);
    assertThatThrownBy(() -> a.result().join()).hasCauseInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ended before the request was sent");
    queue.drain(sleeper);
    assertThat(sent).isEmpty();
  }

  @Test
  void closingStopsTheExpiryTimer() {
    queue.close();
    assertThat(scheduler.pendingTasks()).isZero();
  }
}
