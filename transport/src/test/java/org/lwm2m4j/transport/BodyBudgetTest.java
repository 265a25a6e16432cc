package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
  private final BodyBudget budget = new BodyBudget(100, 250);

  @Test
  void takesWithinBothCapsAndCountsPerPeerAndInTotal() {
    assertThat(budget.take("a", 60)).isEqualTo(BodyBudget.Cap.NONE);
    assertThat(budget.take("a", 40)).isEqualTo(BodyBudget.Cap.NONE);
    assertThat(budget.take("b", 30)).isEqualTo(BodyBudget.Cap.NONE);
    assertThat(budget.heldBy("a")).isEqualTo(100);
    assertThat(budget.heldBy("b")).isEqualTo(30);
    assertThat(budget.held()).isEqualTo(130);
  }

  @Test
  void aPeerPastItsCapIsRefusedAndNothingChanges() {
    budget.take("a", 90);
    assertThat(budget.take("a", 11)).isEqualTo(BodyBudget.Cap.PER_PEER);
    assertThat(budget.heldBy("a")).isEqualTo(90);
    assertThat(budget.held()).isEqualTo(90);
    assertThat(budget.limit(BodyBudget.Cap.PER_PEER)).isEqualTo(100);
  }

  @Test
  void peersPastTheTotalCapAreRefusedEvenWithinTheirOwn() {
    budget.take("a", 100);
    budget.take("b", 100);
    assertThat(budget.take("c", 51)).isEqualTo(BodyBudget.Cap.TOTAL);
    assertThat(budget.take("c", 50)).isEqualTo(BodyBudget.Cap.NONE);
    assertThat(budget.held()).isEqualTo(250);
    assertThat(budget.limit(BodyBudget.Cap.TOTAL)).isEqualTo(250);
  }

  @Test
  void givingBackFreesRoomAndForgetsPeersHoldingNothing() {
    budget.take("a", 100);
    budget.take("b", 100);
    budget.giveBack("a", 100);
    assertThat(budget.heldBy("a")).isZero();
    assertThat(budget.held()).isEqualTo(100);
    assertThat(budget.take("c", 100)).isEqualTo(BodyBudget.Cap.NONE);
  }

  @Test
  void givingBackMoreThanHeldIsABug() {
    budget.take("a", 10);
    assertThatThrownBy(() -> budget.giveBack("a", 11)).isInstanceOf(IllegalStateException.class);
  }
}
