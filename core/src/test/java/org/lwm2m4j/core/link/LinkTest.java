package org.lwm2m4j.core.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.path.LwM2mPath;

class LinkTest {
  @Test
  void pathInterpretsPlainLwM2mTargets() {
    assertThat(Link.of("/").path()).contains(LwM2mPath.ROOT);
    assertThat(Link.of("/3/0/7/1").path()).contains(LwM2mPath.parse("/3/0/7/1"));
    assertThat(Link.of("/1/0/").path()).contains(LwM2mPath.parse("/1/0"));
    assertThat(Link.of("/lwm2m/1/0").path()).isEmpty();
    assertThat(Link.of("/1/0//").path()).isEmpty();
    assertThat(Link.of("/65535").path()).isEmpty();
    assertThat(Link.of("coap://host/1").path()).isEmpty();
    assertThat(Link.of("", LinkAttribute.of("lwm2m", "1.0")).path()).isEmpty();
  }

  @Test
  void pathUnderStripsTheAlternateRoot() {
    assertThat(Link.of("/lwm2m/3/0").pathUnder("/lwm2m")).contains(LwM2mPath.parse("/3/0"));
    assertThat(Link.of("/lwm2m/3/0").pathUnder("/lwm2m/")).contains(LwM2mPath.parse("/3/0"));
    assertThat(Link.of("/lwm2m").pathUnder("/lwm2m")).contains(LwM2mPath.ROOT);
    assertThat(Link.of("/lwm2m/").pathUnder("/lwm2m")).contains(LwM2mPath.ROOT);
    assertThat(Link.of("/lwm2mx/3").pathUnder("/lwm2m")).isEmpty();
    assertThat(Link.of("/3/0").pathUnder("/lwm2m")).isEmpty();
    assertThat(Link.of("/3/0").pathUnder("/")).contains(LwM2mPath.parse("/3/0"));
    assertThat(Link.of("/3/0").pathUnder("")).contains(LwM2mPath.parse("/3/0"));
  }

  @Test
  void attributeLookupIgnoresAsciiCaseAndReportsBareParameters() {
    Link link = Link.of("/1", LinkAttribute.of("Q"), LinkAttribute.of("ver", "1.1"));
    assertThat(link.attribute("q")).contains(LinkAttribute.of("Q"));
    assertThat(link.value("Q")).isEmpty();
    assertThat(link.value("VER")).contains("1.1");
    assertThat(link.attribute("pmin")).isEmpty();
  }

  @Test
  void attributesAreCopiedAndImmutable() {
    List<LinkAttribute> attributes = new ArrayList<>(List.of(LinkAttribute.of("a")));
    Link link = new Link("/1", attributes);
    attributes.add(LinkAttribute.of("b"));
    assertThat(link.attributes()).containsExactly(LinkAttribute.of("a"));
  }

  @Test
  void invalidTargetsAndNamesAreRefused() {
    assertThatThrownBy(() -> Link.of("/1>")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Link.of("/1 /2")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Link.of("")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bare element");
    assertThatThrownBy(() -> Link.of("", LinkAttribute.of("Q"))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkAttribute.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkAttribute.of("a;b", "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LinkAttribute.of("a b")).isInstanceOf(IllegalArgumentException.class);
  }
}
