package org.lwm2m4j.core.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.core.path.LwM2mPath;

/**
 * Every link-format example of the spec digest (data-formats.md §8, interfaces.md §1.5, §2.1,
 * §4.2) parses to the structure it describes and is written back byte for byte once the line
 * breaks and blanks the documents add after commas are removed.
 */
class LinkFormatSpecExamplesTest {

  @ParameterizedTest
  @ValueSource(strings = {
      // interfaces.md §1.5 Bootstrap-Discover
      "</>;lwm2m=1.1,</0/0>;ssid=101;uri=\"coaps://server_1.example.com\",</0/1>,\n"
          + "</0/2>;ssid=102;uri=\"coaps://server_2.example.com\"",
      "</>;lwm2m=1.1,</0/0>;ssid=101;uri=\"coaps://s1.example.com\",</0/1>,</1/0>;ssid=101,\n</3/0>,</4>,</5>",
      "lwm2m=\"1.0\",</0/0>;ssid=101,</0/1>,</1/0>;ssid=101,</3/0>",
      // interfaces.md §2.1 Register
      "</1/0>,</1/1>,</2/0>,</2/1>,</3/0>,</4/0>,</5>",
      "</1>;ver=1.0,</1/0>,</1/1>,</3/0>",
      "</1>;ver=1.1",
      "</>;rt=\"oma.lwm2m\"",
      "</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>",
      "</>;ct=110",
      "</>;ct=\"110 112 60\"",
      "</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3/0>",
      "</>;ct=11543",
      // data-formats.md §8
      "</1/0>,</3/0>,</5>",
      "</3/0/7>;dim=2;pmin=10",
      // interfaces.md §4.2 Discover
      "</3>;pmin=10,</3/0>;pmax=60,</3/0/1>,</3/0/2>,</3/0/3>,</3/0/4>,</3/0/6>;dim=2,\n"
          + "</3/0/7>;dim=2;gt=50;lt=42.2,</3/0/8>;dim=2,</3/0/11>,</3/0/16>",
      "</1>,</1/0>,</1/4>;pmax=300",
      "</3/0>;pmin=10;pmax=60",
      "</3/0/7>;dim=2;pmin=10;pmax=60;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45",
      // trailing slashes from official examples are kept as written
      "</0/1/>,</1/0/>"})
  void specExampleIsWrittenBackByteForByte(String example) {
    String compact = example.replace("\n", "").replace(", ", ",");
    List<Link> links = LinkFormatParser.parse(example);
    assertThat(LinkFormatWriter.write(links)).isEqualTo(compact);
    assertThat(LinkFormatParser.parse(compact.getBytes(StandardCharsets.UTF_8))).isEqualTo(links);
  }

  @Test
  void bootstrapDiscoverListsSecurityInstancesWithSsidAndUri() {
    List<Link> links = LinkFormatParser.parse(
        "</>;lwm2m=1.1,</0/0>;ssid=101;uri=\"coaps://server_1.example.com\",</0/1>,\n"
            + "</0/2>;ssid=102;uri=\"coaps://server_2.example.com\"");
    assertThat(links).containsExactly(
        Link.of("/", LinkAttribute.of("lwm2m", "1.1")),
        Link.of("/0/0", LinkAttribute.of("ssid", "101"), LinkAttribute.of("uri", "coaps://server_1.example.com")),
        Link.of("/0/1"),
        Link.of("/0/2", LinkAttribute.of("ssid", "102"), LinkAttribute.of("uri", "coaps://server_2.example.com")));
    assertThat(links.get(0).path()).contains(LwM2mPath.ROOT);
    assertThat(links.get(1).value("uri")).contains("coaps://server_1.example.com");
  }

  @Test
  void lwm2m10BootstrapDiscoverBareElementIsALinkWithoutTarget() {
    List<Link> links = LinkFormatParser.parse("lwm2m=\"1.0\",</0/0>;ssid=101,</0/1>");
    assertThat(links).containsExactly(
        Link.of("", LinkAttribute.of("lwm2m", "1.0")),
        Link.of("/0/0", LinkAttribute.of("ssid", "101")),
        Link.of("/0/1"));
    assertThat(links.get(0).hasTarget()).isFalse();
    assertThat(links.get(0).path()).isEmpty();
    assertThat(links.get(0).value("lwm2m")).contains("1.0");
  }

  @Test
  void leshanRootLinkCarriesResourceTypeAndContentFormats() {
    Link root = LinkFormatParser.parse("</>;rt=\"oma.lwm2m\";ct=\"60 110 112 11542 11543\",</1/0>,</3/0>").get(0);
    assertThat(root).isEqualTo(Link.of("/", LinkAttribute.of("rt", "oma.lwm2m"),
        LinkAttribute.of("ct", "60 110 112 11542 11543")));
    assertThat(root.value("ct")).contains("60 110 112 11542 11543");
    assertThat(LinkFormatParser.parse("</>;ct=110").get(0).value("ct")).contains("110");
  }

  @Test
  void alternatePathLinksResolveUnderTheAnnouncedRoot() {
    List<Link> links = LinkFormatParser.parse("</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/1/0>,</lwm2m/3/0/>");
    String root = links.get(0).target();
    assertThat(root).isEqualTo("/lwm2m");
    assertThat(links.get(1).path()).isEmpty();
    assertThat(links.get(0).pathUnder(root)).contains(LwM2mPath.ROOT);
    assertThat(links.get(1).pathUnder(root)).contains(LwM2mPath.parse("/1/0"));
    assertThat(links.get(2).pathUnder(root)).contains(LwM2mPath.parse("/3/0"));
  }

  @Test
  void discoverOfAMultipleResourceCarriesDimAndInheritedAttributes() {
    List<Link> links = LinkFormatParser.parse(
        "</3/0/7>;dim=2;pmin=10;pmax=60;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45");
    assertThat(links).extracting(Link::path).containsExactly(
        Optional.of(LwM2mPath.parse("/3/0/7")), Optional.of(LwM2mPath.parse("/3/0/7/0")),
        Optional.of(LwM2mPath.parse("/3/0/7/1")));
    assertThat(links.get(0).attributes()).extracting(LinkAttribute::name)
        .containsExactly("dim", "pmin", "pmax", "gt", "lt");
    assertThat(links.get(0).value("lt")).contains("42.2");
    assertThat(links.get(2).value("lt")).contains("45");
  }

  @Test
  void trailingSlashTargetsAreKeptButNormalizedAsPaths() {
    List<Link> links = LinkFormatParser.parse("</0/1/>, </1/0/>");
    assertThat(links).extracting(Link::target).containsExactly("/0/1/", "/1/0/");
    assertThat(links).extracting(Link::path)
        .containsExactly(Optional.of(LwM2mPath.parse("/0/1")), Optional.of(LwM2mPath.parse("/1/0")));
  }
}
