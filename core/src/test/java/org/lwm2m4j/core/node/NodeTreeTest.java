package org.lwm2m4j.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.value.Value;

class NodeTreeTest {
  @Test
  void childrenAreSortedById() {
    LwM2mObjectInstance instance = LwM2mObjectInstance.of(0,
        SingleResource.of(9, Value.ofInteger(100)), SingleResource.of(0, Value.of("Open")));
    assertThat(instance.resources()).extracting(LwM2mNode::id).containsExactly(0, 9);
    assertThat(instance.resource(9)).contains(SingleResource.of(9, Value.ofInteger(100)));
    assertThat(instance.resource(5)).isEmpty();
  }

  @Test
  void duplicateChildIdsAreRejected() {
    assertThatThrownBy(() -> LwM2mObject.of(3, LwM2mObjectInstance.of(0), LwM2mObjectInstance.of(0)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
  }

  @Test
  void multipleResourceInstancesMustShareTheResourceType() {
    assertThatThrownBy(() -> MultipleResource.of(7, ResourceType.INTEGER,
        LwM2mResourceInstance.of(0, Value.ofInteger(1)), LwM2mResourceInstance.of(1, Value.of("x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("instance 1");
  }

  @Test
  void nodesAreImmutable() {
    LwM2mObject object = new LwM2mObject(3, new java.util.ArrayList<>(List.of(LwM2mObjectInstance.of(0))));
    assertThatThrownBy(() -> object.instances().add(LwM2mObjectInstance.of(1)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void reservedIdsAreRejected() {
    assertThatThrownBy(() -> SingleResource.of(65535, Value.of(true))).isInstanceOf(IllegalArgumentException.class);
  }
}
