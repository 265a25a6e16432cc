package org.lwm2m4j.transport.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatenationTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void messageOf140BytesTravelsWholeWithoutHeader() {
    byte[] message = bytes(140);

    List<SmsPart> parts = Concatenation.split(message, 7);

    assertThat(parts).containsExactly(new SmsPart(message, false));
  }

  @Test
  void messageOf141BytesTravelsInTwoPartsWithHeader0500() {
    byte[] message = bytes(141);

    List<SmsPart> parts = Concatenation.split(message, 0x2A);

    assertThat(parts).hasSize(2);
    assertThat(parts).allMatch(SmsPart::udhi);
    byte[] first = parts.get(0).userData();
    byte[] second = parts.get(1).userData();
    assertThat(first).hasSize(140);
    assertThat(HEX.formatHex(first, 0, 6)).isEqualTo("0500032a0201");
    assertThat(HEX.formatHex(second)).isEqualTo("0500032a0202" + HEX.formatHex(message, 134, 141));
  }

  @Test
  void sixHundredBytesTakeFivePartsOfAtMost140() {
    List<SmsPart> parts = Concatenation.split(bytes(600), 300);

    assertThat(parts).hasSize(5);
    assertThat(parts).allMatch(part -> part.length() <= 140);
    assertThat(parts.get(4).userData()[3]).isEqualTo((byte) 300); // only the low 8 bits of the reference
    assertThat(parts.get(4).length()).isEqualTo(6 + 600 - 4 * 134);
  }

  @Test
  void messageNeedingMoreThan255PartsIsRefused() {
    assertThat(Concatenation.split(bytes(Concatenation.MAX_MESSAGE), 1)).hasSize(255);
    assertThatThrownBy(() -> Concatenation.split(bytes(Concatenation.MAX_MESSAGE + 1), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 34170 bytes");
  }

  @Test
  void emptyMessageIsRefused() {
    assertThatThrownBy(() -> Concatenation.split(new byte[0], 1)).isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] bytes(int n) {
    byte[] bytes = new byte[n];
    for (int i = 0; i < n; i++) {
      bytes[i] = (byte) (i * 7 + 3);
    }
    return bytes;
  }
}
