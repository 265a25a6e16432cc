package org.lwm2m4j.client.acl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.ResourceType;
import org.lwm2m4j.core.node.LwM2mObjectInstance;
import org.lwm2m4j.core.node.LwM2mResourceInstance;
import org.lwm2m4j.core.node.MultipleResource;
import org.lwm2m4j.core.node.SingleResource;
import org.lwm2m4j.core.value.Value;

class AcoInstanceTest {
  @Test
  void readsTheGovernedInstanceTheAclAndTheOwner() {
    LwM2mObjectInstance stored = LwM2mObjectInstance.of(4,
        SingleResource.of(0, Value.ofInteger(3303)),
        SingleResource.of(1, Value.ofInteger(0)),
        MultipleResource.of(2, ResourceType.INTEGER,
            LwM2mResourceInstance.of(0, Value.ofInteger(1)), LwM2mResourceInstance.of(101, Value.ofInteger(15))),
        SingleResource.of(3, Value.ofInteger(102)));

    AcoInstance aco = AcoInstance.from(stored).orElseThrow();

    assertThat(aco.id()).isEqualTo(4);
    assertThat(aco.governs(3303, 0)).isTrue();
    assertThat(aco.governs(3303, 1)).isFalse();
    assertThat(aco.acl()).isEqualTo(Map.of(0, new AccessRights(1), 101, new AccessRights(15)));
    assertThat(aco.owner()).isEqualTo(102);
  }

  @Test
  void anInstanceWithoutAclResourceHasAnEmptyAcl() {
    LwM2mObjectInstance stored = LwM2mObjectInstance.of(0, SingleResource.of(0, Value.ofInteger(3)),
        SingleResource.of(1, Value.ofInteger(0)), SingleResource.of(3, Value.ofInteger(1)));

    AcoInstance aco = AcoInstance.from(stored).orElseThrow();

    assertThat(aco.acl()).isEmpty();
    assertThat(aco.rightsOf(1)).isEqualTo(AccessRights.OWNER);
    assertThat(aco.rightsOf(2)).isEqualTo(AccessRights.NONE);
  }

  @Test
  void anInstanceMissingAMandatoryResourceGovernsNothing() {
    LwM2mObjectInstance noOwner = LwM2mObjectInstance.of(0, SingleResource.of(0, Value.ofInteger(3)),
        SingleResource.of(1, Value.ofInteger(0)));
    LwM2mObjectInstance textObjectId = LwM2mObjectInstance.of(0, SingleResource.of(0, Value.of("3")),
        SingleResource.of(1, Value.ofInteger(0)), SingleResource.of(3, Value.ofInteger(1)));

    assertThat(AcoInstance.from(noOwner)).isEmpty();
    assertThat(AcoInstance.from(textObjectId)).isEmpty();
  }

  @Test
  void rightsFollowTheSpecOrderOwnEntryThenOwnerThenDefault() {
    AcoInstance aco = new AcoInstance(0, 3303, 0, Map.of(0, new AccessRights(1), 7, new AccessRights(4)), 9);

    assertThat(aco.rightsOf(7)).hasToString("E");
    assertThat(aco.rightsOf(9)).hasToString("RWED");
    assertThat(aco.rightsOf(8)).hasToString("R");
  }

  @Test
  void theBootstrapOwnerIsNoServer() {
    AcoInstance aco = new AcoInstance(0, 3303, AcoInstance.OBJECT_LEVEL, Map.of(), AcoInstance.BOOTSTRAP_OWNER);

    assertThat(List.of(1, 2, 65534)).allSatisfy(ssid -> assertThat(aco.rightsOf(ssid)).isEqualTo(AccessRights.NONE));
  }
}
