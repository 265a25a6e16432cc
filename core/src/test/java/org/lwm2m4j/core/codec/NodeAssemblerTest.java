package org.lwm2m4j.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.node.LwM2mObject;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.core.value.Value;

class NodeAssemblerTest {
  private static PathValue leaf(String path, Value value) {
    return new PathValue(LwM2mPath.parse(path), value);
  }

  private static final List<PathValue> DEVICE_LEAVES = List.of(
      leaf("/3/0/7/1", Value.ofInteger(5000)),
      leaf("/3/0/0", Value.of("Open")),
      leaf("/3/0/7/0", Value.ofInteger(3800)),
      leaf("/3/0/9", Value.ofInteger(100)));

  private static final LwM2mObjectInstance DEVICE = LwM2mObjectInstance.of(0,
      SingleResource.of(0, Value.of("Open")),
      MultipleResource.of(7, ResourceType.INTEGER,
          LwM2mResourceInstance.of(0, Value.ofInteger(3800)), LwM2mResourceInstance.of(1, Value.ofInteger(5000))),
      SingleResource.of(9, Value.ofInteger(100)));

  @Test
  void assemblesEveryLevelFromLeavesInAnyOrder() {
    assertThat(NodeAssembler.assemble(LwM2mPath.of(3), DEVICE_LEAVES, TestModels.LOOKUP)).isEqualTo(LwM2mObject.of(3, DEVICE));
    assertThat(NodeAssembler.assemble(LwM2mPath.of(3, 0), DEVICE_LEAVES, TestModels.LOOKUP)).isEqualTo(DEVICE);
    assertThat(NodeAssembler.assemble(LwM2mPath.of(3, 0, 9), List.of(DEVICE_LEAVES.get(3)), TestModels.LOOKUP))
        .isEqualTo(SingleResource.of(9, Value.ofInteger(100)));
    assertThat(NodeAssembler.assemble(LwM2mPath.of(3, 0, 7, 1), List.of(DEVICE_LEAVES.get(0)), TestModels.LOOKUP))
        .isEqualTo(LwM2mResourceInstance.of(1, Value.ofInteger(5000)));
  }

  @Test
  void flattenAndAssembleAreInverse() {
    List<PathValue> leaves = NodeFlattener.leaves(DEVICE, LwM2mPath.of(3, 0));
    assertThat(leaves).extracting(l -> l.path().toString()).containsExactly("/3/0/0", "/3/0/7/0", "/3/0/7/1", "/3/0/9");
    assertThat(NodeAssembler.assemble(LwM2mPath.of(3, 0), leaves, TestModels.LOOKUP)).isEqualTo(DEVICE);
  }

  @Test
  void rejectsLeavesOutsideTheTarget() {
    assertThatThrownBy(() -> NodeAssembler.assemble(LwM2mPath.of(3, 1), DEVICE_LEAVES, TestModels.LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("outside the target /3/1");
  }

  @Test
  void rejectsDuplicates() {
    List<PathValue> twice = List.of(leaf("/3/0/9", Value.ofInteger(1)), leaf("/3/0/9", Value.ofInteger(2)));
    assertThatThrownBy(() -> NodeAssembler.assemble(LwM2mPath.of(3, 0), twice, TestModels.LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("duplicate value for /3/0/9");
  }

  @Test
  void rejectsWrongShapeTypeAndUnknownResources() {
    assertThatThrownBy(() -> NodeAssembler.assemble(LwM2mPath.of(3, 0), List.of(leaf("/3/0/7", Value.ofInteger(1))), TestModels.LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("multiple-instance");
    assertThatThrownBy(() -> NodeAssembler.assemble(LwM2mPath.of(3, 0), List.of(leaf("/3/0/9/0", Value.ofInteger(1))), TestModels.LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("single-instance");
    assertThatThrownBy(() -> NodeAssembler.assemble(LwM2mPath.of(3, 0), List.of(leaf("/3/0/9", Value.of("x"))), TestModels.LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("STRING").hasMessageContaining("INTEGER");
    assertThatThrownBy(() -> NodeAssembler.assemble(LwM2mPath.of(3, 0), List.of(leaf("/3/0/99", Value.of("x"))), TestModels.LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("no resource 99");
    assertThatThrownBy(() -> NodeAssembler.assemble(LwM2mPath.of(77, 0), List.of(leaf("/77/0/1", Value.of("x"))), TestModels.LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("no model for object 77");
  }

  @Test
  void compositeGroupsValuesUnderTheRequestedPaths() {
    List<PathValue> leaves = List.of(leaf("/3/0/0", Value.of("Open")), leaf("/3/0/9", Value.ofInteger(100)),
        leaf("/1/0/1", Value.ofInteger(86400)));
    Map<LwM2mPath, LwM2mNode> nodes = NodeAssembler.assembleComposite(leaves,
        List.of(LwM2mPath.of(3, 0), LwM2mPath.of(1, 0, 1), LwM2mPath.of(5)), TestModels.LOOKUP);
    assertThat(nodes).containsOnlyKeys(LwM2mPath.of(3, 0), LwM2mPath.of(1, 0, 1));
    assertThat(nodes.get(LwM2mPath.of(1, 0, 1))).isEqualTo(SingleResource.of(1, Value.ofInteger(86400)));

    Map<LwM2mPath, LwM2mNode> own = NodeAssembler.assembleComposite(leaves, List.of(), TestModels.LOOKUP);
    assertThat(own.keySet()).extracting(LwM2mPath::toString).containsExactly("/1/0/1", "/3/0/0", "/3/0/9");
  }

  @Test
  void compositeRejectsValuesThatWereNotRequested() {
    assertThatThrownBy(() -> NodeAssembler.assembleComposite(List.of(leaf("/1/0/1", Value.ofInteger(1))),
        List.of(LwM2mPath.of(3, 0)), TestModels.LOOKUP))
        .isInstanceOf(CodecException.class).hasMessageContaining("not requested");
  }

  @Test
  void flattenerChecksTheNodeAgainstThePath() {
    assertThatThrownBy(() -> NodeFlattener.leaves(DEVICE, LwM2mPath.of(3, 0, 1)))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> NodeFlattener.leaves(DEVICE, LwM2mPath.of(3, 1)))
        .isInstanceOf(CodecException.class).hasMessageContaining("does not match");
  }
}
