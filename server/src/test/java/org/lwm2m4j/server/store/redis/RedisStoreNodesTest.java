package org.lwm2m4j.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationUpdate;
import org.lwm2m4j.server.security.PskSecurity;

/** Several Redis stores on one Redis, as the nodes of a cluster see each other's changes. */
class RedisStoreNodesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static RedisServerProcess redis;

  private final List<RedisStore> opened = new ArrayList<>();

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisServerProcess.start();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    redis.close();
  }

  @BeforeEach
  void empty() throws Exception {
    redis.command("FLUSHALL");
  }

  @AfterEach
  void closeAll() {
    opened.forEach(RedisStore::close);
  }

  private RedisStore node(String id) {
    RedisStore store = RedisStore.open(RedisStoreSettings.of(redis.uri(), id).withRegistrationGrace(Duration.ZERO)
        .withClock(Clock.fixed(T0, ZoneOffset.UTC)).withCommandTimeout(Duration.ofSeconds(10)));
    opened.add(store);
    return store;
  }

  private static Registration registration(String endpoint, String id, int port) {
    return Registration.builder(id, endpoint, new InetSocketAddress("127.0.0.1", port)).lifetimeSeconds(600)
        .objectLinks("</1/0>,</3/0>,</3303/0>").registeredAt(T0).lastUpdate(T0).build();
  }

  @Test
  void aRegisterOnOneNodeIsReadOnTheOthersWithItsOwner() throws Exception {
    RedisStore a = node("node-a");
    RedisStore b = node("node-b");
    RedisStore c = node("node-c");
    List<String> heard = new CopyOnWriteArrayList<>();
    a.addReplicaListener((endpoint, before, after, owner) -> heard.add(endpoint + " " + after.map(Registration::id).orElse("-")));
    List<String> observed = new CopyOnWriteArrayList<>();
    a.addObservationReplicaListener((before, after) ->
        observed.add(after.map(o -> "+" + o.token()).orElseGet(() -> "-" + before.orElseThrow().token())));

    Registration dev1 = registration("dev1", "id1", 40001);
    a.registrations().add(dev1);
    a.registrations().persisted().get(5, TimeUnit.SECONDS);

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(b.registrations().byEndpoint("dev1")).contains(dev1);
      assertThat(c.registrations().byId("id1")).contains(dev1);
      assertThat(c.registrations().byAddress(dev1.address())).contains(dev1);
    });
    assertThat(b.ownership().ownerOf(dev1)).contains("node-a");

    b.registrations().update(RegistrationUpdate.renew("id1", dev1.address(), T0.plusSeconds(30)));
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(a.registrations().byEndpoint("dev1").orElseThrow().lastUpdate()).isEqualTo(T0.plusSeconds(30));
      assertThat(a.ownership().ownerOf(dev1)).contains("node-b");
      assertThat(c.ownership().ownerOf(dev1)).contains("node-b");
    });

    Observation observation = Observation.single(Token.fromHex("0a0b"), "id1", LwM2mPath.parse("/3/0/13"), OptionalInt.empty(), T0);
    b.observations().add(observation);
    PskSecurity psk = new PskSecurity("dev1", "dev1-identity", HexFormat.of().parseHex("0011"));
    a.security().put(psk);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(c.observations().byToken(observation.token())).contains(observation);
      assertThat(c.security().byPskIdentity("dev1-identity")).contains(psk);
    });

    c.registrations().remove("id1");
    c.observations().removeAll("id1");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(a.registrations().byEndpoint("dev1")).isEmpty();
      assertThat(b.registrations().byId("id1")).isEmpty();
      assertThat(a.observations().byToken(observation.token())).isEmpty();
      // A hears B's Update and C's De-register, not its own Register
      assertThat(heard).containsExactly("dev1 id1", "dev1 -");
      assertThat(observed).containsExactly("+0a0b", "-0a0b");
    });
  }

  @Test
  void persistedCompletesOnceRedisHasEveryChangeAcceptedBefore() throws Exception {
    RedisStore a = node("node-a");
    for (int i = 0; i < 1000; i++) {
      a.registrations().add(registration("dev" + i, "id" + i, 1000 + i));
    }
    a.registrations().remove("id0");

    a.registrations().persisted().get(10, TimeUnit.SECONDS);

    assertThat(redis.command("EXISTS lwm2m:reg:{dev999}")).isEqualTo(":1");
    assertThat(redis.command("EXISTS lwm2m:reg:{dev0}")).isEqualTo(":0");
    assertThat(redis.command("ZCARD lwm2m:expiry")).isEqualTo(":999");
  }

  @Test
  void replicasConvergeToRedisWhenNodesChangeTheSameEndpointsAtOnce() throws Exception {
    RedisStore a = node("node-a");
    RedisStore b = node("node-b");
    int endpoints = 20;
    for (int e = 0; e < endpoints; e++) {
      a.registrations().add(registration("dev" + e, "id" + e + "-0", 2000 + e));
    }
    await().atMost(WAIT).until(() -> b.registrations().size() == endpoints);

    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CompletableFuture<Void> registering = CompletableFuture.runAsync(() -> {
        for (int round = 1; round <= 50; round++) {
          for (int e = 0; e < endpoints; e++) {
            a.registrations().add(registration("dev" + e, "id" + e + "-" + round, 2000 + e));
          }
        }
      }, threads);
      CompletableFuture<Void> updating = CompletableFuture.runAsync(() -> {
        for (int round = 1; round <= 50; round++) {
          for (int e = 0; e < endpoints; e++) {
            b.registrations().byEndpoint("dev" + e).ifPresent(current ->
                b.registrations().update(RegistrationUpdate.renew(current.id(), current.address(), T0.plusSeconds(1))));
          }
        }
      }, threads);
      CompletableFuture.allOf(registering, updating).get(60, TimeUnit.SECONDS);
    } finally {
      threads.shutdownNow();
    }
    a.registrations().persisted().get(10, TimeUnit.SECONDS);
    b.registrations().persisted().get(10, TimeUnit.SECONDS);

    RedisStore fresh = node("node-c");
    await().atMost(WAIT).untilAsserted(() -> {
      for (int e = 0; e < endpoints; e++) {
        Registration inRedis = fresh.registrations().byEndpoint("dev" + e).orElseThrow();
        assertThat(inRedis.id()).isEqualTo("id" + e + "-50");
        assertThat(a.registrations().byEndpoint("dev" + e)).contains(inRedis);
        assertThat(b.registrations().byEndpoint("dev" + e)).contains(inRedis);
      }
    });
  }

  @Test
  void claimMovesOwnershipAndAddressOnlyForTheSameRegistration() throws Exception {
    RedisStore a = node("node-a");
    RedisStore b = node("node-b");
    Registration dev1 = registration("dev1", "id1", 40001);
    a.registrations().add(dev1);
    await().atMost(WAIT).until(() -> b.registrations().byId("id1").isPresent());

    InetSocketAddress viaB = new InetSocketAddress("127.0.0.1", 50001);
    b.ownership().claim(dev1, viaB);

    assertThat(b.ownership().ownerOf(dev1)).contains("node-b");
    assertThat(b.registrations().byAddress(viaB)).map(Registration::id).contains("id1");
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(a.ownership().ownerOf(dev1)).contains("node-b");
      assertThat(a.registrations().byEndpoint("dev1").orElseThrow().address()).isEqualTo(viaB);
    });

    // dev1 registers again on A; a claim of its old registration (B has not heard yet, or has) moves nothing
    Registration again = registration("dev1", "id2", 40002);
    a.registrations().add(again);
    a.registrations().persisted().get(5, TimeUnit.SECONDS);
    b.ownership().claim(dev1, new InetSocketAddress("127.0.0.1", 50002));
    b.registrations().persisted().get(5, TimeUnit.SECONDS);

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(b.registrations().byEndpoint("dev1")).contains(again);
      assertThat(b.ownership().ownerOf(again)).contains("node-a");
      assertThat(a.ownership().ownerOf(again)).contains("node-a");
    });
    assertThat(redis.command("HGET lwm2m:reg:{dev1} o")).isEqualTo("$6");
  }

  @Test
  void anUpdateNeverBringsBackARegistrationAnotherNodeRemoved() throws Exception {
    RedisStore a = node("node-a");
    RedisStore b = node("node-b");
    Registration dev1 = registration("dev1", "id1", 40001);
    a.registrations().add(dev1);
    await().atMost(WAIT).until(() -> b.registrations().byId("id1").isPresent());

    // as if another node's De-register had not reached B's replica yet
    redis.command("DEL lwm2m:reg:{dev1}");
    assertThat(b.registrations().update(RegistrationUpdate.renew("id1", dev1.address(), T0.plusSeconds(10)))).isPresent();
    b.registrations().persisted().get(5, TimeUnit.SECONDS);

    assertThat(redis.command("EXISTS lwm2m:reg:{dev1}")).isEqualTo(":0");
    await().atMost(WAIT).until(() -> b.registrations().byId("id1").isEmpty());
  }

  @Test
  void aThousandShortLivedRegistrationsExpireExactlyOnceAcrossThreeNodes() throws Exception {
    List<RedisStore> nodes = List.of(node("node-a"), node("node-b"), node("node-c"));
    int count = 1000;
    for (int i = 0; i < count; i++) {
      nodes.get(i % 3).registrations().add(Registration.builder("id" + i, "dev" + i, new InetSocketAddress("127.0.0.1", 1000 + i))
          .lifetimeSeconds(1 + i % 5).registeredAt(T0).lastUpdate(T0).build());
    }
    for (RedisStore node : nodes) {
      node.registrations().persisted().get(10, TimeUnit.SECONDS);
    }
    await().atMost(WAIT).until(() -> nodes.stream().allMatch(node -> node.registrations().size() == count));

    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      List<CompletableFuture<List<Registration>>> runs = new ArrayList<>();
      for (RedisStore node : nodes) {
        runs.add(CompletableFuture.supplyAsync(() -> node.registrations().removeExpired(T0.plusSeconds(10)), threads));
      }
      List<String> expired = new ArrayList<>();
      for (CompletableFuture<List<Registration>> run : runs) {
        run.get(60, TimeUnit.SECONDS).forEach(registration -> expired.add(registration.id()));
      }

      assertThat(expired).hasSize(count).doesNotHaveDuplicates();
    } finally {
      threads.shutdownNow();
    }
    await().atMost(WAIT).until(() -> nodes.stream().allMatch(node -> node.registrations().size() == 0));
    assertThat(redis.command("DBSIZE")).isEqualTo(":0");
    assertThat(nodes.get(0).registrations().removeExpired(T0.plusSeconds(20))).isEmpty();
  }

  @Test
  void registrationsOfLongerLifeAreNotExpiredAndExpiryHasNoDrainLimit() throws Exception {
    RedisStore a = node("node-a");
    int count = RedisRegistrationStore.EXPIRY_BATCH * 3 + 7;
    for (int i = 0; i < count; i++) {
      a.registrations().add(Registration.builder("id" + i, "dev" + i, new InetSocketAddress("127.0.0.1", 1000 + i))
          .lifetimeSeconds(60).registeredAt(T0).lastUpdate(T0).build());
    }
    a.registrations().add(registration("long", "id-long", 1));

    assertThat(a.registrations().removeExpired(T0.plusSeconds(61))).hasSize(count);
    assertThat(a.registrations().byEndpoint("long")).isPresent();
    assertThat(a.registrations().nextExpiry()).contains(T0.plusSeconds(600));
  }

  @Test
  void aRedisRestartLosesNothingAcknowledgedAndLaterWritesGoOn() throws Exception {
    RedisStore a = node("node-a");
    RedisStore b = node("node-b");
    a.registrations().add(registration("before", "id-before", 40001));
    a.registrations().persisted().get(5, TimeUnit.SECONDS);

    redis.restart();

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      a.registrations().add(registration("after", "id-after", 40002));
      a.registrations().persisted().get(5, TimeUnit.SECONDS);
    });
    await().atMost(WAIT).until(() -> b.registrations().byEndpoint("after").isPresent());
    RedisStore c = node("node-c");
    assertThat(c.registrations().byEndpoint("before")).isPresent();
    assertThat(c.registrations().byEndpoint("after")).isPresent();
  }

  @Test
  void writesWhileRedisIsDownFailTheirFutureAndTheReplicasCatchUpAfter() throws Exception {
    RedisStore a = node("node-a");
    RedisStore b = node("node-b");
    redis.kill();
    try {
      a.registrations().add(registration("during", "id-during", 40001));
      CompletableFuture<Void> during = a.registrations().persisted();
      await().atMost(WAIT).until(during::isDone);
      assertThat(during).isCompletedExceptionally();
    } finally {
      redis.startAgain();
    }

    await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
      a.registrations().add(registration("later", "id-later", 40002));
      a.registrations().persisted().get(5, TimeUnit.SECONDS);
    });
    await().atMost(WAIT).until(() -> b.registrations().byEndpoint("later").isPresent());
  }

  @Test
  void aReplicaReadsEverythingAgainWhenItsFeedComesBackSoMissedMessagesDoNotMatter() throws Exception {
    RedisStore b = node("node-b");
    // a change whose message B never got: written straight into Redis
    redis.command("HSET lwm2m:reg:{ghost} i id-ghost o node-x a \"127.0.0.1 5683\" "
        + "d \"600\\t1.1\\tU\\t0\\tNONE\\t\\t\\t0\\t0\\t</1/0>\" x 0");
    assertThat(b.registrations().byEndpoint("ghost")).isEmpty();

    redis.command("CLIENT KILL TYPE pubsub");

    await().atMost(WAIT).until(() -> b.registrations().byEndpoint("ghost").isPresent());
    Registration ghost = b.registrations().byEndpoint("ghost").orElseThrow();
    assertThat(ghost.id()).isEqualTo("id-ghost");
    assertThat(b.ownership().ownerOf(ghost)).contains("node-x");
  }

  @Test
  void redisMemoryPerRegistrationWithThreeObjectLinks() throws Exception {
    RedisStore a = node("node-a");
    long before = usedMemory();
    int count = 5_000;
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      a.registrations().add(Registration.builder("r" + Long.toString(0x1000_0000_0000L + i, 36), "urn:imei:" + (351_000_000_000_000L + i),
          new InetSocketAddress("10.0." + (i >> 8 & 255) + "." + (i & 255), 56830)).lifetimeSeconds(86400).lwm2mVersion(
              org.lwm2m4j.core.model.Version.V1_1).binding("U").objectLinks("</1/0>,</3/0>,</3303/0>").registeredAt(T0).lastUpdate(T0).build());
    }
    a.registrations().persisted().get(30, TimeUnit.SECONDS);
    long tookMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    long after = usedMemory();
    String oneKey = redis.command("MEMORY USAGE lwm2m:reg:{urn:imei:351000000000000}");
    System.out.printf("Redis memory per registration (3 object links): %d B used_memory delta, MEMORY USAGE of one hash %s B;"
        + " %d Registers written through in %d ms (%d/s, one thread)%n", (after - before) / count, oneKey.substring(1), count, tookMillis,
        count * 1000L / tookMillis);
    assertThat(a.registrations().size()).isEqualTo(count);
  }

  private static long usedMemory() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", redis.port())) {
      socket.getOutputStream().write("INFO memory\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
      for (int i = 0; i < 200; i++) {
        String line = in.readLine();
        if (line == null) {
          break;
        }
        if (line.startsWith("used_memory:")) {
          return Long.parseLong(line.substring("used_memory:".length()).trim());
        }
      }
    }
    throw new IllegalStateException("INFO memory has no used_memory");
  }
}
