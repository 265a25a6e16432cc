package org.lwm2m4j.core.codec.senml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.core.codec.TestModels.LOOKUP;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class SenmlCborCodecTest {
  private final SenmlCborCodec codec = new SenmlCborCodec();

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
  }

  @Test
  void singleResourceVector() {
    byte[] payload = hex("81 A2 21 66 2F 33 2F 30 2F 39 02 18 64");
    assertThat(codec.decode(payload, LwM2mPath.of(3, 0, 9), LOOKUP)).isEqualTo(SingleResource.of(9, Value.ofInteger(100)));
    assertThat(hex(codec.encode(SingleResource.of(9, Value.ofInteger(100)), LwM2mPath.of(3, 0, 9), LOOKUP)))
        .isEqualTo("81 A2 21 66 2F 33 2F 30 2F 39 02 18 64");
  }

  @Test
  void instanceVectorWithBaseNameOnTheFirstRecord() {
    String vector = "83 A3 21 65 2F 33 2F 30 2F 00 61 30 03 64 4F 70 65 6E A2 00 61 39 02 18 64 A2 00 62 31 33 02 1A 65 53 F1 00";
    LwM2mObjectInstance device = LwM2mObjectInstance.of(0, SingleResource.of(0, Value.of("Open")),
        SingleResource.of(9, Value.ofInteger(100)), SingleResource.of(13, Value.ofTime(1700000000)));
    assertThat(codec.decode(hex(vector), LwM2mPath.of(3, 0), LOOKUP)).isEqualTo(device);
    assertThat(hex(codec.encode(device, LwM2mPath.of(3, 0), LOOKUP))).isEqualTo(vector);
  }

  @Test
  void specDeviceExampleStartsAsPrinted() {
    byte[] payload = codec.encode(SenmlJsonCodecTest.DEVICE, LwM2mPath.of(3, 0), LOOKUP);
    assertThat(hex(payload)).startsWith("90 A3 21 65 2F 33 2F 30 2F 00 61 30 03 74 4F 70 65 6E").contains("02 1A 51 82 42 8F");
    assertThat(codec.decode(payload, LwM2mPath.of(3, 0), LOOKUP)).isEqualTo(SenmlJsonCodecTest.DEVICE);
  }

  @Test
  void objectLinkUsesTheTextKeyVlo() {
    String vector = "81 A2 00 69 2F 36 35 2F 30 2F 30 2F 30 63 76 6C 6F 64 36 36 3A 30";
    Map<LwM2mPath, LwM2mNode> nodes = codec.decodeNodes(hex(vector), List.of(), LOOKUP);
    assertThat(nodes).containsEntry(LwM2mPath.of(65, 0, 0, 0),
        org.lwm2m4j.core.node.LwM2mResourceInstance.of(0, Value.ofObjlnk(66, 0)));
    assertThat(hex(codec.encodeNodes(nodes, LOOKUP))).isEqualTo(vector);
  }

  @Test
  void opaqueIsAByteString() {
    String vector = "81 A2 00 66 2F 35 2F 30 2F 30 08 43 01 02 03";
    Map<LwM2mPath, LwM2mNode> nodes = codec.decodeNodes(hex(vector), List.of(), LOOKUP);
    assertThat(nodes).containsEntry(LwM2mPath.of(5, 0, 0), SingleResource.of(0, Value.of(new byte[] {1, 2, 3})));
    assertThat(hex(codec.encodeNodes(nodes, LOOKUP))).isEqualTo(vector);
  }

  @Test
  void readCompositeRequestVector() {
    String vector = "82 A1 00 66 2F 33 2F 30 2F 30 A1 00 66 2F 31 2F 30 2F 31";
    assertThat(codec.decodePaths(hex(vector))).containsExactly(LwM2mPath.of(3, 0, 0), LwM2mPath.of(1, 0, 1));
    assertThat(hex(codec.encodePaths(List.of(LwM2mPath.of(3, 0, 0), LwM2mPath.of(1, 0, 1))))).isEqualTo(vector);
  }

  @Test
  void floatsTakeTheShortestExactWidth() {
    assertThat(hex(codec.encode(SingleResource.of(5700, Value.ofFloat(22.5)), LwM2mPath.of(3303, 0, 5700), LOOKUP)))
        .endsWith("02 FA 41 B4 00 00");
    assertThat(hex(codec.encode(SingleResource.of(5700, Value.ofFloat(0.1)), LwM2mPath.of(3303, 0, 5700), LOOKUP)))
        .endsWith("02 FB 3F B9 99 99 99 99 99 9A");
  }

  @Test
  void acceptsIndefiniteContainersHalfFloatsAndDecimalFractions() {
    // [_ {_ -2: "/3303/0/5700", 2: half 22.5 } ]
    byte[] indefinite = hex("9F BF 21 6C 2F 33 33 30 33 2F 30 2F 35 37 30 30 02 F9 4D A0 FF FF");
    assertThat(codec.decode(indefinite, LwM2mPath.of(3303, 0, 5700), LOOKUP)).isEqualTo(SingleResource.of(5700, Value.ofFloat(22.5)));
    // 4([-1, 225]) = 22.5
    byte[] decimal = hex("81 A2 21 6C 2F 33 33 30 33 2F 30 2F 35 37 30 30 02 C4 82 20 18 E1");
    assertThat(codec.decode(decimal, LwM2mPath.of(3303, 0, 5700), LOOKUP)).isEqualTo(SingleResource.of(5700, Value.ofFloat(22.5)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "not an array              | A1 00 61 30                                   | expected an array",
    "truncated                 | 81 A2 21 66 2F 33 2F 30                        | declares 6 bytes",
    "huge declared count       | 9B 00 00 00 FF FF FF FF FF                     | declares",
    "huge text length          | 81 A1 21 7B 00 00 00 FF FF FF FF FF            | declares",
    "trailing data             | 81 A2 21 66 2F 33 2F 30 2F 39 02 18 64 00      | trailing data",
    "invalid UTF-8             | 81 A2 21 66 2F 33 2F 30 2F C3 02 18 64         | invalid UTF-8",
    "overlong UTF-8            | 81 A2 21 66 2F 33 2F 30 2F 39 03 62 C0 80      | invalid UTF-8",
    "duplicate key             | 81 A3 21 66 2F 33 2F 30 2F 39 02 01 02 02      | twice",
    "nested array as value     | 81 A2 21 66 2F 33 2F 30 2F 39 02 81 01         | expected a number",
    "nesting bomb in unknown   | 81 A2 21 66 2F 33 2F 30 2F 39 18 63 81 81 81 81 | expected a single value",
    "bignum tag                | 81 A2 21 66 2F 33 2F 30 2F 39 02 C2 41 80      | tag 2",
    "two values                | 81 A3 21 66 2F 33 2F 30 2F 39 02 01 03 61 78   | more than one value",
  })
  void malformedPayloadsAreRejectedWithTheOffset(String what, String payload, String message) {
    assertThatThrownBy(() -> codec.decode(hex(payload), LwM2mPath.of(3, 0, 9), LOOKUP))
        .as(what).isInstanceOf(CodecException.class).hasMessageContaining(message).hasMessageContaining("at byte");
  }
}
