package org.lwm2m4j.core.codec.single;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.ObjlnkValue;
import org.lwm2m4j.core.value.Value;

class TextValueParserTest {
  @Test
  void integerAcceptsTheFullSignedRange() {
    assertThat(TextValueParser.parse("-750", ResourceType.INTEGER)).isEqualTo(Value.ofInteger(-750));
    assertThat(TextValueParser.parse("0", ResourceType.INTEGER)).isEqualTo(Value.ofInteger(0));
    assertThat(TextValueParser.parse("-0", ResourceType.INTEGER)).isEqualTo(Value.ofInteger(0));
    assertThat(TextValueParser.parse("9223372036854775807", ResourceType.INTEGER))
        .isEqualTo(Value.ofInteger(Long.MAX_VALUE));
    assertThat(TextValueParser.parse("-9223372036854775808", ResourceType.INTEGER))
        .isEqualTo(Value.ofInteger(Long.MIN_VALUE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"9223372036854775808", "-9223372036854775809", "99999999999999999999999"})
  void integerOverflowIsRejected(String text) {
    assertThatThrownBy(() -> TextValueParser.parse(text, ResourceType.INTEGER))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("out of range for a signed 64-bit integer");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "+1|0", "' 1'|0", "'1 '|1", "''|0", "-|1", "1.0|1", "0x10|1", "1_000|1", "١٢|0"})
  void integerTextOutsideTheGrammarIsRejectedWithItsOffset(String text, long offset) {
    assertThatThrownBy(() -> TextValueParser.parse(text, ResourceType.INTEGER))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Integer text '" + text + "'")
        .satisfies(e -> assertThat(((CodecException) e).offset()).hasValue(offset));
  }

  @Test
  void timeIsSignedDecimalSeconds() {
    assertThat(TextValueParser.parse("1476186613", ResourceType.TIME)).isEqualTo(Value.ofTime(1476186613));
    assertThat(TextValueParser.parse("-1", ResourceType.TIME)).isEqualTo(Value.ofTime(-1));
    assertThatThrownBy(() -> TextValueParser.parse("2016-10-11T11:50:13Z", ResourceType.TIME))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("Time text");
  }

  @Test
  void unsignedReachesTwoToTheSixtyFourMinusOne() {
    assertThat(TextValueParser.parse("18446744073709551615", ResourceType.UNSIGNED_INTEGER))
        .isEqualTo(Value.ofUnsigned(-1L));
    assertThat(TextValueParser.parse("9223372036854775808", ResourceType.UNSIGNED_INTEGER))
        .isEqualTo(Value.ofUnsigned(Long.MIN_VALUE));
    assertThat(TextValueParser.parse("200", ResourceType.UNSIGNED_INTEGER)).isEqualTo(Value.ofUnsigned(200));
  }

  @ParameterizedTest
  @ValueSource(strings = {"18446744073709551616", "18446744073709551620", "100000000000000000000"})
  void unsignedOverflowIsRejected(String text) {
    assertThatThrownBy(() -> TextValueParser.parse(text, ResourceType.UNSIGNED_INTEGER))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("out of range for 0..18446744073709551615");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "-0", "+5"})
  void unsignedRejectsAnySign(String text) {
    assertThatThrownBy(() -> TextValueParser.parse(text, ResourceType.UNSIGNED_INTEGER))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no sign");
  }

  @ParameterizedTest
  @CsvSource({
      "22.5, 22.5", "-22.5, -22.5", "0.00000000006667, 6.667E-11", "6.667e-11, 6.667E-11",
      "6.667E-11, 6.667E-11", "1e3, 1000", "1E+3, 1000", "-1.5e-3, -0.0015", "42, 42", "1., 1", ".5, 0.5",
      "1e-400, 0"})
  void floatAcceptsDecimalAndExponentForms(String text, double expected) {
    assertThat(TextValueParser.parse(text, ResourceType.FLOAT)).isEqualTo(Value.ofFloat(expected));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "NaN|0", "Infinity|0", "-Infinity|1", "0x1p3|1", "''|0", "' 1.5'|0", "'1.5 '|3", "+1.5|0",
      "1.5f|3", "1.5d|3", "1e|2", "1e+|3", ".|1", "-.e1|2", "1.2.3|3"})
  void floatTextOutsideTheGrammarIsRejected(String text, long offset) {
    assertThatThrownBy(() -> TextValueParser.parse(text, ResourceType.FLOAT))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Float text '" + text + "'")
        .satisfies(e -> assertThat(((CodecException) e).offset()).hasValue(offset));
  }

  @Test
  void floatBeyondDoubleRangeIsRejected() {
    assertThatThrownBy(() -> TextValueParser.parse("1e309", ResourceType.FLOAT))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("out of range for a 64-bit float");
  }

  @Test
  void booleanIsExactlyZeroOrOne() {
    assertThat(TextValueParser.parse("1", ResourceType.BOOLEAN)).isEqualTo(Value.of(true));
    assertThat(TextValueParser.parse("0", ResourceType.BOOLEAN)).isEqualTo(Value.of(false));
    for (String text : new String[] {"true", "false", "2", "01", "", " 1"}) {
      assertThatThrownBy(() -> TextValueParser.parse(text, ResourceType.BOOLEAN))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("must be '0' or '1'");
    }
  }

  @Test
  void opaqueIsStandardBase64WithPadding() {
    assertThat(TextValueParser.parse("AQIDBAU=", ResourceType.OPAQUE))
        .isEqualTo(Value.of(new byte[] {1, 2, 3, 4, 5}));
    assertThat(TextValueParser.parse("", ResourceType.OPAQUE)).isEqualTo(Value.of(new byte[0]));
    assertThat(TextValueParser.parse("+/+/", ResourceType.OPAQUE))
        .isEqualTo(Value.of(new byte[] {(byte) 0xFB, (byte) 0xFF, (byte) 0xBF}));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "AQIDBAU|7|multiple of 4", "AQIDBA==AQ==|6|not standard Base64", "AQID-_8=|4|not standard Base64",
      "AQIDBAV=|6|not canonical", "AR==|1|not canonical", "A===|1|not standard Base64",
      "' AQIDBAU='|9|multiple of 4", "'AQI BAU='|3|not standard Base64"})
  void opaqueTextThatIsNotStrictBase64IsRejected(String text, long offset, String problem) {
    assertThatThrownBy(() -> TextValueParser.parse(text, ResourceType.OPAQUE))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((CodecException) e).offset()).hasValue(offset));
  }

  @Test
  void objlnkIsOidColonIidAndAcceptsBothNullSpellings() {
    assertThat(TextValueParser.parse("66:0", ResourceType.OBJLNK)).isEqualTo(Value.ofObjlnk(66, 0));
    assertThat(TextValueParser.parse("65535:65535", ResourceType.OBJLNK)).isEqualTo(ObjlnkValue.NULL);
    assertThat(TextValueParser.parse("FFFF:FFFF", ResourceType.OBJLNK)).isEqualTo(ObjlnkValue.NULL);
    for (String text : new String[] {"66", "66:", ":0", "66:0:1", "65536:0", "-1:0", " 66:0", "a:b"}) {
      assertThatThrownBy(() -> TextValueParser.parse(text, ResourceType.OBJLNK))
          .isInstanceOf(CodecException.class)
          .hasMessageContaining("is not oid:iid");
    }
  }

  @Test
  void stringAndCorelnkAreTakenAsIs() {
    assertThat(TextValueParser.parse(" Open Mobile Alliance ", ResourceType.STRING))
        .isEqualTo(Value.of(" Open Mobile Alliance "));
    assertThat(TextValueParser.parse("</3/0>,</1/0>", ResourceType.CORELNK))
        .isEqualTo(Value.ofCorelnk("</3/0>,</1/0>"));
  }

  @Test
  void executableResourcesHaveNoTextValue() {
    assertThatThrownBy(() -> TextValueParser.parse("", ResourceType.NONE))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("executable resources have no value");
  }

  @Test
  void errorMessagesShortenLongInputAndEscapeControlCharacters() {
    String longText = "1".repeat(100) + "x";
    assertThatThrownBy(() -> TextValueParser.parse(longText, ResourceType.INTEGER))
        .hasMessageContaining("…(101 chars)")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(150));
    assertThatThrownBy(() -> TextValueParser.parse("1\n", ResourceType.INTEGER))
        .hasMessageContaining("'1\\n'");
  }

  @Test
  void everyTextValueRoundTripsThroughToText() {
    Value[] values = {
        Value.of("x"), Value.ofInteger(Long.MIN_VALUE), Value.ofUnsigned(-1L), Value.ofFloat(6.667e-11),
        Value.ofFloat(1e300), Value.ofFloat(-22.5), Value.ofFloat(Double.MIN_VALUE), Value.of(true),
        Value.of(new byte[] {(byte) 0xFF, 0}), Value.ofTime(-5), Value.ofObjlnk(65535, 0), Value.ofCorelnk("</1>")};
    for (Value value : values) {
      assertThat(TextValueParser.parse(value.toText(), value.type())).isEqualTo(value);
    }
  }
}
