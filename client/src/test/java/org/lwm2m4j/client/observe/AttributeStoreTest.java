package org.lwm2m4j.client.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.attribute.AttributeUpdate;
import org.lwm2m4j.core.attribute.NotificationAttributes;
import org.lwm2m4j.core.attribute.ServerDefaults;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.lwm2m4j.core.link.Link;
import org.lwm2m4j.core.link.LinkAttribute;
import org.lwm2m4j.core.link.LinkFormatWriter;
import org.lwm2m4j.core.model.ObjectModel;
import org.lwm2m4j.core.model.ObjectModelRegistry;
import org.lwm2m4j.core.model.ResourceModel;
import org.lwm2m4j.core.path.LwM2mPath;

class AttributeStoreTest {
  private static final int SERVER = 1;
  private static final int OTHER_SERVER = 2;
  private static final ObjectModel DEVICE = ObjectModelRegistry.bundled().objectModel(3).orElseThrow();

  private final AttributeStore store = new AttributeStore();

  private static LwM2mPath path(String text) {
    return LwM2mPath.parse(text);
  }

  private static Optional<ResourceModel> resourceOf(LwM2mPath path) {
    return path.depth() >= 3 ? DEVICE.resource(path.resourceId()) : Optional.empty();
  }

  /** A Write-Attributes from {@code ssid}: {@code PUT path?query…}. */
  private void write(int ssid, String path, String... query) {
    LwM2mPath target = path(path);
    store.apply(ssid, target, AttributeUpdate.parseQuery(List.of(query)), resourceOf(target));
  }

  /** Discover's text for one link. */
  private String shown(int ssid, String path, String target) {
    return LinkFormatWriter.write(List.of(Link.of(path(path), store.discovered(ssid, path(path), path(target))
        .toArray(new LinkAttribute[0]))));
  }

  /** The spec's example: /3 pmin=10, /3/0 pmax=60, /3/0/7 gt=50;lt=42.2, /3/0/7/1 lt=45. */
  @BeforeEach
  void assignTheSpecExample() {
    write(SERVER, "/3", "pmin=10");
    write(SERVER, "/3/0", "pmax=60");
    write(SERVER, "/3/0/7", "gt=50", "lt=42.2");
    write(SERVER, "/3/0/7/1", "lt=45");
  }

  @Test
  void effectiveAttributesOfAResourceInheritFromInstanceAndObject() {
    NotificationAttributes effective = store.effective(SERVER, path("/3/0/7"), ServerDefaults.NONE);

    assertThat(effective).isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(60).withGt(50).withLt(42.2));
  }

  @Test
  void effectiveAttributesOfAResourceInstanceOverrideAttributeByAttribute() {
    NotificationAttributes effective = store.effective(SERVER, path("/3/0/7/1"), ServerDefaults.NONE);

    assertThat(effective).isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(60).withGt(50).withLt(45));
  }

  @Test
  void effectiveAttributesOfAnInstanceIgnoreTheLevelsBelow() {
    assertThat(store.effective(SERVER, path("/3/0"), ServerDefaults.NONE))
        .isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(60));
  }

  @Test
  void serverDefaultsFillOnlyWhatNoLevelAssigns() {
    ServerDefaults defaults = new ServerDefaults(OptionalLong.of(1), OptionalLong.of(300), Optional.of(true));

    NotificationAttributes effective = store.effective(SERVER, path("/3/0/9"), defaults);

    assertThat(effective).isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(60).withCon(true));
  }

  @Test
  void attributesArePerServer() {
    assertThat(store.effective(OTHER_SERVER, path("/3/0/7"), ServerDefaults.NONE)).isEqualTo(NotificationAttributes.NONE);
    assertThat(store.assigned(OTHER_SERVER, path("/3"))).isEqualTo(NotificationAttributes.NONE);

    write(OTHER_SERVER, "/3", "pmin=1");
    assertThat(store.assigned(SERVER, path("/3"))).isEqualTo(NotificationAttributes.NONE.withPmin(10));
    assertThat(store.assigned(OTHER_SERVER, path("/3"))).isEqualTo(NotificationAttributes.NONE.withPmin(1));
  }

  @Test
  void aLaterWriteMergesWithWhatIsAssigned() {
    write(SERVER, "/3/0/7", "st=1");

    assertThat(store.assigned(SERVER, path("/3/0/7"))).isEqualTo(NotificationAttributes.NONE.withGt(50).withLt(42.2).withSt(1));
  }

  @Test
  void anInvalidCombinationIsRefusedAndLeavesThePreviousAttributes() {
    // lt + 2·st must stay below gt: 42.2 + 2·5 = 52.2 ≥ 50
    assertThatThrownBy(() -> write(SERVER, "/3/0/7", "st=5")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> write(SERVER, "/3/0/7", "gt=40")).isInstanceOf(InvalidRequestException.class);

    assertThat(store.assigned(SERVER, path("/3/0/7"))).isEqualTo(NotificationAttributes.NONE.withGt(50).withLt(42.2));
  }

  @Test
  void epminMustStayBelowEpmax() {
    write(SERVER, "/3/0", "epmax=30");

    assertThatThrownBy(() -> write(SERVER, "/3/0", "epmin=30")).isInstanceOf(InvalidRequestException.class);
    assertThat(store.assigned(SERVER, path("/3/0"))).isEqualTo(NotificationAttributes.NONE.withPmax(60).withEpmax(30));
  }

  @Test
  void thresholdsAreRefusedAboveResourceLevelAndOnNonNumericResources() {
    assertThatThrownBy(() -> write(SERVER, "/3/0", "gt=5")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> write(SERVER, "/3", "st=1")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> write(SERVER, "/3/0/0", "gt=1")).as("Manufacturer is a string").isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> write(SERVER, "/3/0/9", "edge=1")).as("Battery Level is an integer").isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> write(SERVER, "/3/0/4", "pmin=1")).as("Reboot is not readable").isInstanceOf(InvalidRequestException.class);

    assertThat(store.assigned(SERVER, path("/3/0"))).isEqualTo(NotificationAttributes.NONE.withPmax(60));
    assertThat(store.assigned(SERVER, path("/3/0/0"))).isEqualTo(NotificationAttributes.NONE);
  }

  @Test
  void readOnlyOrUnknownAttributesAreRefused() {
    assertThatThrownBy(() -> write(SERVER, "/3/0/7", "dim=3")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> write(SERVER, "/3", "ver=1.1")).isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> write(SERVER, "/3", "foo=1")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void aBareNameUnsetsTheAttributeAtThatLevelOnly() {
    write(SERVER, "/3/0/7", "lt");

    assertThat(store.assigned(SERVER, path("/3/0/7"))).isEqualTo(NotificationAttributes.NONE.withGt(50));
    assertThat(store.assigned(SERVER, path("/3/0/7/1"))).isEqualTo(NotificationAttributes.NONE.withLt(45));
    assertThat(store.effective(SERVER, path("/3/0/7"), ServerDefaults.NONE))
        .isEqualTo(NotificationAttributes.NONE.withPmin(10).withPmax(60).withGt(50));
  }

  @Test
  void unsettingEverythingAtALevelLetsItInheritAgain() {
    write(SERVER, "/3/0", "pmax");

    assertThat(store.assigned(SERVER, path("/3/0"))).isEqualTo(NotificationAttributes.NONE);
    assertThat(store.effective(SERVER, path("/3/0/7"), ServerDefaults.NONE).pmax()).isEmpty();
  }

  @Test
  void forgettingAServerDropsItsAttributes() {
    store.forget(SERVER);

    assertThat(store.effective(SERVER, path("/3/0/7/1"), ServerDefaults.NONE)).isEqualTo(NotificationAttributes.NONE);
  }

  /** Discover /3/0/7 shows the effective set on the target and only the assigned one below it. */
  @Test
  void discoveredShowsInheritedAttributesOnTheTargetOnly() {
    assertThat(shown(SERVER, "/3/0/7", "/3/0/7")).isEqualTo("</3/0/7>;pmin=10;pmax=60;gt=50;lt=42.2");
    assertThat(shown(SERVER, "/3/0/7/1", "/3/0/7")).isEqualTo("</3/0/7/1>;lt=45");
    assertThat(shown(SERVER, "/3/0/7/0", "/3/0/7")).isEqualTo("</3/0/7/0>");
  }

  /** Discover /3: {@code </3>;pmin=10,</3/0>;pmax=60,…,</3/0/7>;gt=50;lt=42.2}. */
  @Test
  void discoveredOfAnObjectShowsEachLevelsOwnAttributes() {
    assertThat(shown(SERVER, "/3", "/3")).isEqualTo("</3>;pmin=10");
    assertThat(shown(SERVER, "/3/0", "/3")).isEqualTo("</3/0>;pmax=60");
    assertThat(shown(SERVER, "/3/0/7", "/3")).isEqualTo("</3/0/7>;gt=50;lt=42.2");
  }

  /** Discover /3/0?depth=0: {@code </3/0>;pmin=10;pmax=60}. */
  @Test
  void discoveredOfAnInstanceTargetIncludesTheObjectLevel() {
    assertThat(shown(SERVER, "/3/0", "/3/0")).isEqualTo("</3/0>;pmin=10;pmax=60");
  }

  @Test
  void discoveredShowsNothingOfAnotherServer() {
    assertThat(shown(OTHER_SERVER, "/3/0/7", "/3/0/7")).isEqualTo("</3/0/7>");
  }
}
