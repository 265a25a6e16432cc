package org.lwm2m4j.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LwM2mPathTest {
  @Test
  void parsesEveryLevel() {
    assertThat(LwM2mPath.parse("/")).isEqualTo(LwM2mPath.ROOT);
    assertThat(LwM2mPath.parse("/3").isObject()).isTrue();
    assertThat(LwM2mPath.parse("/3/0").isObjectInstance()).isTrue();
    assertThat(LwM2mPath.parse("/3/0/7").isResource()).isTrue();
    LwM2mPath ri = LwM2mPath.parse("/3/0/7/1");
    assertThat(ri.isResourceInstance()).isTrue();
    assertThat(ri.objectId()).isEqualTo(3);
    assertThat(ri.instanceId()).isZero();
    assertThat(ri.resourceId()).isEqualTo(7);
    assertThat(ri.resourceInstanceId()).isEqualTo(1);
    assertThat(ri).hasToString("/3/0/7/1");
  }

  @Test
  void toleratesOneTrailingSlashAsRegistryExamplesWriteIt() {
    assertThat(LwM2mPath.parse("/3/0/")).isEqualTo(LwM2mPath.of(3, 0));
  }

  @Test
  void acceptsTheLargestValidId() {
    assertThat(LwM2mPath.parse("/65534/65534/65534/65534").ids()).containsExactly(65534, 65534, 65534, 65534);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "3/0", "//", "/3//0", "/3/0//", "/65535", "/3/-1", "/+3", "/3/0/1/2/3", "/3/a", "/ 3",
      "/99999999999"})
  void rejectsInvalidText(String text) {
    assertThatThrownBy(() -> LwM2mPath.parse(text))
        .isInstanceOf(InvalidPathException.class)
        .hasMessageContaining("path '" + text + "'");
  }

  @Test
  void rejectsReservedIdsInFactories() {
    assertThatThrownBy(() -> LwM2mPath.of(3, 65535)).isInstanceOf(InvalidPathException.class).hasMessageContaining("65535");
    assertThatThrownBy(() -> LwM2mPath.of(3, 0, 1, 2).append(3)).isInstanceOf(InvalidPathException.class);
  }

  @Test
  void ordersSegmentBySegmentWithParentsFirst() {
    List<LwM2mPath> paths = new ArrayList<>(List.of(LwM2mPath.parse("/3/0/8"), LwM2mPath.parse("/3/0/7/1"),
        LwM2mPath.parse("/3/0/7"), LwM2mPath.parse("/3"), LwM2mPath.parse("/1/0/1"), LwM2mPath.ROOT));
    paths.sort(null);
    assertThat(paths).extracting(LwM2mPath::toString)
        .containsExactly("/", "/1/0/1", "/3", "/3/0/7", "/3/0/7/1", "/3/0/8");
  }

  @Test
  void navigatesParentsAndPrefixes() {
    LwM2mPath path = LwM2mPath.of(3, 0, 7, 1);
    assertThat(path.parent()).isEqualTo(LwM2mPath.of(3, 0, 7));
    assertThat(LwM2mPath.of(3).parent()).isEqualTo(LwM2mPath.ROOT);
    assertThat(path.startsWith(LwM2mPath.of(3, 0))).isTrue();
    assertThat(path.startsWith(LwM2mPath.ROOT)).isTrue();
    assertThat(LwM2mPath.of(3, 0).startsWith(path)).isFalse();
    assertThat(LwM2mPath.of(30, 0).startsWith(LwM2mPath.of(3))).isFalse();
  }

  @Test
  void missingSegmentsAreAnError() {
    assertThatThrownBy(() -> LwM2mPath.of(3).instanceId()).isInstanceOf(IllegalStateException.class);
  }
}
