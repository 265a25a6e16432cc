package org.lwm2m4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.client.ClientInboundHarness.Exchange;
import org.lwm2m4j.transport.memory.CoapMessage;

/** The fuzz target's seeds are on disk as {@link ClientInboundSeeds} makes them, and each reaches what it is named for. */
class ClientInboundSeedsTest {
  private static ClientInboundHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new ClientInboundHarness();
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private static List<String> answers(String seed) {
    List<Exchange> exchanges = harness.run(ClientInboundSeeds.all().get(seed));
    return exchanges.stream().map(exchange -> exchange.answer().map(CoapMessage::codeText).orElse("-")).toList();
  }

  @Test
  void theSeedFilesAreTheGeneratedSeeds() throws Exception {
    for (Map.Entry<String, byte[]> seed : ClientInboundSeeds.all().entrySet()) {
      assertThat(Files.readAllBytes(ClientInboundSeeds.DIRECTORY.resolve(seed.getKey())))
          .as("seed %s (regenerate with ClientInboundSeeds.main)", seed.getKey()).isEqualTo(seed.getValue());
    }
  }

  @Test
  void readSeedsAreAnsweredWithContent() {
    assertThat(answers("read-device")).containsExactly("2.05", "2.05");
    assertThat(answers("read-tlv")).containsExactly("2.05");
    assertThat(answers("read-non-confirmable")).containsExactly("2.05");
    assertThat(answers("discover")).containsExactly("2.05");
    assertThat(answers("read-composite")).containsExactly("2.05");
    assertThat(answers("read-block-wise")).containsExactly("2.05", "2.05");
  }

  @Test
  void writeSeedsChangeTheClient() {
    assertThat(answers("write-replace-text")).containsExactly("2.04");
    assertThat(answers("write-partial-senml")).containsExactly("2.04");
    assertThat(answers("write-lifetime-tlv")).containsExactly("2.04");
    assertThat(answers("write-composite")).containsExactly("2.04");
    assertThat(answers("write-attributes")).containsExactly("2.04");
    assertThat(answers("write-block-wise")).containsExactly("2.31", "2.04");
  }

  @Test
  void createDeleteAndExecuteSeedsSucceed() {
    assertThat(answers("create")).containsExactly("2.01");
    assertThat(answers("delete")).containsExactly("2.02");
    assertThat(answers("execute")).containsExactly("2.04");
  }

  @Test
  void observeSeedsStartAndCancelObservations() {
    assertThat(answers("observe-then-cancel")).containsExactly("2.05", "2.05");
    assertThat(answers("observe-composite")).containsExactly("2.05");
  }

  @Test
  void bootstrapSeedsAreServedForTheBootstrapServer() {
    assertThat(answers("bootstrap-discover")).containsExactly("2.05");
    assertThat(answers("bootstrap-write-then-finish")).containsExactly("2.04", "2.04", "2.04");
    assertThat(answers("bootstrap-delete-then-finish")).containsExactly("2.02", "4.06");
  }

  @Test
  void aStrangerIsRefused() {
    assertThat(answers("stranger-read")).containsExactly("4.01");
  }
}
