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
}
