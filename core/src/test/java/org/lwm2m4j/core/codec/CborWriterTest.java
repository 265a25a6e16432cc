package org.lwm2m4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.value.Value;

class CborWriterTest {
  private static String written(Consumer<CborWriter> items) {
    CborWriter writer = new CborWriter(1);
    items.accept(writer);
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(writer.toByteArray());
  }

  @ParameterizedTest
  @CsvSource({
      "0, 00", "23, 17", "24, 18 18", "255, 18 FF", "256, 19 01 00", "65535, 19 FF FF", "65536, 1A 00 01 00 00",
      "4294967295, 1A FF FF FF FF", "4294967296, 1B 00 00 00 01 00 00 00 00", "-1, 20", "-24, 37", "-25, 38 18",
      "-9223372036854775808, 3B 7F FF FF FF FF FF FF FF"})
  void integersTakeTheShortestHead(long value, String cbor) {
    assertThat(written(w -> w.integer(value))).isEqualTo(cbor);
  }

  @Test
  void unsignedIntegersUseAllSixtyFourBits() {
    assertThat(written(w -> w.unsigned(-1L))).isEqualTo("1B FF FF FF FF FF FF FF FF");
    assertThat(written(w -> w.unsigned(200))).isEqualTo("18 C8");
  }

  @Test
  void floatsAreSingleWhenExactAndNanIsCanonical() {
    assertThat(written(w -> w.floating(22.5))).isEqualTo("FA 41 B4 00 00");
    assertThat(written(w -> w.floating(0.1))).isEqualTo("FB 3F B9 99 99 99 99 99 9A");
    assertThat(written(w -> w.floating(-0.0))).isEqualTo("FA 80 00 00 00");
    assertThat(written(w -> w.floating(Double.longBitsToDouble(0x7FF0_0000_0000_0001L)))).isEqualTo("FA 7F C0 00 00");
  }

  @Test
  void containersStringsAndSimpleValuesHaveDefiniteLengths() {
    assertThat(written(w -> {
      w.mapStart(2);
      w.text("é");
      w.bytes(new byte[300]);
      w.arrayStart(3);
      w.bool(true);
      w.bool(false);
      w.nil();
    })).startsWith("A2 62 C3 A9 59 01 2C 00").endsWith("00 83 F5 F4 F6");
  }

  @Test
  void everyValueTypeHasItsItemAndExecutablesHaveNone() {
    assertThat(written(w -> w.value(Value.ofObjlnk(66, 0)))).isEqualTo("64 36 36 3A 30");
    assertThat(written(w -> w.value(Value.ofTime(-1)))).isEqualTo("20");
    assertThat(written(w -> w.value(Value.ofCorelnk("</1>")))).isEqualTo("64 3C 2F 31 3E");
    assertThatThrownBy(() -> written(w -> w.value(Value.none()))).isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> written(w -> w.text("\uD800"))).isInstanceOf(CodecException.class)
        .hasMessageContaining("unpaired surrogate");
  }
}
