package org.lwm2m4j.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final List<String> ran = new ArrayList<>();

  @Test
  void nothingRunsUntilTimeAdvances() {
    scheduler.execute(() -> ran.add("now"));
    scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("later"));
    assertThat(ran).isEmpty();
    scheduler.runPending();
    assertThat(ran).containsExactly("now");
    scheduler.advance(Duration.ofMillis(999));
    assertThat(ran).containsExactly("now");
    scheduler.advance(Duration.ofMillis(1));
    assertThat(ran).containsExactly("now", "later");
  }

  @Test
  void tasksRunInTimeOrderWithTheClockAtTheirDueTime() {
    List<Long> seen = new ArrayList<>();
    scheduler.schedule(Duration.ofSeconds(3), () -> seen.add(scheduler.elapsed().toSeconds()));
    scheduler.schedule(Duration.ofSeconds(1), () -> seen.add(scheduler.elapsed().toSeconds()));
    scheduler.schedule(Duration.ofSeconds(2), () -> seen.add(scheduler.elapsed().toSeconds()));
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(seen).containsExactly(1L, 2L, 3L);
    assertThat(scheduler.elapsed()).isEqualTo(Duration.ofSeconds(10));
    assertThat(scheduler.now()).isEqualTo(java.time.Instant.parse("2026-01-01T00:00:10Z"));
  }

  @Test
  void tasksSubmittedByTasksRunInTheSameAdvanceWhenDue() {
    scheduler.schedule(Duration.ofSeconds(1), () -> {
      ran.add("first");
      scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("second"));
      scheduler.schedule(Duration.ofSeconds(5), () -> ran.add("too late"));
    });
    scheduler.advance(Duration.ofSeconds(3));
    assertThat(ran).containsExactly("first", "second");
  }

  @Test
  void aRepeatingTaskRunsEveryPeriodUntilCancelled() {
    Scheduler.Task task = scheduler.repeat(Duration.ofSeconds(1), Duration.ofSeconds(2), () -> ran.add("tick"));
    scheduler.advance(Duration.ofSeconds(6));
    assertThat(ran).hasSize(3);
    assertThat(task.cancel()).isTrue();
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(ran).hasSize(3);
    assertThat(task.isDone()).isTrue();
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void aRepeatingTaskCanCancelItself() {
    Scheduler.Task[] self = new Scheduler.Task[1];
    self[0] = scheduler.repeat(Duration.ZERO, Duration.ofSeconds(1), () -> {
      ran.add("tick");
      if (ran.size() == 2) {
        self[0].cancel();
      }
    });
    scheduler.advance(Duration.ofSeconds(10));
    assertThat(ran).hasSize(2);
  }

  @Test
  void aCancelledTaskDoesNotRunAndAFinishedOneCannotBeCancelled() {
    Scheduler.Task cancelled = scheduler.schedule(Duration.ofSeconds(1), () -> ran.add("no"));
    Scheduler.Task finished = scheduler.schedule(Duration.ZERO, () -> ran.add("yes"));
    assertThat(cancelled.cancel()).isTrue();
    scheduler.advance(Duration.ofSeconds(2));
    assertThat(ran).containsExactly("yes");
    assertThat(finished.isDone()).isTrue();
    assertThat(finished.cancel()).isFalse();
  }

  @Test
  void aFailingTaskDoesNotStopTheOthersAndIsRethrown() {
    scheduler.execute(() -> {
      throw new IllegalStateException("boom");
    });
    scheduler.execute(() -> ran.add("after"));
    assertThatThrownBy(scheduler::runPending).hasMessage("boom");
    assertThat(ran).containsExactly("after");
  }

  @Test
  void timeoutFailsAFutureOnVirtualTime() {
    CompletableFuture<String> slow = scheduler.timeout(new CompletableFuture<>(), Duration.ofSeconds(5), () -> "no answer");
    CompletableFuture<String> fast = scheduler.timeout(new CompletableFuture<>(), Duration.ofSeconds(5), () -> "no answer");
    fast.complete("ok");
    scheduler.advance(Duration.ofSeconds(4));
    assertThat(slow).isNotDone();
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(slow).isCompletedExceptionally();
    assertThatThrownBy(slow::join).hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("no answer");
    assertThat(fast).isCompletedWithValue("ok");
    assertThat(scheduler.pendingTasks()).isZero();
  }

  @Test
  void advanceFromATaskIsRefused() {
    scheduler.execute(() -> scheduler.advance(Duration.ofSeconds(1)));
    assertThatThrownBy(scheduler::runPending).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aTaskThatKeepsResubmittingItselfIsStopped() {
    Runnable[] loop = new Runnable[1];
    loop[0] = () -> scheduler.execute(loop[0]);
    scheduler.execute(loop[0]);
    assertThatThrownBy(scheduler::runPending).isInstanceOf(IllegalStateException.class).hasMessageContaining("reschedules");
  }

  @Test
  void manyCancelledTimersDoNotPileUp() {
    for (int i = 0; i < 10_000; i++) {
      scheduler.schedule(Duration.ofHours(1), () -> ran.add("no")).cancel();
    }
    scheduler.schedule(Duration.ofHours(1), () -> ran.add("yes"));
    assertThat(scheduler.pendingTasks()).isEqualTo(1);
    scheduler.advance(Duration.ofHours(2));
    assertThat(ran).containsExactly("yes");
    assertThat(scheduler.pendingTasks()).isZero();
  }
}
