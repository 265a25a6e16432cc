package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.VirtualScheduler;

class SubmitWindowTest {
  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final List<CompletableFuture<String>> inFlight = new ArrayList<>();
  private final List<String> submitted = new ArrayList<>();
  private final List<SmsDrop> dropped = new ArrayList<>();
  private final SubmitWindow.Submitter smsc = (source, destination, part, receipt) -> {
    CompletableFuture<String> answer = new CompletableFuture<>();
    inFlight.add(answer);
    return answer;
  };
  private boolean bound = true;
  private final SubmitWindow window = new SubmitWindow(
      SmppSettings.of("127.0.0.1", 2775, "esme", "pw", "336").withWindow(3, 2, Duration.ofSeconds(60)), scheduler,
      () -> bound ? Optional.of(smsc) : Optional.empty(), new SubmitWindow.Outcomes() {
        @Override
        public void submitted(SubmitWindow.Outgoing sms, String messageId) {
          submitted.add(messageId);
        }

        @Override
        public void dropped(SubmitWindow.Outgoing sms, SmsDrop cause, String detail) {
          dropped.add(cause);
        }
      });

  @Test
  void atMostTheWindowAwaitsTheSmscAndAnAnswerLetsTheNextGo() throws IOException {
    window.offer(sms(5));

    assertThat(inFlight).hasSize(3);
    assertThat(window.waiting()).isEqualTo(2);

    inFlight.get(0).complete("id-1");
    scheduler.runPending();

    assertThat(submitted).containsExactly("id-1");
    assertThat(inFlight).hasSize(4);
    assertThat(window.waiting()).isEqualTo(1);
  }

  @Test
  void smsBeyondWindowAndQueueAreRefusedAtOnceAllPartsOrNone() throws IOException {
    window.offer(sms(4));

    assertThatThrownBy(() -> window.offer(sms(2))).isInstanceOf(IOException.class).hasMessageContaining("queue is full");
    assertThat(window.waiting()).isEqualTo(1);
    window.offer(sms(1));
    assertThat(window.waiting()).isEqualTo(2);
  }

  @Test
  void smsWaitForTheSessionAndExpireWhenItDoesNotComeBack() throws IOException {
    bound = false;
    window.offer(sms(2));
    assertThat(inFlight).isEmpty();

    scheduler.advance(Duration.ofSeconds(30));
    bound = true;
    window.pump();
    assertThat(inFlight).hasSize(2);

    bound = false;
    window.offer(sms(1));
    window.expire(scheduler.nanoTime() + Duration.ofSeconds(60).toNanos());
    assertThat(dropped).containsExactly(SmsDrop.QUEUE_TIMEOUT);
    assertThat(window.waiting()).isZero();
  }

  @Test
  void refusedOrUnansweredSubmitIsCountedAndFreesItsPlace() throws IOException {
    window.offer(sms(4));

    inFlight.get(0).completeExceptionally(new IOException("the SMSC refused an SMS with command_status 0x00000058"));
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(dropped).containsExactly(SmsDrop.SUBMIT_FAILED);
    assertThat(inFlight).hasSize(4);

    inFlight.get(3).complete("id-4");
    scheduler.advance(SubmitWindow.SUBMIT_RESPONSE_TIMEOUT);

    assertThat(dropped).containsExactly(SmsDrop.SUBMIT_FAILED, SmsDrop.SUBMIT_FAILED, SmsDrop.SUBMIT_FAILED);
    assertThat(submitted).containsExactly("id-4");
  }

  private List<SubmitWindow.Outgoing> sms(int parts) {
    List<SubmitWindow.Outgoing> all = new ArrayList<>();
    for (int i = 0; i < parts; i++) {
      all.add(new SubmitWindow.Outgoing("336", "337", new SmsPart(new byte[] {0x40, 1, 0, (byte) i}, false),
          scheduler.nanoTime()));
    }
    return all;
  }
}
