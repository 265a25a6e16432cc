package org.lwm2m4j.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.VirtualScheduler;

/** Membership on virtual time: heartbeats, joining, leaving cleanly and by silence, node numbers. */
class ClusterMembershipTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration TTL = Duration.ofSeconds(4);

  private final VirtualScheduler scheduler = new VirtualScheduler();
  private final InMemoryHeartbeatBoard board = new InMemoryHeartbeatBoard();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<ClusterMembership> started = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    started.forEach(ClusterMembership::close);
  }

  private ClusterMembership join(String node) {
    ClusterMembership membership = ClusterMembership.join(board, scheduler, node, Map.of("dtls", node + ":5684"), INTERVAL, TTL);
    started.add(membership);
    return membership;
  }

  @Test
  void aNodeSeesAnotherJoinWithItsAttributes() {
    ClusterMembership a = join("a");
    a.addListener(new MembershipListener() {
      @Override
      public void joined(ClusterNode node) {
        events.add("joined " + node.id() + " " + node.attributes().get("dtls"));
      }
    });
    join("b");
    scheduler.advance(INTERVAL);

    assertThat(events).containsExactly("joined b b:5684");
    assertThat(a.liveNodes()).containsOnlyKeys("a", "b");
    assertThat(a.isLive("b")).isTrue();
  }

  @Test
  void aSilentNodeLeavesOnceItsLastHeartbeatIsOlderThanTheTimeToLive() {
    ClusterMembership a = join("a");
    join("b");
    scheduler.advance(INTERVAL);
    a.addListener(new MembershipListener() {
      @Override
      public void left(ClusterNode node) {
        events.add("left " + node.id() + " at " + scheduler.now().getEpochSecond());
      }
    });
    long silentFrom = scheduler.now().getEpochSecond();
    board.silence("b", true);

    scheduler.advance(TTL);
    assertThat(events).isEmpty();
    assertThat(a.isLive("b")).isTrue();

    scheduler.advance(INTERVAL);
    assertThat(events).containsExactly("left b at " + (silentFrom + 5));
    assertThat(a.isLive("b")).isFalse();
    assertThat(a.liveNodes()).containsOnlyKeys("a");
  }

  @Test
  void aNodeThatClosesLeavesAtTheOthersNextHeartbeat() {
    ClusterMembership a = join("a");
    ClusterMembership b = join("b");
    scheduler.advance(INTERVAL);
    a.addListener(new MembershipListener() {
      @Override
      public void left(ClusterNode node) {
        events.add("left " + node.id());
      }
    });

    b.close();
    started.remove(b);
    scheduler.advance(INTERVAL);

    assertThat(events).containsExactly("left b");
  }

  @Test
  void nodeNumbersAreDistinctAndStayWithTheNodeIdAcrossRestarts() {
    ClusterMembership a = join("a");
    ClusterMembership b = join("b");
    int numberOfB = b.number();
    b.close();
    started.remove(b);

    assertThat(a.number()).isNotEqualTo(numberOfB);
    assertThat(join("b").number()).isEqualTo(numberOfB);
  }

  @Test
  void aTimeToLiveShorterThanTwoIntervalsIsRefused() {
    assertThatThrownBy(() -> ClusterMembership.join(board, scheduler, "a", Map.of(), INTERVAL, INTERVAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two intervals");
  }
}
