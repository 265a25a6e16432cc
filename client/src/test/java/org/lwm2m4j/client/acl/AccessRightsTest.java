package org.lwm2m4j.client.acl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessRightsTest {
  @Test
  void theBitsAreTheSpecsReadWriteExecuteDeleteCreate() {
    assertThat(AccessRight.READ.bit()).isEqualTo(1);
    assertThat(AccessRight.WRITE.bit()).isEqualTo(2);
    assertThat(AccessRight.EXECUTE.bit()).isEqualTo(4);
    assertThat(AccessRight.DELETE.bit()).isEqualTo(8);
    assertThat(AccessRight.CREATE.bit()).isEqualTo(16);
  }

  @Test
  void anOwnerHasReadWriteExecuteDeleteButNotCreate() {
    assertThat(AccessRights.OWNER.mask()).isEqualTo(15);
    assertThat(AccessRights.OWNER.allows(AccessRight.CREATE)).isFalse();
  }

  @Test
  void reservedBitsAreDropped() {
    AccessRights rights = new AccessRights(0x21);

    assertThat(rights.mask()).isEqualTo(1);
    assertThat(rights).hasToString("R");
  }

  @Test
  void printsAsLetters() {
    assertThat(new AccessRights(31)).hasToString("RWEDC");
    assertThat(AccessRights.of(AccessRight.WRITE, AccessRight.DELETE)).hasToString("WD");
    assertThat(AccessRights.NONE).hasToString("none");
  }

  @Test
  void eachOperationNeedsTheRightTheSpecNames() {
    assertThat(Operation.READ.requiredRight()).contains(AccessRight.READ);
    assertThat(Operation.OBSERVE.requiredRight()).contains(AccessRight.READ);
    assertThat(Operation.WRITE_ATTRIBUTES.requiredRight()).contains(AccessRight.READ);
    assertThat(Operation.WRITE.requiredRight()).contains(AccessRight.WRITE);
    assertThat(Operation.EXECUTE.requiredRight()).contains(AccessRight.EXECUTE);
    assertThat(Operation.DELETE.requiredRight()).contains(AccessRight.DELETE);
    assertThat(Operation.CREATE.requiredRight()).contains(AccessRight.CREATE);
    assertThat(Operation.DISCOVER.requiredRight()).isEmpty();
  }
}
