package org.lwm2m4j.core.attribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.link.LinkFormatWriter;

class NotificationAttributesTest {
  // The spec's inheritance example: /3 pmin=10, /3/0 pmax=60, /3/0/7 gt=50;lt=42.2, /3/0/7/1 lt=45.
  private static final NotificationAttributes OBJECT = NotificationAttributes.NONE.withPmin(10);
  private static final NotificationAttributes INSTANCE = NotificationAttributes.NONE.withPmax(60);
  private static final NotificationAttributes RESOURCE = NotificationAttributes.NONE.withGt(50).withLt(42.2);
  private static final NotificationAttributes RESOURCE_INSTANCE = NotificationAttributes.NONE.withLt(45);

  @Test
  void theEmptySetHasNoAttribute() {
    assertThat(NotificationAttributes.NONE.isEmpty()).isTrue();
    assertThat(NotificationAttributes.NONE.names()).isEmpty();
    assertThat(NotificationAttributes.NONE.pmin()).isEmpty();
    assertThat(NotificationAttributes.NONE.edge()).isEmpty();
    assertThat(NotificationAttributes.NONE.toLinkAttributes()).isEmpty();
  }

  @Test
  void withersReturnModifiedCopies() {
    NotificationAttributes a = NotificationAttributes.NONE.withPmin(10);
    NotificationAttributes b = a.withPmin(20).withCon(true);
    assertThat(a.pmin()).hasValue(10);
    assertThat(b.pmin()).hasValue(20);
    assertThat(b.con()).contains(true);
    assertThat(b.names()).containsExactly(NotificationAttribute.PMIN, NotificationAttribute.CON);
    assertThat(b.without(NotificationAttribute.PMIN).names()).containsExactly(NotificationAttribute.CON);
    assertThat(a.without(NotificationAttribute.GT)).isSameAs(a);
  }

  @Test
  void setsWithTheSameValuesAreEqualWhateverTheOrderTheyWereBuiltIn() {
    NotificationAttributes a = NotificationAttributes.NONE.withGt(1).withPmin(2);
    NotificationAttributes b = NotificationAttributes.NONE.withPmin(2).withGt(1);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString("NotificationAttributes[pmin=2;gt=1]");
    assertThat(a).isNotEqualTo(b.withGt(1.5));
  }

  @Test
  void withersRejectValuesOutsideTheAttributeDomain() {
    assertThatThrownBy(() -> NotificationAttributes.NONE.withPmin(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotificationAttributes.NONE.withPmax(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotificationAttributes.NONE.withEpmin(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotificationAttributes.NONE.withEpmax(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotificationAttributes.NONE.withHqmax(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotificationAttributes.NONE.withSt(-0.1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotificationAttributes.NONE.withGt(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> NotificationAttributes.NONE.withLt(Double.NEGATIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void orElseResolvesAttributeByAttribute() {
    NotificationAttributes specific = NotificationAttributes.NONE.withPmin(1).withGt(5);
    NotificationAttributes general = NotificationAttributes.NONE.withPmin(10).withPmax(60);
    assertThat(specific.orElse(general))
        .isEqualTo(NotificationAttributes.NONE.withPmin(1).withPmax(60).withGt(5));
  }

  @Test
  void specExampleEffectiveForTheResource() {
    NotificationAttributes effective = NotificationAttributes.effective(
        OBJECT, INSTANCE, RESOURCE, NotificationAttributes.NONE, ServerDefaults.NONE);
    assertThat(effective)
        .isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(60).withGt(50).withLt(42.2));
  }

  @Test
  void specExampleEffectiveForTheResourceInstance() {
    NotificationAttributes effective = NotificationAttributes.effective(
        OBJECT, INSTANCE, RESOURCE, RESOURCE_INSTANCE, ServerDefaults.NONE);
    assertThat(effective)
        .isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(60).withGt(50).withLt(45));
  }

  @Test
  void specExampleDiscoverShowsTheResourceEffectiveSetAndTheInstanceOwnValues() {
    NotificationAttributes resource = NotificationAttributes.effective(
        OBJECT, INSTANCE, RESOURCE, NotificationAttributes.NONE, ServerDefaults.NONE);
    List<LinkAttribute> resourceParameters = new ArrayList<>(List.of(LinkAttribute.of("dim", "2")));
    resourceParameters.addAll(resource.toLinkAttributes());
    List<Link> links = List.of(
        new Link("/3/0/7", resourceParameters),
        new Link("/3/0/7/0", NotificationAttributes.NONE.toLinkAttributes()),
        new Link("/3/0/7/1", RESOURCE_INSTANCE.toLinkAttributes()));

    assertThat(LinkFormatWriter.write(links))
        .isEqualTo("</3/0/7>;dim=2;pmin=10;pmax=60;gt=50;lt=42.2,</3/0/7/0>,</3/0/7/1>;lt=45");
  }

  @Test
  void linkAttributesFollowSpecOrderWithCanonicalValues() {
    NotificationAttributes all = NotificationAttributes.NONE.withHqmax(3).withCon(true).withEdge(false)
        .withEpmax(20).withEpmin(2).withSt(0.5).withLt(-1).withGt(30.25).withPmax(0).withPmin(5);
    assertThat(all.toLinkAttributes()).extracting(LinkAttribute::toString).containsExactly(
        "pmin=5", "pmax=0", "gt=30.25", "lt=-1", "st=0.5", "epmin=2", "epmax=20", "edge=0", "con=1", "hqmax=3");
  }

  @Test
  void serverDefaultsFillOnlyWhatNoLevelAssigns() {
    ServerDefaults defaults = new ServerDefaults(OptionalLong.of(1), OptionalLong.of(300), Optional.of(true));
    NotificationAttributes effective = NotificationAttributes.effective(
        OBJECT, NotificationAttributes.NONE, NotificationAttributes.NONE, NotificationAttributes.NONE, defaults);
    assertThat(effective).isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(300).withCon(true));
  }

  @Test
  void absentServerDefaultsLeaveAttributesAbsent() {
    NotificationAttributes effective = NotificationAttributes.effective(NotificationAttributes.NONE,
        NotificationAttributes.NONE, NotificationAttributes.NONE, NotificationAttributes.NONE, ServerDefaults.NONE);
    assertThat(effective.isEmpty()).isTrue();
    assertThat(new ServerDefaults(OptionalLong.of(5), OptionalLong.empty(), Optional.empty()).asAttributes())
        .isEqualTo(NotificationAttributes.NONE.withPmin(5));
  }

  @Test
  void negativeServerDefaultsAreRejected() {
    assertThatThrownBy(() -> new ServerDefaults(OptionalLong.of(-1), OptionalLong.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void attributesAreKnownByTheirLinkNames() {
    assertThat(NotificationAttribute.fromLinkName("hqmax")).contains(NotificationAttribute.HQMAX);
    assertThat(NotificationAttribute.fromLinkName("dim")).isEmpty();
    assertThat(NotificationAttribute.GT.isResourceLevelOnly()).isTrue();
    assertThat(NotificationAttribute.PMIN.isResourceLevelOnly()).isFalse();
  }
}
