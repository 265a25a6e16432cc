package org.lwm2m4j.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lwm2m4j.core.codec.CodecException;

class LinkFormatParserTest {
  @Test
  void emptyOrBlankInputHasNoLinks() {
    assertThat(LinkFormatParser.parse("")).isEmpty();
    assertThat(LinkFormatParser.parse(" \r\n\t")).isEmpty();
    assertThat(LinkFormatParser.parse(new byte[0])).isEmpty();
  }

  @Test
  void whitespaceAroundSeparatorsIsTolerated() {
    assertThat(LinkFormatParser.parse("  </1> ; ver = 1.1 ,\r\n\t</3/0> ;Q ; pmin=10 "))
        .containsExactly(
            Link.of("/1", LinkAttribute.of("ver", "1.1")),
            Link.of("/3/0", LinkAttribute.of("Q"), LinkAttribute.of("pmin", "10")));
  }

  @Test
  void quotedValuesMayHoldSeparatorsAndEscapes() {
    List<Link> links = LinkFormatParser.parse("</5>;title=\"a, b; c \\\"d\\\" \\\\ e\";ct=\"110 112\",</6>");
    assertThat(links).hasSize(2);
    assertThat(links.get(0).value("title")).contains("a, b; c \"d\" \\ e");
    assertThat(links.get(0).value("ct")).contains("110 112");
  }

  @Test
  void bareParametersHaveNoValueAndEmptyQuotedValuesAreEmptyStrings() {
    Link link = LinkFormatParser.parse("</1>;Q;title=\"\"").get(0);
    assertThat(link.attribute("Q")).contains(LinkAttribute.of("Q"));
    assertThat(link.value("Q")).isEmpty();
    assertThat(link.value("title")).contains("");
  }

  @Test
  void unquotedValuesMayHoldTokenCharactersAndNonAsciiText() {
    Link link = LinkFormatParser.parse("</1>;a=x:y/z?;b=<z>;c=grün").get(0);
    assertThat(link.attributes()).containsExactly(
        LinkAttribute.of("a", "x:y/z?"), LinkAttribute.of("b", "<z>"), LinkAttribute.of("c", "grün"));
  }

  @Test
  void anEqualsSignInAValueMustBeQuoted() {
    assertThat(LinkFormatParser.parse("</1>;a=\"x=y\"").get(0).value("a")).contains("x=y");
    assertThatThrownBy(() -> LinkFormatParser.parse("</1>;a=a=a"))
        .isInstanceOf(CodecException.class)
        .hasMessage("invalid link format: the unquoted value of parameter 'a' holds '='; quote it (at character 8)");
  }

  @Test
  void repeatedParametersAreKeptInOrderAndLookupFindsTheFirst() {
    Link link = LinkFormatParser.parse("</1>;ver=1.0;VER=1.1").get(0);
    assertThat(link.attributes()).hasSize(2);
    assertThat(link.value("ver")).contains("1.0");
    assertThat(link.value("Ver")).contains("1.0");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "</1>,|trailing ',' with no link after it (at character 4)",
      "</1>, |trailing ',' with no link after it (at character 4)",
      ",</1>|expected '<' to start a link, found ',' (at character 0)",
      "</1>,,</2>|expected '<' to start a link, found ',' (at character 5)",
      "</1|unterminated '<': no closing '>' (at character 0)",
      "</1>,</2|unterminated '<': no closing '>' (at character 5)",
      "<>|empty link target '<>' (at character 0)",
      "</1 >|link target has ' ' (at character 3)",
      "</<1>|link target has '<' (at character 2)",
      "</1>;title=\"abc|unterminated quoted string (at character 11)",
      "</1>;title=\"abc\\\"|unterminated quoted string (at character 11)",
      "</1>;|expected a parameter name at the end (at character 5)",
      "</1>;;a|expected a parameter name, found ';' (at character 5)",
      "</1>;=1|expected a parameter name, found '=' (at character 5)",
      "</1>;ver=|parameter 'ver' has '=' but no value (at character 9)",
      "</1>;ver=;a|parameter 'ver' has '=' but no value (at character 9)",
      "</1> </2>|expected ',' or ';' after a link, found '<' (at character 5)",
      "</1>;a=\"x\"y|expected ',' or ';' after a link, found 'y' (at character 10)",
      "</1>;a=b\"c\"|expected ',' or ';' after a link, found '\"' (at character 8)",
      "</1>x|expected ',' or ';' after a link, found 'x' (at character 4)",
      "/1|expected '<' to start a link, found '/' (at character 0)",
      "lwm2m|expected '<' to start a link (at character 0)",
      "</1>,lwm2m=\"1.0\"|expected '<' to start a link, found 'l' (at character 5)"})
  void malformedLinksAreRejectedWithTheCharacterOffset(String text, String message) {
    assertThatThrownBy(() -> LinkFormatParser.parse(text))
        .isInstanceOf(CodecException.class)
        .hasMessage("invalid link format: " + message);
  }

  @Test
  void controlCharactersAreNamed() {
    assertThatThrownBy(() -> LinkFormatParser.parse("</1>\u0000"))
        .isInstanceOf(CodecException.class)
        .hasMessage("invalid link format: expected ',' or ';' after a link, found control character U+0000 (at character 4)");
  }

  @Test
  void bytePayloadErrorsCarryTheByteOffset() {
    byte[] payload = "</ü>;x=\"grün".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LinkFormatParser.parse(payload))
        .isInstanceOf(CodecException.class)
        .hasMessage("invalid link format: unterminated quoted string (at byte 8)")
        .satisfies(e -> assertThat(((CodecException) e).offset()).hasValue(8));
  }

  @Test
  void bytePayloadMustBeStrictUtf8() {
    byte[] payload = {'<', '/', (byte) 0xC0, (byte) 0x80, '>'};
    assertThatThrownBy(() -> LinkFormatParser.parse(payload))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("invalid UTF-8");
  }

  @Test
  void oversizedInputIsRejectedBeforeParsing() {
    String huge = "</1>,".repeat(LinkFormatParser.MAX_LENGTH / 5) + "</123456>";
    assertThat(huge.length()).isGreaterThan(LinkFormatParser.MAX_LENGTH);
    assertThatThrownBy(() -> LinkFormatParser.parse(huge))
        .isInstanceOf(CodecException.class)
        .hasMessage("link format text of " + huge.length() + " characters exceeds the limit of 65536");
    assertThatThrownBy(() -> LinkFormatParser.parse(new byte[LinkFormatParser.MAX_LENGTH + 1]))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("bytes exceeds the limit of 65536");
  }

  @Test
  void linkCountIsBounded() {
    String atLimit = String.join(",", java.util.Collections.nCopies(LinkFormatParser.MAX_LINKS, "</1>"));
    assertThat(LinkFormatParser.parse(atLimit)).hasSize(LinkFormatParser.MAX_LINKS);
    assertThatThrownBy(() -> LinkFormatParser.parse(atLimit + ",</2>"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("more than 8192 links");
  }

  @Test
  void attributeCountPerLinkIsBounded() {
    String atLimit = "</1>" + ";a".repeat(LinkFormatParser.MAX_ATTRIBUTES_PER_LINK);
    assertThat(LinkFormatParser.parse(atLimit).get(0).attributes()).hasSize(LinkFormatParser.MAX_ATTRIBUTES_PER_LINK);
    assertThatThrownBy(() -> LinkFormatParser.parse(atLimit + ";b"))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("more than 64 parameters in one link");
  }

  @Test
  void resultIsImmutable() {
    List<Link> links = LinkFormatParser.parse("</1>;ver=1.1");
    assertThatThrownBy(() -> links.add(Link.of("/2"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> links.get(0).attributes().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThat(links.get(0).attribute("ver").flatMap(LinkAttribute::value)).isEqualTo(Optional.of("1.1"));
  }
}
