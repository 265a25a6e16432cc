package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;

/** RFC 7641 §3.4: only notifications fresher than the last one received are delivered. */
class NotificationOrderTest {
  private static final long WINDOW = TimeUnit.SECONDS.toNanos(128);

  private final AtomicLong nanos = new AtomicLong(1_000_000L);
  private final List<String> delivered = new ArrayList<>();
  private final NotificationOrder order = new NotificationOrder(response -> delivered.add(text(response)), nanos::get);

  private static CoapResponse value(String text, int observe) {
    return ScriptedDevice.text(text).withObserve(observe);
  }

  private static String text(CoapResponse response) {
    return new String(response.payload(), StandardCharsets.UTF_8);
  }

  @Test
  void anOlderNumberAfterANewerOneIsDropped() {
    assertThat(order.offer(value("three", 3))).isTrue();
    assertThat(order.offer(value("two", 2))).isFalse();
    assertThat(delivered).containsExactly("three");
  }

  @Test
  void theSameNumberAgainIsTakenBecauseLeshanRepeatsItOnPmaxNotifications() {
    order.established(0);
    order.offer(value("pmax", 0));
    order.offer(value("pmax again", 0));
    order.offer(value("changed", 1));
    order.offer(value("pmax after the change", 1));
    order.offer(value("older", 0));
    assertThat(delivered).containsExactly("pmax", "pmax again", "changed", "pmax after the change");
  }

  @Test
  void numbersGoOnAcrossTheWrapAroundOf24Bits() {
    order.offer(value("last before wrap", (1 << 24) - 1));
    order.offer(value("after wrap", 1));
    assertThat(delivered).containsExactly("last before wrap", "after wrap");
  }

  @Test
  void aJumpOfHalfTheNumberSpaceOrMoreCountsAsOlder() {
    order.offer(value("low", 10));
    order.offer(value("far ahead", 10 + (1 << 23)));
    assertThat(delivered).containsExactly("low");
  }

  @Test
  void after128SecondsAnyNumberIsFresh() {
    order.offer(value("five", 5));
    nanos.addAndGet(WINDOW);
    order.offer(value("two at exactly 128 s", 2));
    nanos.addAndGet(1);
    order.offer(value("two after 128 s", 2));
    order.offer(value("one right after", 1));
    assertThat(delivered).containsExactly("five", "two after 128 s");
  }

  @Test
  void theObserveResponseSetsWhereNotificationsStart() {
    order.established(5);
    order.offer(value("four", 4));
    order.offer(value("six", 6));
    assertThat(delivered).containsExactly("six");
  }

  @Test
  void anEstablishingResponseOlderThanANotificationAlreadySeenChangesNothing() {
    order.offer(value("six", 6));
    order.established(5);
    order.offer(value("seven", 7));
    order.offer(value("six again", 6));
    assertThat(delivered).containsExactly("six", "seven");
  }

  @Test
  void aResponseWithoutObserveOptionIsAlwaysDelivered() {
    order.offer(value("nine", 9));
    order.offer(CoapResponse.of(ResponseCode.NOT_FOUND));
    assertThat(delivered).containsExactly("nine", "");
  }
}
