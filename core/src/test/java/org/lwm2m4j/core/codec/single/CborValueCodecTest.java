package org.lwm2m4j.core.codec.single;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lwm2m4j.core.codec.TestModels.LOOKUP;
import static org.lwm2m4j.core.codec.single.AllTypesPaths.hex;
import static org.lwm2m4j.core.codec.single.AllTypesPaths.instance;
import static org.lwm2m4j.core.codec.single.AllTypesPaths.single;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class CborValueCodecTest {
  private final CborValueCodec codec = new CborValueCodec();

  @Test
  void isTheCborFormatForResourcesAndResourceInstancesOnly() {
    assertThat(codec.format()).isEqualTo(ContentFormat.CBOR);
    assertThat(codec.supports(LwM2mPath.parse("/3/0/0"))).isTrue();
    assertThat(codec.supports(LwM2mPath.parse("/3/0/7/0"))).isTrue();
    assertThat(codec.supports(LwM2mPath.parse("/3/0"))).isFalse();
  }

  @Test
  void floatsUseTheShortestExactEncoding() {
    assertVector("/3303/0/5700", Value.ofFloat(22.5), "FA 41 B4 00 00");
    assertVector("/3303/0/5700", Value.ofFloat(0.1), "FB 3F B9 99 99 99 99 99 9A");
    assertVector("/3303/0/5700", Value.ofFloat(-0.0), "FA 80 00 00 00");
    assertVector("/3303/0/5700", Value.ofFloat(Double.NaN), "FA 7F C0 00 00");
  }

  @Test
  void integersUseTheShortestHead() {
    assertVector("/3/0/9", Value.ofInteger(100), "18 64");
    assertVector("/3/0/9", Value.ofInteger(0), "00");
    assertVector("/3/0/9", Value.ofInteger(23), "17");
    assertVector("/3/0/9", Value.ofInteger(-750), "39 02 ED");
    assertVector("/3/0/9", Value.ofInteger(Long.MIN_VALUE), "3B 7F FF FF FF FF FF FF FF");
    assertVector("/3/0/9", Value.ofInteger(Long.MAX_VALUE), "1B 7F FF FF FF FF FF FF FF");
    assertVector(single(ResourceType.UNSIGNED_INTEGER).toString(), Value.ofUnsigned(200), "18 C8");
    assertVector(single(ResourceType.UNSIGNED_INTEGER).toString(), Value.ofUnsigned(-1L), "1B FF FF FF FF FF FF FF FF");
  }

  @Test
  void otherTypesFollowTheSpecTable() {
    assertVector("/3/0/13", Value.ofTime(1700000000), "1A 65 53 F1 00");
    assertVector("/3/0/0", Value.of("Open"), "64 4F 70 65 6E");
    assertVector("/66/0/2", Value.ofObjlnk(66, 0), "64 36 36 3A 30");
    assertVector("/5/0/0", Value.of(new byte[] {1, 2, 3}), "43 01 02 03");
    assertVector("/1/0/6", Value.of(true), "F5");
    assertVector("/1/0/6", Value.of(false), "F4");
    assertVector(single(ResourceType.CORELNK).toString(), Value.ofCorelnk("</1>"), "64 3C 2F 31 3E");
    assertVector("/3/0/7/1", Value.ofInteger(5000), "19 13 88");
  }

  @Test
  void integersAreWrittenAsFloatsForFloatResources() {
    LwM2mPath path = LwM2mPath.parse("/3303/0/5700");
    assertThat(codec.encode(SingleResource.of(5700, Value.ofInteger(3)), path, LOOKUP)).isEqualTo(hex("FA 40 40 00 00"));
  }

  @ParameterizedTest
  @CsvSource({
      "F9 3C 00, 1.0", "F9 C4 00, -4.0", "F9 00 01, 5.960464477539063E-8", "FA 41 B4 00 00, 22.5",
      "18 64, 100.0", "38 63, -100.0", "1B FF FF FF FF FF FF FF FF, 1.8446744073709552E19",
      "C4 82 21 19 6A B3, 273.15", "C4 82 01 05, 50.0", "C4 82 20 38 0E, -1.5", "D9 D9 F7 FA 41 B4 00 00, 22.5",
      "F9 7C 00, Infinity"})
  void floatResourcesAcceptAnyNumberForm(String cbor, double expected) {
    assertThat(decode(single(ResourceType.FLOAT), cbor)).isEqualTo(Value.ofFloat(expected));
  }

  @Test
  void decimalFractionBeyondDoubleRangeIsRejected() {
    assertThatThrownBy(() -> decode(single(ResourceType.FLOAT), "C4 82 1A 7F FF FF FF 01"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("out of the range of a 64-bit float");
  }

  @ParameterizedTest
  @CsvSource({
      "1A 65 53 F1 00, 1700000000",
      "C1 1A 65 53 F1 00, 1700000000",
      "C1 FB 41 D9 54 FC 40 30 00 00, 1700000000",
      "C1 FA 4E CA A7 E2, 1700000000",
      "C1 3A 00 01 51 7F, -86400",
      "C0 74 32 30 32 33 2D 31 31 2D 31 34 54 32 32 3A 31 33 3A 32 30 5A, 1700000000",
      "C0 78 1B 32 30 32 33 2D 31 31 2D 31 34 54 32 33 3A 31 33 3A 32 30 2E 35 2B 30 31 3A 30 30, 1700000000",
      "D9 D9 F7 C1 1A 65 53 F1 00, 1700000000"})
  void timeResourcesAcceptIntegersEpochTagsAndDateStrings(String cbor, long expected) {
    assertThat(decode(LwM2mPath.parse("/3/0/13"), cbor)).isEqualTo(Value.ofTime(expected));
  }

  @Test
  void chunkedStringsAndBytesAreJoined() {
    assertThat(decode(LwM2mPath.parse("/3/0/0"), "7F 62 4F 70 62 65 6E FF")).isEqualTo(Value.of("Open"));
    assertThat(decode(LwM2mPath.parse("/3/0/0"), "7F FF")).isEqualTo(Value.of(""));
    assertThat(decode(LwM2mPath.parse("/5/0/0"), "5F 41 01 42 02 03 FF")).isEqualTo(Value.of(new byte[] {1, 2, 3}));
  }

  @Test
  void unsignedResourcesTakeTheFullRangeAndNothingNegative() {
    LwM2mPath path = single(ResourceType.UNSIGNED_INTEGER);
    assertThat(decode(path, "1B 80 00 00 00 00 00 00 00")).isEqualTo(Value.ofUnsigned(Long.MIN_VALUE));
    assertThatThrownBy(() -> decode(path, "20"))
        .isInstanceOf(CodecException.class)
        .hasMessage("Unsigned Integer value -1 is out of the range 0..18446744073709551615 (at byte 0)");
  }

  @Test
  void integersBeyondSixtyFourBitsAreRejected() {
    assertThatThrownBy(() -> decode(LwM2mPath.parse("/3/0/9"), "1B FF FF FF FF FF FF FF FF"))
        .isInstanceOf(CodecException.class)
        .hasMessage("Integer value 18446744073709551615 is out of the signed 64-bit range (at byte 0)");
    assertThatThrownBy(() -> decode(LwM2mPath.parse("/3/0/9"), "3B 80 00 00 00 00 00 00 00"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("out of the signed 64-bit range");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/3/0/9|64 31 30 30 30|an integer in CBOR, found a text string",
      "/3/0/9|FA 41 B4 00 00|an integer in CBOR, found a float",
      "/3/0/9|F6|an integer in CBOR, found null",
      "/3/0/0|18 64|a text string in CBOR, found an integer",
      "/3/0/0|43 01 02 03|a text string in CBOR, found a byte string",
      "/5/0/0|63 01 02 03|a byte string in CBOR, found a text string",
      "/5/0/0|F7|a byte string in CBOR, found undefined",
      "/1/0/6|01|true or false in CBOR, found an integer",
      "/1/0/6|F0|true or false in CBOR, found simple value",
      "/3/0/9|F0|an integer in CBOR, found simple value",
      "/3/0/13|FB 41 D9 54 FC 40 00 00 00|a tag 1 epoch time or a tag 0 date/time string in CBOR, found a float",
      "/3/0/13|74 32 30 32 33 2D 31 31 2D 31 34 54 32 32 3A 31 33 3A 32 30 5A|found a text string",
      "/3/0/9|82 01 02|an integer in CBOR, found an array",
      "/3/0/0|A1 00 00|a text string in CBOR, found a map"})
  void wrongKindOfItemIsRejected(String path, String cbor, String message) {
    assertThatThrownBy(() -> decode(LwM2mPath.parse(path), cbor))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((CodecException) e).offset()).isPresent());
  }

  @Test
  void nestingBombIsRejectedAtItsFirstByte() {
    byte[] bomb = new byte[60_000];
    java.util.Arrays.fill(bomb, (byte) 0x9F);
    assertThatThrownBy(() -> codec.decode(bomb, LwM2mPath.parse("/3/0/9"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("a Integer value must be an integer in CBOR, found an array (at byte 0)");
  }

  @Test
  void trailingDataIsRejectedWithItsOffset() {
    assertThatThrownBy(() -> decode(LwM2mPath.parse("/3/0/9"), "18 64 00"))
        .isInstanceOf(CodecException.class)
        .hasMessage("trailing data after the CBOR Integer value; the payload must hold exactly one data item (at byte 2)");
    assertThatThrownBy(() -> decode(LwM2mPath.parse("/3/0/0"), "61 61 FF"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("trailing data");
  }

  @Test
  void emptyPayloadIsRejected() {
    assertThatThrownBy(() -> codec.decode(new byte[0], LwM2mPath.parse("/3/0/9"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessage("empty CBOR payload; expected one Integer value");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/3/0/9|19 01|CBOR: payload ends inside a data item head (at byte 0)",
      "/3/0/0|64 4F 70|CBOR: text string declares 4 bytes but only 2 remain (at byte 0)",
      "/5/0/0|5B FF FF FF FF FF FF FF FF|CBOR: byte string declares 18446744073709551615 bytes but only 0 remain (at byte 0)",
      "/5/0/0|5A 00 03 D0 90 00|CBOR: byte string declares 250000 bytes but only 1 remain (at byte 0)",
      "/3/0/0|7F 61 61|CBOR: payload ends where a data item should start (at byte 3)",
      "/3/0/0|7F 41 61 FF|CBOR: a chunked text string may only hold definite text strings (at byte 1)",
      "/5/0/0|5F 41 01 5F 41 02 FF FF|CBOR: a chunked byte string may only hold definite byte strings (at byte 3)",
      "/3/0/9|1C|uses reserved additional information 28 (at byte 0)",
      "/3/0/9|FF|found a break (0xFF) outside an indefinite-length item (at byte 0)",
      "/3/0/13|C1|CBOR: payload ends where a data item should start (at byte 1)"})
  void truncatedOrMalformedItemsAreRejected(String path, String cbor, String message) {
    assertThatThrownBy(() -> decode(LwM2mPath.parse(path), cbor))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "62 C0 80|invalid UTF-8 in string value (at byte 1)",
      "63 ED A0 80|invalid UTF-8 in string value (at byte 1)",
      "64 F4 90 80 80|invalid UTF-8 in string value (at byte 1)",
      "7F 61 C3 61 A9 FF|invalid UTF-8 in string value (at byte 2)",
      "62 E2 82|invalid UTF-8 in string value (at byte 1)"})
  void textThatIsNotStrictUtf8IsRejected(String cbor, String message) {
    assertThatThrownBy(() -> decode(LwM2mPath.parse("/3/0/0"), cbor))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "/3/0/9|C2 41 01|CBOR tag 2 is not accepted for a Integer value",
      "/3/0/9|C1 1A 65 53 F1 00|CBOR tag 1 is not accepted for a Integer value",
      "/3/0/0|D8 20 61 61|CBOR tag 32 is not accepted for a String value",
      "/3/0/0|D9 01 00 61 61|CBOR tag 256 is not accepted",
      "/3/0/13|C1 C1 1A 65 53 F1 00|CBOR tag 1 nested inside tag 1",
      "/3/0/13|D9 D9 F7 D9 D9 F7 D9 D9 F7 D9 D9 F7 00|more than 3 CBOR tags",
      "/3/0/13|C0 1A 65 53 F1 00|tag 0 (date/time string) must wrap a text string",
      "/3/0/13|C1 61 31|tag 1 (epoch time) must wrap an integer or a float",
      "/3/0/13|C1 F5|tag 1 (epoch time) must wrap an integer or a float",
      "/3/0/13|C1 FB 7F F0 00 00 00 00 00 00|is not a finite 64-bit number of seconds",
      "/3/0/13|C0 6A 32 30 32 33 2D 31 31 2D 31 34|is not an RFC 3339 date-time",
      "/3303/0/5700|C4 82 21 C2 41 80|tag 4 (decimal fraction) must wrap [exponent, mantissa]",
      "/3303/0/5700|C4 82 3A 7F FF FF FF 01|tag 4 (decimal fraction) must wrap",
      "/3303/0/5700|C4 83 21 01 01|tag 4 (decimal fraction) must wrap",
      "/3303/0/5700|C4 9F 21 01 FF|tag 4 (decimal fraction) must wrap",
      "/3303/0/5700|C4 18 64|tag 4 (decimal fraction) must wrap",
      "/66/0/2|64 36 36 3A 78|CBOR Objlnk text '66:x' is not oid:iid"})
  void unexpectedTagsAndBadTaggedContentAreRejected(String path, String cbor, String message) {
    assertThatThrownBy(() -> decode(LwM2mPath.parse(path), cbor))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(message);
  }

  @Test
  void targetsAreCheckedLikeTheOtherSingleValueFormats() {
    assertThatThrownBy(() -> decode(LwM2mPath.parse("/3/0/7"), "19 0E D8"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("is multiple-instance; application/cbor carries one value");
    assertThatThrownBy(() -> decode(LwM2mPath.parse("/1/0/8"), "F6"))
        .isInstanceOf(CodecException.class)
        .hasMessage("resource /1/0/8 (Registration Update Trigger) is executable and has no value to carry in application/cbor");
    assertThatThrownBy(() -> decode(LwM2mPath.parse("/1/0"), "00"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("/1/0 is an object instance");
  }

  @Test
  void unpairedSurrogateCannotBeEncoded() {
    assertThatThrownBy(() -> codec.encode(SingleResource.of(0, Value.of("\uDC00")), LwM2mPath.parse("/3/0/0"), LOOKUP))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void everyTypeRoundTripsAtResourceAndInstancePaths() {
    Value[] values = {
        Value.of("ü"), Value.ofInteger(-1), Value.ofUnsigned(1L << 63), Value.ofFloat(1e300), Value.of(false),
        Value.of(new byte[300]), Value.ofTime(-1), Value.ofObjlnk(65535, 65535), Value.ofCorelnk("</3>;ver=1.1")};
    for (Value value : values) {
      for (LwM2mPath path : new LwM2mPath[] {single(value.type()), instance(value.type())}) {
        LwM2mNode node = path.isResource()
            ? SingleResource.of(path.resourceId(), value)
            : LwM2mResourceInstance.of(path.resourceInstanceId(), value);
        assertThat(codec.decode(codec.encode(node, path, LOOKUP), path, LOOKUP)).isEqualTo(node);
      }
    }
  }

  private void assertVector(String path, Value value, String cbor) {
    LwM2mPath target = LwM2mPath.parse(path);
    LwM2mNode node = SingleValueTarget.nodeAt(target, value);
    assertThat(HexFormat.of().withUpperCase().formatHex(codec.encode(node, target, LOOKUP)))
        .as("encode %s", value)
        .isEqualTo(cbor.replace(" ", ""));
    assertThat(codec.decode(hex(cbor), target, LOOKUP)).as("decode %s", cbor).isEqualTo(node);
  }

  private Value decode(LwM2mPath path, String cbor) {
    LwM2mNode node = codec.decode(hex(cbor), path, LOOKUP);
    return node instanceof SingleResource single ? single.value() : ((LwM2mResourceInstance) node).value();
  }
}
