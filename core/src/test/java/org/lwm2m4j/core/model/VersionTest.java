package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionTest {
  @Test
  void parsesAndOrdersNumerically() {
    assertThat(Version.parse("1.1")).isEqualTo(Version.V1_1);
    assertThat(Version.parse("2")).isEqualTo(new Version(2, 0));
    assertThat(Version.parse("1.2.1")).isEqualTo(Version.V1_2);
    assertThat(Version.parse("1.10")).isGreaterThan(Version.parse("1.9"));
  }

  @Test
  void rejectsMalformedText() {
    for (String bad : new String[] {"", "1.", ".1", "a.b", "1.2.3.4", "-1.0", "1.0x"}) {
      assertThatThrownBy(() -> Version.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void exactParsingTakesOnlyMajorDotMinorWithoutLeadingZeros() {
    assertThat(Version.parseExact("1.0")).isEqualTo(Version.V1_0);
    assertThat(Version.parseExact("1.10")).isEqualTo(new Version(1, 10));
    assertThat(Version.parseExact("10.0")).isEqualTo(new Version(10, 0));
    for (String bad : new String[] {"", "1", "1.", ".1", "01.1", "1.01", "00.0", "1.1.1", " 1.1", "1.1 ", "+1.1", "1.x",
        "\u0661.\u0661", "1.99999"}) {
      assertThatThrownBy(() -> Version.parseExact(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void objectModelsDeriveTheirUrnAndFindResourcesById() {
    ObjectModel model = new ObjectModel(3303, "Temperature", "", Version.V1_1, Version.V1_0, "", true, false,
        java.util.List.of(ResourceModel.of(5700, "Sensor Value", Operations.R, false, true, ResourceType.FLOAT),
            ResourceModel.of(5701, "Sensor Units", Operations.R, false, false, ResourceType.STRING)));
    assertThat(model.urn()).isEqualTo("urn:oma:lwm2m:ext:3303:1.1");
    assertThat(model.resource(5700)).map(ResourceModel::type).contains(ResourceType.FLOAT);
    assertThat(model.resource(5)).isEmpty();
    assertThat(ObjectModel.defaultUrn(3, Version.V1_0)).isEqualTo("urn:oma:lwm2m:oma:3");
  }

  @Test
  void commonVersionsParseToOneSharedInstanceSoRegistrationsDoNotEachKeepACopy() {
    assertThat(Version.parseExact("1.1")).isSameAs(Version.V1_1).isSameAs(Version.parse("1.1"));
    assertThat(Version.parseExact("1.2")).isSameAs(Version.parseExact("1.2"));
    assertThat(Version.of(3, 15)).isSameAs(Version.of(3, 15));
    assertThat(Version.parseExact("4.0")).isEqualTo(new Version(4, 0));
    assertThat(Version.parseExact("1.16")).isEqualTo(new Version(1, 16));
  }
}
