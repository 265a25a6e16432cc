package org.lwm2m4j.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.core.error.InvalidRequestException;

class PskFileTest {
  private static final String KEY = "000102030405060708090a0b0c0d0e0f";

  @Test
  void readsTheDesignExampleLine() {
    assertThat(PskFile.parse("dev1,dev1," + KEY))
        .containsExactly(new PskSecurity("dev1", "dev1", HexFormat.of().parseHex(KEY)));
  }

  @Test
  void ignoresCommentsBlankLinesAndSurroundingWhitespace() {
    String text = "\uFEFF# endpoint,identity,hexkey\r\n"
        + "\n"
        + "   \t\n"
        + "  dev1 , id-1 , 0A0B0c0d  \r\n"
        + "  # indented comment\n"
        + "urn:imei:490154203237518,imei-id," + KEY + "\n";
    assertThat(PskFile.parse(text)).containsExactly(
        new PskSecurity("dev1", "id-1", new byte[] {10, 11, 12, 13}),
        new PskSecurity("urn:imei:490154203237518", "imei-id", HexFormat.of().parseHex(KEY)));
  }

  @Test
  void anEmptyFileHasNoCredentials() {
    assertThat(PskFile.parse("")).isEmpty();
    assertThat(PskFile.parse("# nothing yet\n\n")).isEmpty();
  }

  @Test
  void aLineWithTooFewOrTooManyFieldsNamesItsLine() {
    assertError("# header\ndev1,dev1\n", "line 2: expected 3 comma-separated fields", "found 2");
    assertError("dev1,dev1," + KEY + ",extra", "line 1: expected 3 comma-separated fields", "found 4");
  }

  @Test
  void emptyFieldsAreNamed() {
    assertError(" ,id," + KEY, "line 1: the endpoint (field 1) is empty");
    assertError("dev1, ," + KEY, "line 1: the identity (field 2) is empty");
    assertError("dev1,id,  ", "line 1: the key (field 3) is empty");
  }

  @Test
  void aKeyThatIsNotHexNamesLineAndPosition() {
    assertError("\n\ndev1,id,00zz", "line 3: the key (field 3) has a character that is not a hex digit at position 3");
    assertError("dev1,id,0x0102", "line 1:", "not a hex digit at position 2");
    assertError("dev1,id,abc", "line 1: the key (field 3) has an odd number of hex digits (3)");
  }

  @Test
  void aKeyLongerThan64BytesNamesItsLine() {
    assertError("dev1,id," + "00".repeat(65), "line 1: the PSK key for 'dev1' is 65 bytes; at most 64");
  }

  @Test
  void anIdentityLongerThan128BytesNamesItsLine() {
    assertError("a,b,00\ndev1," + "x".repeat(129) + ",00", "line 2: the PSK identity is 129 bytes");
  }

  @Test
  void aRepeatedEndpointNamesBothLines() {
    assertError("dev1,id1,00\n# again\ndev1,id2,01", "line 3: endpoint 'dev1' already has a key on line 1");
  }

  @Test
  void anIdentitySharedByTwoEndpointsNamesBothLines() {
    assertError("dev1,same,00\ndev2,same,01", "line 2: identity 'same' is already used on line 1");
  }

  @Test
  void loadReadsUtf8AndNamesTheFileInErrors(@TempDir Path directory) throws Exception {
    Path good = directory.resolve("psk.csv");
    Files.writeString(good, "capteur-é,identité," + KEY + "\n", StandardCharsets.UTF_8);
    assertThat(PskFile.load(good)).extracting(PskSecurity::identity).containsExactly("identité");

    Path bad = directory.resolve("bad.csv");
    Files.writeString(bad, "dev1,id\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> PskFile.load(bad))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("bad.csv: line 1: expected 3");
  }

  private static void assertError(String text, String... fragments) {
    assertThatThrownBy(() -> PskFile.parse(text))
        .isInstanceOf(InvalidRequestException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
  }
}
