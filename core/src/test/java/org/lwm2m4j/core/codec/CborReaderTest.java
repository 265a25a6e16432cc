package org.lwm2m4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CborReaderTest {
  private static CborReader reader(String hex) {
    return new CborReader(HexFormat.of().parseHex(hex.replace(" ", "")), "Test");
  }

  @Test
  void integersBeyondTheLongRangeAreBigIntegers() {
    assertThat(reader("1B FF FF FF FF FF FF FF FF").readInteger()).isEqualTo(new BigInteger("18446744073709551615"));
    assertThat(reader("3B FF FF FF FF FF FF FF FF").readInteger()).isEqualTo(new BigInteger("-18446744073709551616"));
    assertThat(reader("3B 7F FF FF FF FF FF FF FF").readInteger()).isEqualTo(Long.MIN_VALUE);
    assertThat(reader("18 05").readInteger()).isEqualTo(5L);
  }

  @Test
  void tagsAreReadOneByOneAndLeaveTheTaggedItem() {
    CborReader reader = reader("D9 D9 F7 C1 01");
    assertThat(reader.readTag()).isEqualTo(55799L);
    assertThat(reader.readTag()).isEqualTo(1L);
    assertThat(reader.readInteger()).isEqualTo(1L);
    reader.expectEnd();
  }

  @Test
  void halfSingleAndDoubleFloatsWiden() {
    assertThat(reader("F9 3C 00").readFloat()).isEqualTo(1.0);
    assertThat(reader("F9 00 01").readFloat()).isEqualTo(0x1p-24);
    assertThat(reader("F9 FC 00").readFloat()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(reader("FA 41 B4 00 00").readFloat()).isEqualTo(22.5);
    assertThat(reader("FB 3F B9 99 99 99 99 99 9A").readFloat()).isEqualTo(0.1);
  }

  @Test
  void chunkedStringsAreJoinedAndEachChunkIsStrictUtf8() {
    assertThat(reader("7F 62 4F 70 62 65 6E FF").readText()).isEqualTo("Open");
    assertThat(reader("5F 41 01 42 02 03 FF").readBytes()).containsExactly(1, 2, 3);
    assertThatThrownBy(() -> reader("7F 61 C3 61 A9 FF").readText()).hasMessage("invalid UTF-8 in string value (at byte 2)");
    assertThatThrownBy(() -> reader("5F 5F FF FF").readBytes())
        .hasMessage("Test: a chunked byte string may only hold definite byte strings (at byte 1)");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1C                | Test: initial byte 0x1c uses reserved additional information 28 (at byte 0)",
      "3F                | Test: initial byte 0x3f has an indefinite length where none is allowed (at byte 0)",
      "19 01             | Test: payload ends inside a data item head (at byte 0)",
      "''                | Test: payload ends where a data item should start (at byte 0)",
      "61 61             | Test: expected an integer, found a text string (at byte 0)",
      "F8 20             | Test: expected an integer, found simple value 32 (at byte 0)",
      "FF                | Test: expected an integer, found a break (0xFF) outside an indefinite-length item (at byte 0)"})
  void malformedOrUnexpectedItemsAreRefusedWithTheirOffset(String hex, String message) {
    assertThatThrownBy(() -> reader(hex).readInteger()).isInstanceOf(CodecException.class).hasMessage(message);
  }

  @Test
  void declaredSizesAreCheckedBeforeAnythingIsAllocated() {
    assertThatThrownBy(() -> reader("9B 00 00 00 FF FF FF FF FF").readArrayStart())
        .hasMessage("Test: an array declares 1099511627775 elements but only 0 bytes remain (at byte 0)");
    assertThatThrownBy(() -> reader("5B 7F FF FF FF FF FF FF FF").readBytes())
        .hasMessage("Test: byte string declares 9223372036854775807 bytes but only 0 remain (at byte 0)");
  }

  @Test
  void multiValueNumbersAcceptEpochTimeAndDecimalFractionsOnly() {
    assertThat(reader("C1 05").readNumber()).isEqualTo(5L);
    assertThat(reader("C4 82 21 19 6A B3").readNumber()).isEqualTo(new java.math.BigDecimal("273.15"));
    assertThatThrownBy(() -> reader("C2 41 01").readNumber()).hasMessageContaining("CBOR tag 2 is not accepted");
    assertThatThrownBy(() -> reader("C4 82 1A 00 0F 42 41 00").readNumber()).hasMessageContaining("out of range");
  }

  @Test
  void skippingRefusesContainers() {
    CborReader reader = reader("F7 81 01");
    reader.skipScalar();
    assertThatThrownBy(reader::skipScalar).hasMessage("Test: expected a single value, found an array (at byte 1)");
  }
}
