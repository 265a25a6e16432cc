package org.lwm2m4j.server.store.redis;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.lwm2m4j.core.schedule.SerialExecutor;
import org.lwm2m4j.server.store.StoreWriteListener;
import java.util.function.Function;

/**
 * Write-through to Redis on the one command connection, whose commands Redis runs and Lettuce
 * completes in the order they were sent.
 *
 * <p>A change is made in memory and its commands sent under one lock, so two changes of one key
 * reach Redis in the order memory saw them; the change's message on the feed is sent last. {@link
 * #persisted()} is the completion of the last change sent, failed if any change sent since the
 * previous completed one failed.
 *
 * <p>A re-read (after another node's change) that comes back while a change of this node to the
 * same key is still on its way is not applied — it may predate that change — but read again once
 * the change is acknowledged; so memory always ends as Redis is.
 */
final class RedisWrites {
  /** The commands of one change, and what the change returns to its caller. */
  record Sent<T>(T value, List<CompletionStage<?>> commands) {
    static <T> Sent<T> nothing(T value) {
      return new Sent<>(value, List.of());
    }
  }

  /** What a change returned, and the future of its acknowledgement by Redis. */
  record Written<T>(T value, CompletableFuture<Void> acknowledged) {}

  /** Acknowledgements and re-reads that may wait for the lane. */
  private static final int LANE_CAPACITY = 1_000_000;

  private final RedisAsyncCommands<String, String> redis;
  private final String self;
  private final Executor completions;
  /**
   * Where acknowledgements and re-reads are handled, in the order Lettuce completed them, off its
   * event loop: they take this object's lock, which a caller holds while Lettuce takes a command.
   */
  private final Executor lane;
  private final List<StoreWriteListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> inFlight = new HashMap<>();
  private final Map<String, Set<ChangeMessage>> deferred = new HashMap<>();
  private Consumer<ChangeMessage> rereader = message -> {};
  private long sent;
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
  private long lastSeq;
  private long completedThrough;
  private long lastFailedSeq;
  private Throwable lastFailure;

  RedisWrites(RedisAsyncCommands<String, String> redis, String self, Executor completions) {
    this.redis = redis;
    this.self = self;
    this.completions = completions;
    this.lane = new SerialExecutor(completions, LANE_CAPACITY);
  }

  /** Who reads a key again when a deferred re-read is due. */
  synchronized void rereadWith(Consumer<ChangeMessage> rereader) {
    this.rereader = rereader;
  }

  /** Reads {@code message}'s key again (deferred while a change of it is on its way). */
  void reread(ChangeMessage message) {
    Consumer<ChangeMessage> current;
    synchronized (this) {
      current = rereader;
    }
    current.accept(message);
  }

  RedisAsyncCommands<String, String> redis() {
    return redis;
  }

  String self() {
    return self;
  }

  /**
   * Runs {@code change} (the memory change, returning the commands it sent) under the lock, then
   * announces it on the feed with {@code detail}. A change that sent nothing is not announced.
   */
  synchronized <T> Written<T> change(ChangeKind kind, String endpoint, String detail,
      Function<RedisAsyncCommands<String, String>, Sent<T>> change) {
    Sent<T> result = change.apply(redis);
    if (result.commands().isEmpty()) {
      return new Written<>(result.value(), CompletableFuture.completedFuture(null));
    }
    String key = RedisKeys.of(kind, endpoint);
    inFlight.merge(key, 1, Integer::sum);
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (CompletionStage<?> command : result.commands()) {
      all.add(command.toCompletableFuture());
    }
    all.add(redis.publish(RedisKeys.CHANNEL, new ChangeMessage(kind, self, detail, endpoint).encode()).toCompletableFuture());
    long seq = ++sent;
    long start = System.nanoTime();
    CompletableFuture<Void> done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    last = done;
    lastSeq = seq;
    done.whenComplete((ignored, failure) -> inLane(() -> acknowledged(key, seq, failure, start)));
    return new Written<>(result.value(), done);
  }

  /**
   * Applies a re-read of {@code message}'s key unless a change of that key is on its way; then
   * the key is read again once it is acknowledged.
   */
  void applyUnlessChanging(ChangeMessage message, Runnable apply) {
    inLane(() -> {
      synchronized (this) {
        String key = RedisKeys.of(message.kind(), message.endpoint());
        if (inFlight.containsKey(key)) {
          deferred.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(message);
        } else {
          apply.run();
        }
      }
    });
  }

  /** Runs {@code task} in the lane; inline if the lane is full or its executor stopped. */
  private void inLane(Runnable task) {
    try {
      lane.execute(task);
    } catch (RejectedExecutionException full) {
      task.run();
    }
  }

  void addListener(StoreWriteListener listener) {
    listeners.add(listener);
  }

  private synchronized void acknowledged(String key, long seq, Throwable failure, long start) {
    for (StoreWriteListener listener : listeners) {
      if (failure == null) {
        listener.committed(1, java.time.Duration.ofNanos(System.nanoTime() - start));
      } else {
        listener.failed(1, failure instanceof Exception e ? e : new RuntimeException(failure));
      }
    }
    completedThrough = Math.max(completedThrough, seq);
    if (failure != null) {
      lastFailedSeq = Math.max(lastFailedSeq, seq);
      lastFailure = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
    if (inFlight.merge(key, -1, Integer::sum) <= 0) {
      inFlight.remove(key);
      Set<ChangeMessage> due = deferred.remove(key);
      if (due != null) {
        due.forEach(rereader);
      }
    }
  }

  /**
   * Completes once every change sent so far is acknowledged, off Lettuce's threads; fails if one
   * of the changes not yet acknowledged at the call failed.
   */
  CompletableFuture<Void> persisted() {
    CompletableFuture<Void> tail;
    long from;
    long to;
    synchronized (this) {
      tail = last;
      from = completedThrough;
      to = lastSeq;
      if (tail.isDone() && !tail.isCompletedExceptionally() && !(lastFailedSeq > from && lastFailedSeq <= to)) {
        return CompletableFuture.completedFuture(null);
      }
    }
    CompletableFuture<Void> result = new CompletableFuture<>();
    tail.whenComplete((ignored, failure) -> {
      Throwable cause;
      synchronized (this) {
        cause = failure != null ? failure : lastFailedSeq > from && lastFailedSeq <= to ? lastFailure : null;
      }
      Throwable unwrapped = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
      complete(result, unwrapped);
    });
    return result;
  }

  /** Completes {@code future} on the completion executor (inline if it stopped). */
  void complete(CompletableFuture<Void> future, Throwable failure) {
    Runnable completion = () -> {
      if (failure == null) {
        future.complete(null);
      } else {
        future.completeExceptionally(failure);
      }
    };
    try {
      completions.execute(completion);
    } catch (RejectedExecutionException stopped) {
      completion.run();
    }
  }
}
