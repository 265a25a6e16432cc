package org.lwm2m4j.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.path.LwM2mPath;

class LinkFormatWriterTest {
  @Test
  void writesRegisterPayloadLikeTheSpec() {
    List<Link> links = List.of(
        Link.of("/", LinkAttribute.of("rt", "oma.lwm2m"), LinkAttribute.of("ct", "60 110 112 11542 11543")),
        Link.of(LwM2mPath.parse("/1/0")),
        Link.of(LwM2mPath.parse("/3/0")));
    assertThat(LinkFormatWriter.write(links))
        .isEqualTo("</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3/0>");
  }

  @Test
  void quotesOnlyWhereNeeded() {
    assertThat(LinkFormatWriter.write(List.of(Link.of("/3/0/7", LinkAttribute.of("dim", "2"), LinkAttribute.of("pmin", "10")))))
        .isEqualTo("</3/0/7>;dim=2;pmin=10");
    assertThat(LinkFormatWriter.write(List.of(Link.of("/1", LinkAttribute.of("ver", "1.1")))))
        .isEqualTo("</1>;ver=1.1");
    assertThat(LinkFormatWriter.write(List.of(Link.of("/", LinkAttribute.of("ct", "110")))))
        .isEqualTo("</>;ct=110");
    assertThat(LinkFormatWriter.write(List.of(Link.of("/0/0", LinkAttribute.of("uri", "coaps://s1.example.com")))))
        .isEqualTo("</0/0>;uri=\"coaps://s1.example.com\"");
    assertThat(LinkFormatWriter.write(List.of(Link.of("/1", LinkAttribute.of("RT", "x"), LinkAttribute.of("empty", "")))))
        .isEqualTo("</1>;RT=\"x\";empty=\"\"");
    assertThat(LinkFormatWriter.write(List.of(Link.of("/1", LinkAttribute.of("a", "x=y")))))
        .isEqualTo("</1>;a=\"x=y\"");
  }

  @Test
  void escapesQuotesAndBackslashesInsideQuotedValues() {
    Link link = Link.of("/5", LinkAttribute.of("title", "say \"hi\", a\\b"));
    String written = LinkFormatWriter.write(List.of(link));
    assertThat(written).isEqualTo("</5>;title=\"say \\\"hi\\\", a\\\\b\"");
    assertThat(LinkFormatParser.parse(written)).containsExactly(link);
  }

  @Test
  void bareParametersAreWrittenWithoutValue() {
    assertThat(LinkFormatWriter.write(List.of(Link.of("/1", LinkAttribute.of("Q"))))).isEqualTo("</1>;Q");
  }

  @Test
  void lwm2m10BareElementIsWrittenFirstWithQuotedValues() {
    List<Link> links = List.of(
        Link.of("", LinkAttribute.of("lwm2m", "1.0"), LinkAttribute.of("x", "1")),
        Link.of("/0/0", LinkAttribute.of("ssid", "101")));
    assertThat(LinkFormatWriter.write(links)).isEqualTo("lwm2m=\"1.0\";x=\"1\",</0/0>;ssid=101");
    assertThatThrownBy(() -> LinkFormatWriter.write(List.of(links.get(1), links.get(0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("can only come first");
  }

  @Test
  void noLinksIsTheEmptyString() {
    assertThat(LinkFormatWriter.write(List.of())).isEmpty();
  }

  @Test
  void linksAndAttributesPrintAsLinkFormat() {
    assertThat(Link.of("/3/0/7", LinkAttribute.of("dim", "2"))).hasToString("</3/0/7>;dim=2");
    assertThat(LinkAttribute.of("rt", "oma.lwm2m")).hasToString("rt=\"oma.lwm2m\"");
  }
}
