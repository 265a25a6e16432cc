package org.lwm2m4j.transport.sms.smsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class SmsStoreTest {
  private static SmsStore.Kept sms(String to) {
    return new SmsStore.Kept(ShortMessage.submitted("1", "33600000001", to, new byte[] {0x40}, (byte) 4, (byte) 0, (byte) 0,
        Instant.EPOCH), 1);
  }

  @Test
  void whatWaitsForANumberIsTakenOnceInOrder() {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      SmsStore store = new SmsStore(Duration.ofMinutes(1), timer, kept -> {});
      SmsStore.Kept first = sms("33600000002");
      SmsStore.Kept second = sms("33600000002");
      store.keep(first);
      store.keep(second);
      assertThat(store.take("33600000002")).containsExactly(first, second);
      assertThat(store.take("33600000002")).isEmpty();
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void anSmsToKeepWhileTheSmscClosesIsDroppedWithoutAnError() {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    timer.shutdownNow();
    List<SmsStore.Kept> expired = new CopyOnWriteArrayList<>();
    SmsStore store = new SmsStore(Duration.ofMinutes(1), timer, expired::add);

    store.keep(sms("33600000002"));

    assertThat(store.take("33600000002")).isEmpty();
    assertThat(expired).isEmpty();
  }
}
