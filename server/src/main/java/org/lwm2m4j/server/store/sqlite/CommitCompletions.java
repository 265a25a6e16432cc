package org.lwm2m4j.server.store.sqlite;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.lwm2m4j.core.schedule.SerialExecutor;

/**
 * Completes the writer's batch futures off its thread and in commit order: what waits on them
 * (CoAP responses) must not slow writing. Runs on the executor the store was given (which must
 * outlive it), else on one daemon thread of its own, stopped at {@link #close()}; if the executor
 * stopped first, the writer completes the future itself.
 */
final class CommitCompletions implements AutoCloseable {
  private final Optional<ExecutorService> ownThread;
  private final Executor lane;

  CommitCompletions(Optional<Executor> executor, int capacity) {
    this.ownThread = executor.isPresent() ? Optional.empty() : Optional.of(Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lwm2m-store-commits");
      thread.setDaemon(true);
      return thread;
    }));
    this.lane = new SerialExecutor(executor.orElseGet(ownThread::get), capacity);
  }

  /** Completes {@code batch} with {@code failure}, or normally when there is none. */
  void complete(WriteQueue.Batch batch, Optional<? extends Throwable> failure) {
    Runnable completion = () -> failure.ifPresentOrElse(batch.done()::completeExceptionally, () -> batch.done().complete(null));
    try {
      lane.execute(completion);
    } catch (RejectedExecutionException stopped) {
      completion.run();
    }
  }

  @Override
  public void close() {
    ownThread.ifPresent(ExecutorService::shutdown);
  }
}
