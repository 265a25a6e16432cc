package org.lwm2m4j.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SystemSchedulerTest {

  @Test
  void aRepeatingTaskKeepsRunningAfterOneRunThrows() throws InterruptedException {
    try (SystemScheduler scheduler = SystemScheduler.create("test", 1)) {
      AtomicInteger runs = new AtomicInteger();
      CountDownLatch three = new CountDownLatch(3);
      scheduler.repeat(Duration.ZERO, Duration.ofMillis(1), () -> {
        three.countDown();
        if (runs.incrementAndGet() == 1) {
          throw new IllegalStateException("first run fails");
        }
      });
      assertThat(three.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void closeStopsTheThreads() {
    SystemScheduler scheduler = SystemScheduler.create("test");
    scheduler.close();
    assertThat(scheduler.isClosed()).isTrue();
  }
}
