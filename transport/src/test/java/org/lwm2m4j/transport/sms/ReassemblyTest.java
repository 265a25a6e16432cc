package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReassemblyTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long SECOND = 1_000_000_000L;

  private final Reassembly reassembly = new Reassembly(Duration.ofSeconds(60), 2, 3);

  @Test
  void smsWithoutHeaderIsWholeAsItIs() {
    Reassembly.Outcome outcome = reassembly.accept("336", HEX.parseHex("40010001"), false, 0);

    assertThat(whole(outcome)).isEqualTo("40010001");
  }

  @Test
  void partsInAnyOrderMakeTheMessage() {
    assertThat(reassembly.accept("336", HEX.parseHex("050003070302cccc"), true, 0)).isInstanceOf(Reassembly.Waiting.class);
    assertThat(reassembly.accept("336", HEX.parseHex("050003070303dd"), true, 0)).isInstanceOf(Reassembly.Waiting.class);
    Reassembly.Outcome last = reassembly.accept("336", HEX.parseHex("050003070301aaaa"), true, 0);

    assertThat(whole(last)).isEqualTo("aaaaccccdd");
    assertThat(reassembly.open()).isZero();
  }

  @Test
  void splitThenReassembleGivesTheMessageBack() {
    byte[] message = ConcatenationTest.bytes(600);
    Reassembly.Outcome outcome = null;
    for (SmsPart part : Concatenation.split(message, 9)) {
      outcome = reassembly.accept("336", part.userData(), part.udhi(), 0);
    }
    assertThat(((Reassembly.Whole) outcome).message()).isEqualTo(message);
  }

  @Test
  void sameReferenceFromTwoSendersStaysApart() {
    reassembly.accept("111", HEX.parseHex("05000301020111"), true, 0);
    reassembly.accept("222", HEX.parseHex("05000301020122"), true, 0);

    assertThat(whole(reassembly.accept("111", HEX.parseHex("050003010202aa"), true, 0))).isEqualTo("11aa");
    assertThat(whole(reassembly.accept("222", HEX.parseHex("050003010202bb"), true, 0))).isEqualTo("22bb");
  }

  @Test
  void repeatedPartIsDroppedAsDuplicate() {
    reassembly.accept("336", HEX.parseHex("05000301020111"), true, 0);

    assertThat(dropped(reassembly.accept("336", HEX.parseHex("05000301020111"), true, 0)))
        .isEqualTo(SmsDrop.DUPLICATE_PART);
    assertThat(whole(reassembly.accept("336", HEX.parseHex("05000301020222"), true, 0))).isEqualTo("1122");
  }

  @Test
  void partRepeatedAfterItsMessageCompletedIsADuplicateNotANewConcatenation() {
    reassembly.accept("336", HEX.parseHex("05000301020111"), true, 0);
    reassembly.accept("336", HEX.parseHex("05000301020222"), true, 0);

    assertThat(dropped(reassembly.accept("336", HEX.parseHex("05000301020222"), true, SECOND)))
        .isEqualTo(SmsDrop.DUPLICATE_PART);
    assertThat(reassembly.open()).isZero();
    assertThat(reassembly.expire(120 * SECOND)).isEmpty();
    assertThat(reassembly.accept("336", HEX.parseHex("05000301020222"), true, 120 * SECOND))
        .as("once the keep time has passed the reference may serve a new message")
        .isInstanceOf(Reassembly.Waiting.class);
  }

  @Test
  void partsThatDoNotFitAreDropped() {
    assertThat(dropped(reassembly.accept("336", HEX.parseHex("05000301000111"), true, 0)))
        .as("total 0").isEqualTo(SmsDrop.BAD_CONCATENATION);
    assertThat(dropped(reassembly.accept("336", HEX.parseHex("05000301020311"), true, 0)))
        .as("part 3 of 2").isEqualTo(SmsDrop.BAD_CONCATENATION);
    assertThat(dropped(reassembly.accept("336", HEX.parseHex("05000301020011"), true, 0)))
        .as("part 0").isEqualTo(SmsDrop.BAD_CONCATENATION);
    assertThat(dropped(reassembly.accept("336", HEX.parseHex("0900030102"), true, 0)))
        .as("header longer than the user data").isEqualTo(SmsDrop.BAD_CONCATENATION);
    assertThat(dropped(reassembly.accept("336", HEX.parseHex("0400050102"), true, 0)))
        .as("element longer than the header").isEqualTo(SmsDrop.BAD_CONCATENATION);
    assertThat(dropped(reassembly.accept("336", new byte[0], true, 0)))
        .as("no user data").isEqualTo(SmsDrop.BAD_CONCATENATION);
    assertThat(reassembly.open()).isZero();
  }

  @Test
  void partClaimingAnotherTotalThanItsSiblingsIsDropped() {
    reassembly.accept("336", HEX.parseHex("05000301020111"), true, 0);

    assertThat(dropped(reassembly.accept("336", HEX.parseHex("05000301030211"), true, 0)))
        .isEqualTo(SmsDrop.BAD_CONCATENATION);
  }

  @Test
  void sixteenBitReferenceIsUnderstoodToo() {
    reassembly.accept("336", HEX.parseHex("06080412340201aa"), true, 0);

    assertThat(whole(reassembly.accept("336", HEX.parseHex("06080412340202bb"), true, 0))).isEqualTo("aabb");
  }

  @Test
  void concatenationsPastTheLimitsAreRefused() {
    reassembly.accept("111", HEX.parseHex("05000301020111"), true, 0);
    reassembly.accept("111", HEX.parseHex("05000302020111"), true, 0);
    assertThat(dropped(reassembly.accept("111", HEX.parseHex("05000303020111"), true, 0)))
        .as("third for one sender").isEqualTo(SmsDrop.TOO_MANY_CONCATENATIONS);

    reassembly.accept("222", HEX.parseHex("05000301020111"), true, 0);
    assertThat(dropped(reassembly.accept("333", HEX.parseHex("05000301020111"), true, 0)))
        .as("fourth in all").isEqualTo(SmsDrop.TOO_MANY_CONCATENATIONS);
    assertThat(reassembly.open()).isEqualTo(3);
  }

  @Test
  void concatenationMissingPartsExpiresAndFreesItsPlace() {
    reassembly.accept("111", HEX.parseHex("05000301020111"), true, 0);
    reassembly.accept("111", HEX.parseHex("05000302020111"), true, 30 * SECOND);

    assertThat(reassembly.expire(59 * SECOND)).isEmpty();
    assertThat(reassembly.expire(60 * SECOND)).containsExactly("111");
    assertThat(reassembly.open()).isEqualTo(1);
    assertThat(reassembly.accept("111", HEX.parseHex("05000303020111"), true, 60 * SECOND))
        .isInstanceOf(Reassembly.Waiting.class);
    assertThat(dropped(reassembly.accept("111", HEX.parseHex("050003010202"), true, 61 * SECOND)))
        .as("after expiry a late part starts over; the sender is at its limit again")
        .isEqualTo(SmsDrop.TOO_MANY_CONCATENATIONS);
    assertThat(reassembly.expire(200 * SECOND)).isEqualTo(List.of("111", "111"));
  }

  @Test
  void headerWithoutConcatenationLeavesTheRestWhole() {
    // IE 0x05 (application port addressing, 16-bit) only
    assertThat(whole(reassembly.accept("336", HEX.parseHex("060504163416344001"), true, 0))).isEqualTo("4001");
  }

  private static String whole(Reassembly.Outcome outcome) {
    assertThat(outcome).isInstanceOf(Reassembly.Whole.class);
    return HEX.formatHex(((Reassembly.Whole) outcome).message());
  }

  private static SmsDrop dropped(Reassembly.Outcome outcome) {
    assertThat(outcome).isInstanceOf(Reassembly.Dropped.class);
    return ((Reassembly.Dropped) outcome).cause();
  }
}
