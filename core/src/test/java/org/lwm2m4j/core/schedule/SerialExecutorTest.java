package org.lwm2m4j.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
  private final VirtualScheduler scheduler = new VirtualScheduler();

  @Test
  void tasksRunOneAtATimeInOrder() {
    SerialExecutor serial = new SerialExecutor(scheduler, 1000);
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      serial.execute(() -> ran.add(n));
    }
    scheduler.runPending();
    assertThat(ran).hasSize(200).isSorted();
    assertThat(serial.waiting()).isZero();
  }

  @Test
  void pastItsCapacityItRefuses() {
    SerialExecutor serial = new SerialExecutor(scheduler, 2);
    serial.execute(() -> { });
    serial.execute(() -> { });
    assertThatThrownBy(() -> serial.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    scheduler.runPending();
    serial.execute(() -> { });
  }

  @Test
  void aFailingTaskDoesNotStopTheNext() {
    SerialExecutor serial = new SerialExecutor(scheduler, 10);
    List<String> ran = new ArrayList<>();
    serial.execute(() -> {
      throw new IllegalStateException("boom");
    });
    serial.execute(() -> ran.add("next"));
    scheduler.runPending();
    assertThat(ran).containsExactly("next");
  }
}
