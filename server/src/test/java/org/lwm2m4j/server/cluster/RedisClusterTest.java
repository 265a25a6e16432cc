package org.lwm2m4j.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.server.store.redis.RedisServerProcess;

/** The bus and the heartbeats against a real redis-server on 127.0.0.1. */
class RedisClusterTest {
  private static RedisServerProcess redis;

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @Test
  void aMessageSentToANodeReachesItsSubscribersAndABroadcastReachesEveryNode() {
    try (SystemScheduler scheduler = SystemScheduler.create("bus-test");
        RedisClusterBus a = RedisClusterBus.open(redis.uri(), "a", "bus-test:", scheduler::execute);
        RedisClusterBus b = RedisClusterBus.open(redis.uri(), "b", "bus-test:", scheduler::execute)) {
      List<String> atA = new CopyOnWriteArrayList<>();
      List<String> atB = new CopyOnWriteArrayList<>();
      a.subscribe("t", (from, bytes) -> atA.add(from + ":" + new String(bytes, StandardCharsets.UTF_8)));
      b.subscribe("t", (from, bytes) -> atB.add(from + ":" + new String(bytes, StandardCharsets.UTF_8)));
      b.subscribe("other", (from, bytes) -> atB.add("other topic"));

      a.send("b", "t", "to b".getBytes(StandardCharsets.UTF_8));
      a.broadcast("t", "to all".getBytes(StandardCharsets.UTF_8));

      await().atMost(Duration.ofSeconds(10)).until(() -> atB.size() == 2 && atA.size() == 1);
      assertThat(atB).containsExactly("a:to b", "a:to all");
      assertThat(atA).containsExactly("a:to all");
    }
  }

  @Test
  void membershipSeesNodesJoinWithAttributesAndLeaveAndKeepsNodeNumbers() {
    VirtualScheduler scheduler = new VirtualScheduler();
    List<String> events = new CopyOnWriteArrayList<>();
    ClusterMembership a = ClusterMembership.join(RedisHeartbeatBoard.open(redis.uri(), "members-test:"), scheduler, "a",
        Map.of("dtls", "127.0.0.1:5684"));
    try {
      a.addListener(new MembershipListener() {
        @Override
        public void joined(ClusterNode node) {
          events.add("joined " + node.id() + " " + node.attributes().get("dtls") + " #" + node.number());
        }

        @Override
        public void left(ClusterNode node) {
          events.add("left " + node.id());
        }
      });
      ClusterMembership b = ClusterMembership.join(RedisHeartbeatBoard.open(redis.uri(), "members-test:"), scheduler, "b",
          Map.of("dtls", "127.0.0.1:5694"));
      int numberOfB = b.number();
      scheduler.advance(ClusterMembership.DEFAULT_INTERVAL);
      assertThat(events).containsExactly("joined b 127.0.0.1:5694 #" + numberOfB);
      assertThat(b.liveNodes()).containsOnlyKeys("a", "b");
      assertThat(b.liveNodes().get("a").attributes()).containsEntry("dtls", "127.0.0.1:5684");

      b.close();
      scheduler.advance(ClusterMembership.DEFAULT_INTERVAL);
      assertThat(events).containsExactly("joined b 127.0.0.1:5694 #" + numberOfB, "left b");

      ClusterMembership again = ClusterMembership.join(RedisHeartbeatBoard.open(redis.uri(), "members-test:"), scheduler, "b",
          Map.of());
      assertThat(again.number()).isEqualTo(numberOfB).isNotEqualTo(a.number());
      again.close();
    } finally {
      a.close();
    }
  }

  /**
   * Redis gone (killed): a heartbeat in flight and the leave at close each wait at most the board's command
   * timeout ({@link RedisHeartbeatBoard#COMMAND_TIMEOUT}), not Lettuce's default minute, so close returns within
   * a few seconds (measured: about 3); the bound here leaves room for a loaded machine.
   */
  @Test
  void aNodeClosesItsMembershipPromptlyWhenRedisIsGone() throws Exception {
    try (RedisServerProcess doomed = RedisServerProcess.start(); SystemScheduler scheduler = SystemScheduler.create("gone-test")) {
      ClusterMembership node = ClusterMembership.join(RedisHeartbeatBoard.open(doomed.uri(), "gone-test:"), scheduler, "a", Map.of());
      doomed.kill();
      // a heartbeat or two after the kill, one of them waiting on the dead connection when close comes
      await().pollDelay(ClusterMembership.DEFAULT_INTERVAL.multipliedBy(2)).atMost(Duration.ofSeconds(10)).until(() -> true);

      assertTimeoutPreemptively(Duration.ofSeconds(20), node::close, "ClusterMembership.close() with Redis gone");
    }
  }
}
