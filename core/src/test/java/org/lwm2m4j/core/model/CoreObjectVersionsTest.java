package org.lwm2m4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoreObjectVersionsTest {
  private static final Version V1_3 = new Version(1, 3);

  private static List<String> release(Version lwm2mVersion) {
    return List.of(0, 1, 2, 3, 4, 5, 6, 7).stream()
        .map(id -> CoreObjectVersions.of(id, lwm2mVersion).orElseThrow().toString())
        .toList();
  }

  @Test
  void eachReleaseDefinesItsCoreObjectVersions() {
    assertThat(release(Version.V1_0)).containsExactly("1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0", "1.0");
    assertThat(release(Version.V1_1)).containsExactly("1.1", "1.1", "1.0", "1.1", "1.2", "1.0", "1.0", "1.0");
    assertThat(release(Version.V1_2)).containsExactly("1.2", "1.2", "1.1", "1.2", "1.3", "1.1", "1.0", "1.0");
  }

  @Test
  void otherObjectsAndUnknownReleasesHaveNoDefault() {
    assertThat(CoreObjectVersions.of(3303, Version.V1_1)).isEmpty();
    assertThat(CoreObjectVersions.of(3, V1_3)).isEqualTo(Optional.empty());
    assertThat(CoreObjectVersions.isKnownRelease(Version.V1_2)).isTrue();
    assertThat(CoreObjectVersions.isKnownRelease(V1_3)).isFalse();
  }

  @Test
  void verIsImpliedForTheReleasesOwnVersionsAndForOneDotZeroElsewhere() {
    assertThat(CoreObjectVersions.isImplied(1, Version.V1_1, Version.V1_1)).isTrue();
    assertThat(CoreObjectVersions.isImplied(1, Version.V1_2, Version.V1_1)).isFalse();
    assertThat(CoreObjectVersions.isImplied(1, Version.V1_0, Version.V1_1)).isFalse();
    assertThat(CoreObjectVersions.isImplied(3, Version.V1_0, Version.V1_0)).isTrue();
    assertThat(CoreObjectVersions.isImplied(4, V1_3, Version.V1_2)).isTrue();
    assertThat(CoreObjectVersions.isImplied(3303, Version.V1_0, Version.V1_1)).isTrue();
    assertThat(CoreObjectVersions.isImplied(3303, Version.V1_1, Version.V1_0)).isFalse();
    assertThat(CoreObjectVersions.isImplied(3, Version.V1_1, V1_3)).isFalse();
  }

  @Test
  void everyCoreVersionOfEveryReleaseIsBundled() {
    for (Version release : List.of(Version.V1_0, Version.V1_1, Version.V1_2)) {
      for (int id = 0; id <= 7; id++) {
        Version version = CoreObjectVersions.of(id, release).orElseThrow();
        assertThat(ObjectModelRegistry.bundled().objectModel(id, version))
            .as("bundled model of /%s version %s (LwM2M %s)", id, version, release)
            .isPresent();
      }
    }
  }
}
