package org.lwm2m4j.transport.sms.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.NegativeResponseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SMSC simulator against ESMEs made with jSMPP's client API, over TCP on 127.0.0.1. */
class SmscTest {
  private static final String ALICE = "33611111111";
  private static final String BOB = "33622222222";
  private static final String CAROL = "33633333333";
  private static final SmscSettings ANY_PORT = SmscSettings.DEFAULTS.withPort(0);

  private final java.util.List<AutoCloseable> open = new java.util.ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private Smsc start(SmscSettings settings) throws IOException {
    return opened(Smsc.start(settings));
  }

  private <T extends AutoCloseable> T opened(T closeable) {
    open.add(closeable);
    return closeable;
  }

  private TestEsme transceiver(Smsc smsc, String msisdn) throws IOException {
    return opened(TestEsme.transceiver(smsc, msisdn));
  }

  private static List<SmsRecord.Fate> fates(Smsc smsc) {
    return smsc.log().stream().map(SmsRecord::fate).toList();
  }

  private static void awaitLog(Smsc smsc, int records) {
    Awaitility.await("the SMSC logging " + records + " records").atMost(Duration.ofSeconds(10)).until(() -> smsc.log().size() >= records);
  }

  @Test
  void listensOnTheLoopbackPortItWasGiven() throws IOException {
    Smsc smsc = start(ANY_PORT);

    assertThat(smsc.port()).isPositive();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), smsc.port())) {
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void routesEachSmsToTheEsmeBoundForItsDestination() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);
    TestEsme carol = transceiver(smsc, CAROL);

    String toBob = alice.submit(BOB, "hello bob".getBytes(StandardCharsets.US_ASCII));
    String toAlice = bob.submit(ALICE, "hello alice".getBytes(StandardCharsets.US_ASCII));

    DeliverSm atBob = bob.awaitReceived(1).get(0);
    DeliverSm atAlice = alice.awaitReceived(1).get(0);
    assertThat(atBob.getSourceAddr()).isEqualTo(ALICE);
    assertThat(atBob.getDestAddress()).isEqualTo(BOB);
    assertThat(new String(atBob.getShortMessage(), StandardCharsets.US_ASCII)).isEqualTo("hello bob");
    assertThat(atAlice.getSourceAddr()).isEqualTo(BOB);
    assertThat(new String(atAlice.getShortMessage(), StandardCharsets.US_ASCII)).isEqualTo("hello alice");
    awaitLog(smsc, 2);
    assertThat(smsc.log()).extracting(SmsRecord::messageId, SmsRecord::fate)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(toBob, SmsRecord.Fate.DELIVERED),
            org.assertj.core.groups.Tuple.tuple(toAlice, SmsRecord.Fate.DELIVERED));
    assertThat(toBob).isNotEqualTo(toAlice);
    assertThat(carol.received()).isEmpty();
  }

  @Test
  void eightBitDataAndItsUserDataHeaderPassUnchanged() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);
    // UDH: concatenation, reference 0x2A, 2 parts, this is part 1; then bytes no text coding would keep
    byte[] userData = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x01, 0x40, 0x01, 0x00, 0x00, (byte) 0xFF, 0x00, 0x1B, (byte) 0x80};

    alice.submit(BOB, userData, TestEsme.UDHI, 0);

    DeliverSm delivered = bob.awaitReceived(1).get(0);
    assertThat(delivered.getShortMessage()).containsExactly(userData);
    assertThat(delivered.getDataCoding()).isEqualTo(TestEsme.DATA_CODING_8_BIT);
    assertThat(delivered.isUdhi()).isTrue();
    awaitLog(smsc, 1);
    SmsRecord record = smsc.log().get(0);
    assertThat(record.part()).contains(new SmsRecord.Part(0x2A, 1, 2));
    assertThat(record.userData()).containsExactly(userData);
    assertThat(record.describe()).contains(ALICE + " -> " + BOB, "14 bytes", "part 1/2", "delivered");
  }

  @Test
  void anSmsForANumberNobodyBoundWaitsUntilItBinds() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme alice = transceiver(smsc, ALICE);

    String id = alice.submit(BOB, new byte[] {1, 2, 3});
    awaitLog(smsc, 1);
    assertThat(fates(smsc)).containsExactly(SmsRecord.Fate.STORED);
    TestEsme bob = transceiver(smsc, BOB);

    assertThat(bob.awaitReceived(1).get(0).getShortMessage()).containsExactly(1, 2, 3);
    awaitLog(smsc, 2);
    assertThat(smsc.log()).extracting(SmsRecord::messageId).containsOnly(id);
    assertThat(fates(smsc)).containsExactly(SmsRecord.Fate.STORED, SmsRecord.Fate.DELIVERED);
  }

  @Test
  void aStoredSmsExpiresAfterTheStoreTimeWithAnExpiredReceipt() throws Exception {
    Smsc smsc = start(ANY_PORT.withStoreFor(Duration.ofMillis(200)));
    TestEsme alice = transceiver(smsc, ALICE);

    String id = alice.submit(BOB, new byte[] {1}, TestEsme.NO_UDH, 1);

    DeliverSm receipt = alice.awaitReceived(1).get(0);
    assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
    assertThat(receipt.getShortMessageAsDeliveryReceipt().getId()).isEqualTo(id);
    assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII)).contains("stat:EXPIRED");
    assertThat(fates(smsc)).containsExactly(SmsRecord.Fate.STORED, SmsRecord.Fate.EXPIRED);
  }

  @Test
  void anEsmeThatDropsItsConnectionGetsWhatWasStoredWhenItBindsAgain() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);
    alice.submit(BOB, new byte[] {1});
    bob.awaitReceived(1);

    bob.drop();
    Awaitility.await("the SMSC noticing bob is gone").atMost(Duration.ofSeconds(10)).until(() -> {
      alice.submit(BOB, new byte[] {2});
      return fates(smsc).contains(SmsRecord.Fate.STORED);
    });
    TestEsme bobAgain = transceiver(smsc, BOB);

    assertThat(bobAgain.awaitReceived(1).get(0).getShortMessage()).containsExactly(2);
    assertThat(bob.received()).hasSize(1);
  }

  @Test
  void lossOneDropsEverySmsAndTellsTheSenderWhoAskedForAReceipt() throws Exception {
    Smsc smsc = start(ANY_PORT.withLoss(1.0).withSeed(1));
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);

    String id = alice.submit(BOB, new byte[] {1}, TestEsme.NO_UDH, 1);

    DeliverSm receipt = alice.awaitReceived(1).get(0);
    assertThat(receipt.getShortMessageAsDeliveryReceipt().getId()).isEqualTo(id);
    assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII)).contains("stat:UNDELIV");
    assertThat(fates(smsc)).containsExactly(SmsRecord.Fate.LOST);
    assertThat(bob.received()).isEmpty();
  }

  @Test
  void duplicateOneDeliversEverySmsTwice() throws Exception {
    Smsc smsc = start(ANY_PORT.withDuplicates(1.0).withSeed(1));
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);

    alice.submit(BOB, new byte[] {7, 8});

    List<DeliverSm> received = bob.awaitReceived(2);
    assertThat(received).extracting(DeliverSm::getShortMessage).containsExactly(new byte[] {7, 8}, new byte[] {7, 8});
    awaitLog(smsc, 1);
    assertThat(fates(smsc)).containsExactly(SmsRecord.Fate.DUPLICATED);
  }

  @Test
  void oneSeedMakesTheSameChoicesEachRun() throws Exception {
    List<SmsRecord.Fate> first = fatesOfTwentySms(ANY_PORT.withLoss(0.5).withDuplicates(0.5).withSeed(42));
    List<SmsRecord.Fate> second = fatesOfTwentySms(ANY_PORT.withLoss(0.5).withDuplicates(0.5).withSeed(42));

    assertThat(second).isEqualTo(first);
    assertThat(first).contains(SmsRecord.Fate.LOST, SmsRecord.Fate.DELIVERED, SmsRecord.Fate.DUPLICATED);
  }

  /** The fate of each of 20 SMS, in message id order. */
  private List<SmsRecord.Fate> fatesOfTwentySms(SmscSettings settings) throws Exception {
    try (Smsc smsc = Smsc.start(settings); TestEsme alice = TestEsme.transceiver(smsc, ALICE); TestEsme bob = TestEsme.transceiver(smsc, BOB)) {
      for (int i = 0; i < 20; i++) {
        alice.submit(BOB, new byte[] {(byte) i});
      }
      awaitLog(smsc, 20);
      return smsc.log().stream().sorted(java.util.Comparator.comparingLong(r -> Long.parseLong(r.messageId())))
          .map(SmsRecord::fate).toList();
    }
  }

  @Test
  void theDelayHoldsEverySmsAtLeastThatLong() throws Exception {
    Duration delay = Duration.ofMillis(300);
    Smsc smsc = start(ANY_PORT.withDelay(delay));
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);

    long before = System.nanoTime();
    alice.submit(BOB, new byte[] {1});

    bob.awaitReceived(1);
    assertThat(Duration.ofNanos(bob.arrivals().get(0) - before)).isGreaterThanOrEqualTo(delay);
  }

  @Test
  void aDeliveryReceiptFollowsADeliveredSmsWhenAsked() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);

    alice.submit(BOB, new byte[] {1}, TestEsme.NO_UDH, 2); // a receipt on failure only: none comes
    String id = alice.submit(BOB, new byte[] {2}, TestEsme.NO_UDH, 1);

    bob.awaitReceived(2);
    DeliverSm receipt = alice.awaitReceived(1).get(0);
    assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
    assertThat(receipt.getSourceAddr()).isEqualTo(BOB);
    assertThat(receipt.getDestAddress()).isEqualTo(ALICE);
    assertThat(new String(receipt.getShortMessage(), StandardCharsets.US_ASCII))
        .matches("id:" + id + " sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:");
    assertThat(receipt.getOptionalParameter(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID))
        .isInstanceOfSatisfying(OptionalParameter.COctetString.class, tlv -> assertThat(tlv.getValueAsString()).isEqualTo(id));
    assertThat(receipt.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE))
        .isInstanceOfSatisfying(OptionalParameter.Byte.class, tlv -> assertThat(tlv.getValue()).isEqualTo((byte) 2));
    // receipts to one number go out in order: one for the first SMS would have come before this one
    assertThat(alice.received()).hasSize(1);
  }

  @Test
  void anSmsTheDestinationRefusesIsRejected() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);
    bob.refuseDeliveries();

    alice.submit(BOB, new byte[] {1}, TestEsme.NO_UDH, 1);

    assertThat(new String(alice.awaitReceived(1).get(0).getShortMessage(), StandardCharsets.US_ASCII)).contains("stat:UNDELIV");
    assertThat(fates(smsc)).containsExactly(SmsRecord.Fate.REJECTED);
  }

  @Test
  void aDestinationThatIsNotAnMsisdnIsRefusedAtSubmit() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme alice = transceiver(smsc, ALICE);

    assertThatThrownBy(() -> alice.submit("server", new byte[] {1}))
        .isInstanceOfSatisfying(NegativeResponseException.class, e -> assertThat(e.getCommandStatus()).isEqualTo(0x0B));
    assertThat(fates(smsc)).containsExactly(SmsRecord.Fate.UNKNOWN_DESTINATION);
  }

  @Test
  void withoutAStoreAnSmsForANumberNobodyBoundIsDropped() throws Exception {
    Smsc smsc = start(ANY_PORT.withStoreFor(Duration.ZERO));
    TestEsme alice = transceiver(smsc, ALICE);

    alice.submit(BOB, new byte[] {1});

    awaitLog(smsc, 1);
    assertThat(fates(smsc)).containsExactly(SmsRecord.Fate.UNKNOWN_DESTINATION);
  }

  @Test
  void aBindWithoutAddressRangeTakesItsNumberFromItsFirstSubmit() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme carol = opened(TestEsme.bind(smsc, BindType.BIND_TRX, CAROL, "esme", "pw", ""));
    TestEsme bob = transceiver(smsc, BOB);

    carol.submit(BOB, new byte[] {1});
    bob.awaitReceived(1);
    bob.submit(CAROL, new byte[] {2});

    assertThat(carol.awaitReceived(1).get(0).getShortMessage()).containsExactly(2);
  }

  @Test
  void aTransmitterSendsAndAReceiverOfTheSameNumberReceives() throws Exception {
    Smsc smsc = start(ANY_PORT);
    TestEsme aliceSends = opened(TestEsme.bind(smsc, BindType.BIND_TX, ALICE, "esme", "pw", ALICE));
    TestEsme aliceReceives = opened(TestEsme.bind(smsc, BindType.BIND_RX, ALICE, "esme", "pw", ALICE));
    TestEsme bob = transceiver(smsc, BOB);

    aliceSends.submit(BOB, new byte[] {1});
    bob.awaitReceived(1);
    bob.submit(ALICE, new byte[] {2});

    assertThat(aliceReceives.awaitReceived(1).get(0).getShortMessage()).containsExactly(2);
    assertThat(aliceSends.received()).isEmpty();
  }

  @Test
  void aBindWithTheWrongPasswordOrSystemIdIsRefused() throws Exception {
    Smsc smsc = start(ANY_PORT.withCredentials("lwm2m", "s3cret"));

    assertThatThrownBy(() -> opened(TestEsme.bind(smsc, BindType.BIND_TRX, ALICE, "lwm2m", "wrong", ALICE)))
        .isInstanceOf(IOException.class).cause()
        .isInstanceOfSatisfying(NegativeResponseException.class, e -> assertThat(e.getCommandStatus()).isEqualTo(0x0E));
    assertThatThrownBy(() -> opened(TestEsme.bind(smsc, BindType.BIND_TRX, ALICE, "other", "s3cret", ALICE)))
        .isInstanceOf(IOException.class).cause()
        .isInstanceOfSatisfying(NegativeResponseException.class, e -> assertThat(e.getCommandStatus()).isEqualTo(0x0F));
    TestEsme alice = opened(TestEsme.bind(smsc, BindType.BIND_TRX, ALICE, "lwm2m", "s3cret", ALICE));
    assertThat(alice.isBound()).isTrue();
  }

  @Test
  void enquireLinkAndUnbindAreAnswered() throws Exception {
    Smsc smsc = start(ANY_PORT);
    org.jsmpp.util.DefaultComposer composer = new org.jsmpp.util.DefaultComposer();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), smsc.port())) {
      socket.setSoTimeout(10_000);
      java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();

      out.write(composer.bind(0x09, 1, "esme", "pw", "", (byte) 0x34, (byte) 1, (byte) 1, ALICE));
      assertThat(readHeader(in)).containsExactly(0x80000009, 0, 1);
      out.write(composer.enquireLink(2));
      assertThat(readHeader(in)).containsExactly(0x80000015, 0, 2);
      out.write(composer.unbind(3));
      assertThat(readHeader(in)).containsExactly(0x80000006, 0, 3);
    }
  }

  /** Reads one PDU: its command id, status and sequence number. */
  private static int[] readHeader(java.io.DataInputStream in) throws IOException {
    int length = in.readInt();
    int[] header = {in.readInt(), in.readInt(), in.readInt()};
    in.readFully(new byte[length - 16]);
    return header;
  }

  @Test
  void garbageOnOneConnectionDoesNotStopTheSmsc() throws Exception {
    Smsc smsc = start(ANY_PORT);
    try (Socket http = new Socket(InetAddress.getLoopbackAddress(), smsc.port())) {
      http.getOutputStream().write("GET / HTTP/1.1\r\nHost: smsc\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      http.getOutputStream().flush();
      http.setSoTimeout(10_000);
      // "GET " claims a 1.2 GB PDU: refused at once with generic_nack ESME_RINVCMDLEN, and that connection closed
      java.io.DataInputStream in = new java.io.DataInputStream(http.getInputStream());
      assertThat(readHeader(in)).containsExactly(0x80000000, 0x02, 0);
      assertThat(in.read()).isEqualTo(-1);
    }
    try (Socket shortPdu = new Socket(InetAddress.getLoopbackAddress(), smsc.port())) {
      shortPdu.getOutputStream().write(new byte[] {0, 0, 0, 16, 0, 0, 0, 0x7F, 0, 0, 0, 0, 0, 0, 0, 1}); // an unknown command
    }
    TestEsme alice = transceiver(smsc, ALICE);
    TestEsme bob = transceiver(smsc, BOB);

    alice.submit(BOB, new byte[] {1});

    assertThat(bob.awaitReceived(1)).hasSize(1);
  }
}
