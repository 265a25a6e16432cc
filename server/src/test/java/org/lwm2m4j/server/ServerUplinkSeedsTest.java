package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.server.ServerUplinkHarness.Exchange;
import org.lwm2m4j.transport.memory.CoapMessage;

/** The fuzz target's seeds are on disk as {@link ServerUplinkSeeds} makes them, and each reaches what it is named for. */
class ServerUplinkSeedsTest {
  private static ServerUplinkHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new ServerUplinkHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static List<String> answers(String seed) {
    List<Exchange> exchanges = harness.run(ServerUplinkSeeds.all().get(seed));
    return exchanges.stream().map(exchange -> exchange.answer().map(CoapMessage::codeText).orElse("-")).toList();
  }

  @Test
  void theSeedFilesAreTheGeneratedSeeds() throws Exception {
    for (Map.Entry<String, byte[]> seed : ServerUplinkSeeds.all().entrySet()) {
      assertThat(Files.readAllBytes(ServerUplinkSeeds.DIRECTORY.resolve(seed.getKey())))
          .as("seed %s (regenerate with ServerUplinkSeeds.main)", seed.getKey()).isEqualTo(seed.getValue());
    }
  }

  @Test
  void registrationSeedsRegisterUpdateAndDeregister() {
    assertThat(answers("register")).containsExactly("2.01");
    assertThat(answers("register-then-update")).containsExactly("2.01", "2.04");
    assertThat(answers("register-then-deregister")).containsExactly("2.01", "2.02");
    assertThat(answers("register-non-confirmable")).containsExactly("2.01");
    assertThat(answers("two-devices")).containsExactly("2.01", "2.01", "2.04", "2.02");
  }

  @Test
  void theBlockWiseSeedRegistersOnceEveryBlockIsIn() {
    assertThat(answers("register-block-wise")).containsExactly("2.31", "2.31", "2.01");
  }

  @Test
  void sendSeedsAreAccepted() {
    assertThat(answers("register-then-send-senml-json")).containsExactly("2.01", "2.04");
    assertThat(answers("register-then-send-senml-cbor")).containsExactly("2.01", "2.04");
  }

  @Test
  void notificationSeedsReachTheObservation() {
    assertThat(answers("notification")).containsExactly("0.00");
    assertThat(answers("observed-device-updates")).containsExactly("2.04");
    assertThat(harness.observedDevice()).isPresent();
  }

  @Test
  void aFirmwareDownloadOfAnUnknownImageIsNotFound() {
    assertThat(answers("firmware-download")).containsExactly("4.04");
  }
}
