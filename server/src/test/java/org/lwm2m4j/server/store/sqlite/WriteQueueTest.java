package org.lwm2m4j.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriteQueueTest {
  private static final Duration GAP = Duration.ofMillis(1);

  /** Time as the queue sees it: moves only when a test moves it. */
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  private WriteQueue queue(int maxBatch) {
    return new WriteQueue(100, maxBatch, GAP, nanos::get);
  }

  private static Dirty<String> change(String key) {
    return new Dirty<>(null, key);
  }

  private static CompletableFuture<WriteQueue.Batch> takeAsync(WriteQueue queue) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return queue.take().orElseThrow();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  @Test
  void aChangeAfterAQuietSpellIsTakenAtOnce() throws Exception {
    WriteQueue queue = queue(10);
    queue.add(change("a"));

    assertThat(queue.take().orElseThrow().changes()).hasSize(1);
  }

  @Test
  void changesArrivingRightAfterABatchWaitForTheGapAndShareOneBatch() throws Exception {
    WriteQueue queue = queue(10);
    queue.add(change("a"));
    queue.take().orElseThrow();

    queue.add(change("b"));
    CompletableFuture<WriteQueue.Batch> next = takeAsync(queue);
    queue.add(change("c"));
    queue.add(change("d"));
    nanos.addAndGet(GAP.toNanos());

    assertThat(next.get(10, TimeUnit.SECONDS).changes()).extracting(change -> (Object) change.key()).containsExactly("b", "c", "d");
  }

  @Test
  void aFullBatchIsTakenWithoutWaitingForTheGap() throws Exception {
    WriteQueue queue = queue(3);
    queue.add(change("a"));
    queue.take().orElseThrow();

    queue.add(change("b"));
    CompletableFuture<WriteQueue.Batch> next = takeAsync(queue);
    queue.add(change("c"));
    queue.add(change("d"));

    assertThat(next.get(10, TimeUnit.SECONDS).changes()).hasSize(3);
  }

  @Test
  void closingTakesWhatWaitsWithoutWaitingForTheGap() throws Exception {
    WriteQueue queue = queue(10);
    queue.add(change("a"));
    queue.take().orElseThrow();
    queue.add(change("b"));
    CompletableFuture<WriteQueue.Batch> next = takeAsync(queue);

    queue.close();

    assertThat(next.get(10, TimeUnit.SECONDS).changes()).hasSize(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> queue.take().isEmpty());
  }

  @Test
  void whatIsQueuedDuringTheGapIsPersistedByTheBatchThatTakesIt() throws Exception {
    WriteQueue queue = queue(10);
    queue.add(change("a"));
    queue.take().orElseThrow();
    queue.add(change("b"));
    CompletableFuture<Void> persisted = queue.persisted();
    CompletableFuture<WriteQueue.Batch> next = takeAsync(queue);
    nanos.addAndGet(GAP.toNanos());

    WriteQueue.Batch batch = next.get(10, TimeUnit.SECONDS);
    assertThat(persisted).isNotDone();
    batch.done().complete(null);
    assertThat(persisted).isDone();
  }
}
