package org.lwm2m4j.client.bootstrap.smartcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

/**
 * Bootstrap from smartcard over the real PC/SC stack: pcscd (started here) with the vpcd reader
 * driver, and a {@link VirtualBootstrapCard} plugged into vpcd's first slot.
 */
class SmartcardBootstrapReaderTest {
  private static final String READER = "Virtual PCD 00 00";
  private static final long CARD_WAIT_MILLIS = 15_000;
  private static final ObjectModelRegistry MODELS = ObjectModelRegistry.bundled();

  private static PcscdProcess pcscd;
  private static CardTerminal reader;

  private VirtualBootstrapCard card;

  @BeforeAll
  static void startPcscd() throws Exception {
    // Before the first TerminalFactory, as the JDK reads it only once.
    PcscLibrary.configure();
    pcscd = PcscdProcess.start(Path.of("target", "pcscd-smartcard-test.log"));
    reader = TerminalFactory.getInstance("PC/SC", null).terminals().getTerminal(READER);
    assertThat(reader).as("PC/SC reader '%s' (is the JDK using libpcsclite? %s=%s)", READER,
        PcscLibrary.PROPERTY, System.getProperty(PcscLibrary.PROPERTY)).isNotNull();
  }

  @AfterAll
  static void stopPcscd() {
    if (pcscd != null) {
      pcscd.close();
    }
  }

  @AfterEach
  void removeCard() throws IOException, CardException {
    if (card != null) {
      card.close();
      assertThat(reader.waitForCardAbsent(CARD_WAIT_MILLIS)).as("card removed from " + READER).isTrue();
    }
  }

  @Test
  void readsSecurityAndServerInstancesFromTheFirstReaderWithACard() throws Exception {
    byte[] file = BootstrapCardFile.encode(serverAccount(new byte[0]), MODELS);
    insert(VirtualBootstrapCard.holding(file));

    SmartcardBootstrap bootstrap = SmartcardBootstrapReader.read(Optional.empty(), MODELS).orElseThrow();

    assertThat(bootstrap.readerName()).isEqualTo(READER);
    assertThat(bootstrap.instances()).isEqualTo(serverAccount(new byte[0]));
    assertThat(bootstrap.fileHash()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(file));
  }

  @Test
  void readsFromTheNamedReader() throws Exception {
    insert(VirtualBootstrapCard.holding(BootstrapCardFile.encode(serverAccount(new byte[0]), MODELS)));

    Optional<SmartcardBootstrap> bootstrap = SmartcardBootstrapReader.read(Optional.of(READER), MODELS);

    assertThat(bootstrap).map(SmartcardBootstrap::readerName).contains(READER);
  }

  @Test
  void fileLargerThanOneChunkIsReadIn255ByteReads() throws Exception {
    byte[] serverKey = new byte[700];
    Arrays.fill(serverKey, (byte) 0x5A);
    byte[] file = BootstrapCardFile.encode(serverAccount(serverKey), MODELS);
    insert(VirtualBootstrapCard.holding(file));

    SmartcardBootstrap bootstrap = SmartcardBootstrapReader.read(Optional.empty(), MODELS).orElseThrow();

    assertThat(bootstrap.instances()).isEqualTo(serverAccount(serverKey));
    assertThat(card.commands()).filteredOn(apdu -> apdu[1] == (byte) 0xB0)
        .hasSize(1 + (file.length - BootstrapCardFile.HEADER_LENGTH + 254) / 255)
        .allSatisfy(apdu -> {
          assertThat(apdu).hasSize(5);
          assertThat(apdu[4]).as("Le of 1..255, never 00 (256)").isNotZero();
        });
  }

  @Test
  void cardWithoutTheBootstrapAppletGivesNothing() throws Exception {
    insert(VirtualBootstrapCard.withoutApplet());

    assertThat(SmartcardBootstrapReader.read(Optional.empty(), MODELS)).isEmpty();
    assertThat(SmartcardBootstrapReader.currentHash(Optional.empty())).isEmpty();
  }

  @Test
  void noCardGivesNothing() throws Exception {
    assertThat(reader.isCardPresent()).isFalse();

    assertThat(SmartcardBootstrapReader.read(Optional.empty(), MODELS)).isEmpty();
    assertThat(SmartcardBootstrapReader.read(Optional.of(READER), MODELS)).isEmpty();
  }

  @Test
  void unknownReaderNameGivesNothing() throws Exception {
    insert(VirtualBootstrapCard.holding(BootstrapCardFile.encode(serverAccount(new byte[0]), MODELS)));

    assertThat(SmartcardBootstrapReader.read(Optional.of("No Such Reader 00 00"), MODELS)).isEmpty();
  }

  @Test
  void corruptedHeaderIsRejectedWithTheMagicItFound() throws Exception {
    byte[] file = BootstrapCardFile.encode(serverAccount(new byte[0]), MODELS);
    file[0] = 0x00;
    insert(VirtualBootstrapCard.holding(file));

    assertThatThrownBy(() -> SmartcardBootstrapReader.read(Optional.empty(), MODELS))
        .isInstanceOf(SmartcardException.class)
        .hasMessageContaining("magic")
        .hasMessageContaining("00 42");
  }

  @Test
  void fileShorterThanItsHeaderDeclaresIsRejected() throws Exception {
    byte[] file = BootstrapCardFile.encode(serverAccount(new byte[0]), MODELS);
    insert(VirtualBootstrapCard.holding(Arrays.copyOf(file, file.length - 3)));

    assertThatThrownBy(() -> SmartcardBootstrapReader.read(Optional.empty(), MODELS))
        .isInstanceOf(SmartcardException.class)
        .hasMessageContaining("short read")
        .hasMessageContaining(READER);
  }

  @Test
  void rewrittenFileChangesTheHash() throws Exception {
    insert(VirtualBootstrapCard.holding(BootstrapCardFile.encode(serverAccount(new byte[0]), MODELS)));
    SmartcardBootstrap first = SmartcardBootstrapReader.read(Optional.empty(), MODELS).orElseThrow();
    assertThat(SmartcardBootstrapReader.currentHash(Optional.empty())).hasValueSatisfying(
        hash -> assertThat(first.hasFileHash(hash)).isTrue());

    card.replaceFile(BootstrapCardFile.encode(serverAccount(new byte[] {1, 2, 3}), MODELS));

    byte[] now = SmartcardBootstrapReader.currentHash(Optional.empty()).orElseThrow();
    assertThat(first.hasFileHash(now)).isFalse();
    SmartcardBootstrap reread = SmartcardBootstrapReader.read(Optional.empty(), MODELS).orElseThrow();
    assertThat(reread.hasFileHash(now)).isTrue();
  }

  @Test
  void removedCardHasNoCurrentHash() throws Exception {
    insert(VirtualBootstrapCard.holding(BootstrapCardFile.encode(serverAccount(new byte[0]), MODELS)));
    assertThat(SmartcardBootstrapReader.currentHash(Optional.of(READER))).isPresent();

    card.close();
    card = null;
    assertThat(reader.waitForCardAbsent(CARD_WAIT_MILLIS)).isTrue();

    assertThat(SmartcardBootstrapReader.currentHash(Optional.of(READER))).isEmpty();
  }

  @Test
  void theClientBootstrapsFromTheCardRegistersAndForgetsTheCardsAccountWhenItIsRemoved() throws Exception {
    try (org.lwm2m4j.server.LwM2mServer server = org.lwm2m4j.server.LwM2mServer.builder()
        .coapAddress(new java.net.InetSocketAddress("127.0.0.1", 0)).start()) {
      Map<LwM2mPath, LwM2mObjectInstance> account = new LinkedHashMap<>(serverAccount(new byte[0]));
      account.put(LwM2mPath.of(0, 0), LwM2mObjectInstance.of(0,
          SingleResource.of(0, Value.of("coap://127.0.0.1:" + server.coapAddress().getPort())), SingleResource.of(1, Value.of(false)),
          SingleResource.of(2, Value.ofInteger(3)), SingleResource.of(3, Value.of(new byte[0])),
          SingleResource.of(4, Value.of(new byte[0])), SingleResource.of(5, Value.of(new byte[0])),
          SingleResource.of(10, Value.ofInteger(1))));
      insert(VirtualBootstrapCard.holding(BootstrapCardFile.encode(account, MODELS)));
      try (org.lwm2m4j.client.LwM2mClient client = org.lwm2m4j.client.LwM2mClient.builder("from-card")
          .localAddress(new java.net.InetSocketAddress("127.0.0.1", 0)).smartcard(Optional.empty()).start()) {
        await("registered with the card's account").atMost(java.time.Duration.ofSeconds(15)).pollInterval(java.time.Duration.ofMillis(20))
            .until(() -> server.registrations().store().byEndpoint("from-card").isPresent() && !client.registrations().registrations().isEmpty());

        card.close();
        assertThat(reader.waitForCardAbsent(CARD_WAIT_MILLIS)).isTrue();
        card = null;
        client.registrations().updateAll();
        await("de-registered once the card is gone").atMost(java.time.Duration.ofSeconds(15)).pollInterval(java.time.Duration.ofMillis(20))
            .until(() -> server.registrations().store().byEndpoint("from-card").isEmpty());
        assertThat(client.tree().instanceIds(0)).isEmpty();
      }
    }
  }

  private void insert(VirtualBootstrapCard inserted) throws CardException {
    card = inserted;
    assertThat(reader.waitForCardPresent(CARD_WAIT_MILLIS)).as("card present in " + READER).isTrue();
  }

  /** A NoSec account for coap://127.0.0.1:5683: Security /0/0 and Server /1/0, short server id 1. */
  static Map<LwM2mPath, LwM2mObjectInstance> serverAccount(byte[] serverPublicKey) {
    Map<LwM2mPath, LwM2mObjectInstance> instances = new LinkedHashMap<>();
    instances.put(LwM2mPath.of(0, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.of("coap://127.0.0.1:5683")),
        SingleResource.of(1, Value.of(false)),
        SingleResource.of(2, Value.ofInteger(3)),
        SingleResource.of(3, Value.of(new byte[0])),
        SingleResource.of(4, Value.of(serverPublicKey)),
        SingleResource.of(5, Value.of(new byte[0])),
        SingleResource.of(10, Value.ofInteger(1))));
    instances.put(LwM2mPath.of(1, 0), LwM2mObjectInstance.of(0,
        SingleResource.of(0, Value.ofInteger(1)),
        SingleResource.of(1, Value.ofInteger(60)),
        SingleResource.of(7, Value.of("U"))));
    return instances;
  }
}
