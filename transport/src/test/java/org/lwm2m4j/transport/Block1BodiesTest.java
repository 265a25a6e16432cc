package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;

class Block1BodiesTest {
  private static final int OVERHEAD = InboundLimits.TRANSFER_OVERHEAD;
  private static final int NO_FORMAT = -1;

  private final AtomicLong nanos = new AtomicLong();
  private final BodyBudget budget = new BodyBudget(OVERHEAD + 4096, 2 * (OVERHEAD + 4096));
  private final Block1Bodies<String> bodies = new Block1Bodies<>(budget, 4096, Duration.ofSeconds(10), nanos::get);

  private static Block1Bodies.Block block(int num, int size, boolean more) {
    return new Block1Bodies.Block(num * size, size, more, OptionalLong.empty(), NO_FORMAT);
  }

  private static Block1Bodies.Block declared(int num, int size, boolean more, long size1) {
    return new Block1Bodies.Block(num * size, size, more, OptionalLong.of(size1), NO_FORMAT);
  }

  private static byte[] bytes(int length, int fill) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) fill);
    return bytes;
  }

  private Block1Bodies.Outcome<String> receive(String peer, Block1Bodies.Block block, byte[] payload) {
    return bodies.receive(peer + "/5/0/0", peer, block, payload, () -> "head of " + peer);
  }

  private static Block1Bodies.Refused<String> refused(Block1Bodies.Outcome<String> outcome) {
    assertThat(outcome).isInstanceOf(Block1Bodies.Refused.class);
    return (Block1Bodies.Refused<String>) outcome;
  }

  @Test
  void aFirstBlockWithoutSize1HoldsOnlyItsBytesAndTheOverhead() {
    assertThat(receive("a", block(0, 1024, true), bytes(1024, 1))).isInstanceOf(Block1Bodies.Continue.class);
    assertThat(bodies.inProgress()).isEqualTo(1);
    assertThat(bodies.heldBytes()).isEqualTo(OVERHEAD + 1024);
  }

  @Test
  void theHeldBytesGrowWithTheBlocksReceived() {
    receive("a", block(0, 512, true), bytes(512, 1));
    receive("a", block(1, 512, true), bytes(512, 2));
    assertThat(bodies.heldBytes()).isEqualTo(OVERHEAD + 1024);
  }

  @Test
  void theLastBlockCompletesTheBodyInOrderAndFreesWhatItHeld() {
    receive("a", block(0, 512, true), bytes(512, 1));
    receive("a", block(1, 512, true), bytes(512, 2));
    Block1Bodies.Outcome<String> last = receive("a", block(2, 512, false), bytes(100, 3));
    assertThat(last).isInstanceOf(Block1Bodies.Complete.class);
    Block1Bodies.Complete<String> complete = (Block1Bodies.Complete<String>) last;
    byte[] body = complete.body();
    assertThat(body).hasSize(1124);
    assertThat(body[0]).isEqualTo((byte) 1);
    assertThat(body[512]).isEqualTo((byte) 2);
    assertThat(body[1123]).isEqualTo((byte) 3);
    assertThat(complete.head()).isEqualTo("head of a");
    assertThat(bodies.inProgress()).isZero();
    assertThat(bodies.heldBytes()).isZero();
  }

  @Test
  void aWholeBodyInOneBlockHoldsNothing() {
    Block1Bodies.Outcome<String> only = receive("a", block(0, 1024, false), bytes(10, 7));
    assertThat(((Block1Bodies.Complete<String>) only).body()).isEqualTo(bytes(10, 7));
    assertThat(bodies.heldBytes()).isZero();
  }

  @Test
  void aBlockLargerThanTheDeclaredSizeIsABadRequest() {
    Block1Bodies.Refused<String> refused = refused(receive("a", declared(0, 1024, true, 16), bytes(1024, 0)));
    assertThat(refused.code()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(refused.reason()).contains("declared size of 16 bytes");
    assertThat(bodies.heldBytes()).isZero();
  }

  @Test
  void aDeclaredSizeOfZeroWithABlockIsABadRequest() {
    assertThat(refused(receive("a", declared(0, 64, false, 0), bytes(64, 0))).code()).isEqualTo(ResponseCode.BAD_REQUEST);
  }

  @Test
  void laterBlocksPassingTheDeclaredSizeAreABadRequestAndDropTheBody() {
    receive("a", declared(0, 512, true, 600), bytes(512, 0));
    assertThat(refused(receive("a", block(1, 512, true), bytes(512, 0))).code()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(bodies.inProgress()).isZero();
    assertThat(bodies.heldBytes()).isZero();
  }

  @Test
  void aDeclaredSizeAboveTheMaximumIsTooLargeWithTheMaximumAsSize1() {
    Block1Bodies.Refused<String> refused = refused(receive("a", declared(0, 512, true, 5000), bytes(512, 0)));
    assertThat(refused.code()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    assertThat(refused.size1()).hasValue(4096);
  }

  @Test
  void aBodyGrowingPastTheMaximumIsTooLarge() {
    for (int num = 0; num < 4; num++) {
      assertThat(receive("a", block(num, 1024, true), bytes(1024, 0))).isInstanceOf(Block1Bodies.Continue.class);
    }
    Block1Bodies.Refused<String> refused = refused(receive("a", block(4, 1024, false), bytes(1, 0)));
    assertThat(refused.code()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    assertThat(refused.size1()).hasValue(4096);
    assertThat(bodies.heldBytes()).isZero();
  }

  @Test
  void aPeerPastItsCapIsTooLargeWithThePerPeerCapAsSize1() {
    Block1Bodies<String> small = new Block1Bodies<>(new BodyBudget(OVERHEAD + 1024, 10 * OVERHEAD), 1024,
        Duration.ofSeconds(10), nanos::get);
    small.receive("a/1", "a", block(0, 1024, true), bytes(1024, 0), () -> "1");
    Block1Bodies.Refused<String> refused = refused(small.receive("a/2", "a", block(0, 16, true), bytes(16, 0), () -> "2"));
    assertThat(refused.code()).isEqualTo(ResponseCode.REQUEST_ENTITY_TOO_LARGE);
    assertThat(refused.size1()).hasValue(OVERHEAD + 1024);
    assertThat(small.inProgress()).isEqualTo(1);
  }

  @Test
  void peersPastTheTotalCapAreTooLargeWithTheTotalAsSize1UntilABodyCompletes() {
    receive("a", block(0, 1024, true), bytes(1024, 0));
    receive("b", block(0, 1024, true), bytes(1024, 0));
    for (int num = 1; num < 4; num++) {
      receive("a", block(num, 1024, true), bytes(1024, 0));
      receive("b", block(num, 1024, true), bytes(1024, 0));
    }
    Block1Bodies.Refused<String> refused = refused(receive("c", block(0, 16, true), bytes(16, 0)));
    assertThat(refused.size1()).hasValue(2L * (OVERHEAD + 4096));
    assertThat(receive("a", block(4, 1024, false), new byte[0])).isInstanceOf(Block1Bodies.Complete.class);
    assertThat(receive("c", block(0, 16, true), bytes(16, 0))).isInstanceOf(Block1Bodies.Continue.class);
  }

  @Test
  void aBlockOutOfOrderIsIncompleteAndDropsTheBody() {
    receive("a", block(0, 512, true), bytes(512, 0));
    Block1Bodies.Refused<String> refused = refused(receive("a", block(2, 512, true), bytes(512, 0)));
    assertThat(refused.code()).isEqualTo(ResponseCode.REQUEST_ENTITY_INCOMPLETE);
    assertThat(bodies.heldBytes()).isZero();
  }

  @Test
  void aLaterBlockWithoutAFirstIsIncomplete() {
    assertThat(refused(receive("a", block(3, 512, false), bytes(10, 0))).code())
        .isEqualTo(ResponseCode.REQUEST_ENTITY_INCOMPLETE);
  }

  @Test
  void aShortBlockWithMoreToFollowIsABadRequest() {
    assertThat(refused(receive("a", block(0, 512, true), bytes(100, 0))).code()).isEqualTo(ResponseCode.BAD_REQUEST);
    assertThat(refused(receive("a", block(0, 16, false), bytes(17, 0))).code()).isEqualTo(ResponseCode.BAD_REQUEST);
  }

  @Test
  void aChangedContentFormatIsIncomplete() {
    bodies.receive("k", "a", new Block1Bodies.Block(0, 16, true, OptionalLong.empty(), 42), bytes(16, 0), () -> "");
    Block1Bodies.Outcome<String> next =
        bodies.receive("k", "a", new Block1Bodies.Block(16, 16, false, OptionalLong.empty(), 60), bytes(1, 0), () -> "");
    assertThat(refused(next).code()).isEqualTo(ResponseCode.REQUEST_ENTITY_INCOMPLETE);
  }

  @Test
  void aNewFirstBlockRestartsTheBody() {
    receive("a", block(0, 512, true), bytes(512, 1));
    receive("a", block(1, 512, true), bytes(512, 1));
    receive("a", block(0, 512, true), bytes(512, 2));
    assertThat(bodies.heldBytes()).isEqualTo(OVERHEAD + 512);
    byte[] body = ((Block1Bodies.Complete<String>) receive("a", block(1, 512, false), bytes(1, 3))).body();
    assertThat(body).hasSize(513);
    assertThat(body[0]).isEqualTo((byte) 2);
  }

  @Test
  void aBodyIdleLongerThanTheTimeoutIsDroppedAndFreesItsBytes() {
    receive("a", block(0, 512, true), bytes(512, 0));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(5));
    receive("b", block(0, 512, true), bytes(512, 0));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(6));
    assertThat(bodies.dropIdle()).isEqualTo(1);
    assertThat(bodies.inProgress()).isEqualTo(1);
    assertThat(bodies.heldBytes()).isEqualTo(OVERHEAD + 512);
    assertThat(refused(receive("a", block(1, 512, false), bytes(1, 0))).code())
        .isEqualTo(ResponseCode.REQUEST_ENTITY_INCOMPLETE);
  }

  @Test
  void clearingDropsEveryBody() {
    receive("a", block(0, 512, true), bytes(512, 0));
    receive("b", block(0, 512, true), bytes(512, 0));
    bodies.clear();
    assertThat(bodies.inProgress()).isZero();
    assertThat(bodies.heldBytes()).isZero();
  }
}
