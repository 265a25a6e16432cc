package org.lwm2m4j.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lwm2m4j.core.schedule.SystemScheduler;
import org.lwm2m4j.server.registration.Registration;

/** The store completes its commits on the executor it is given, and on its writer once that executor stopped. */
class SqliteStoreCommitExecutorTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  @TempDir
  Path dataDir;

  private static Registration registration(String endpoint) {
    return Registration.builder(endpoint + "-id", endpoint, new InetSocketAddress("127.0.0.1", 40123))
        .lifetimeSeconds(600).registeredAt(T0).build();
  }

  @Test
  void commitsCompleteOnTheGivenExecutor() throws Exception {
    AtomicInteger handedOver = new AtomicInteger();
    try (SystemScheduler scheduler = SystemScheduler.create("store-test", 1);
        SqliteStore store = SqliteStore.open(dataDir, Duration.ZERO, Clock.fixed(T0, ZoneOffset.UTC), task -> {
          handedOver.incrementAndGet();
          scheduler.execute(task);
        })) {
      store.registrations().add(registration("dev1"));
      store.registrations().persisted().get(10, TimeUnit.SECONDS);
      assertThat(handedOver).as("completions handed to the given executor").hasPositiveValue();
    }
  }

  @Test
  void aStoreOutlivingItsExecutorStillCompletesItsCommits() throws Exception {
    SystemScheduler scheduler = SystemScheduler.create("store-test", 1);
    try (SqliteStore store = SqliteStore.open(dataDir, Duration.ZERO, Clock.fixed(T0, ZoneOffset.UTC), scheduler)) {
      scheduler.close();
      store.registrations().add(registration("dev2"));
      store.registrations().persisted().get(10, TimeUnit.SECONDS);
    }
    try (SqliteStore reopened = SqliteStore.open(dataDir, Duration.ZERO, Clock.fixed(T0, ZoneOffset.UTC))) {
      assertThat(reopened.registrations().byEndpoint("dev2")).isPresent();
    }
  }
}
