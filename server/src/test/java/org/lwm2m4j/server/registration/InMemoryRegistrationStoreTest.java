package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.model.Version;

class InMemoryRegistrationStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");
  private final InMemoryRegistrationStore store = new InMemoryRegistrationStore();

  private static InetSocketAddress address(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  private static Registration registration(String id, String endpoint, int port, long lifetime, Instant at) {
    return Registration.builder(id, endpoint, address(port))
        .lifetimeSeconds(lifetime)
        .lwm2mVersion(Version.V1_1)
        .objectLinks("</>;rt=\"oma.lwm2m\",</1/0>,</3/0>")
        .registeredAt(at)
        .build();
  }

  @Test
  void findsARegistrationByEndpointIdAndAddress() {
    Registration dev1 = registration("a1", "dev1", 40001, 300, T0);
    assertThat(store.add(dev1)).isEmpty();
    assertThat(store.byEndpoint("dev1")).contains(dev1);
    assertThat(store.byId("a1")).contains(dev1);
    assertThat(store.byAddress(address(40001))).contains(dev1);
    assertThat(store.size()).isEqualTo(1);
    assertThat(dev1.objectLinks().instances()).hasSize(2);
  }

  @Test
  void registeringTheSameEndpointAgainReplacesTheOldRegistration() {
    Registration first = registration("a1", "dev1", 40001, 300, T0);
    Registration second = registration("b2", "dev1", 40002, 300, T0.plusSeconds(10));
    store.add(first);
    assertThat(store.add(second)).contains(first);
    assertThat(store.byId("a1")).isEmpty();
    assertThat(store.byAddress(address(40001))).isEmpty();
    assertThat(store.byEndpoint("dev1")).contains(second);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.update(RegistrationUpdate.renew("a1", address(40001), T0.plusSeconds(20)))).isEmpty();
  }

  @Test
  void updateChangesOnlyWhatItCarriesAndRenewsTheLifetime() {
    store.add(registration("a1", "dev1", 40001, 300, T0));
    RegistrationUpdate update = new RegistrationUpdate("a1", address(40009), T0.plusSeconds(200),
        OptionalLong.of(600), Optional.empty(), Optional.of("33612345678"), Optional.empty());
    UpdatedRegistration updated = store.update(update).orElseThrow();
    assertThat(updated.previous().lifetimeSeconds()).isEqualTo(300);
    Registration current = updated.current();
    assertThat(current.lifetimeSeconds()).isEqualTo(600);
    assertThat(current.smsNumber()).contains("33612345678");
    assertThat(current.binding()).isEqualTo("U");
    assertThat(current.objectLinksText()).isEqualTo("</>;rt=\"oma.lwm2m\",</1/0>,</3/0>");
    assertThat(current.registeredAt()).isEqualTo(T0);
    assertThat(current.lastUpdate()).isEqualTo(T0.plusSeconds(200));
    assertThat(store.byAddress(address(40009))).contains(current);
    assertThat(store.byAddress(address(40001))).isEmpty();
    assertThat(store.nextExpiry()).contains(T0.plusSeconds(800));
  }

  @Test
  void unknownIdsAreNotFound() {
    assertThat(store.update(RegistrationUpdate.renew("nope", address(1), T0))).isEmpty();
    assertThat(store.remove("nope")).isEmpty();
  }

  @Test
  void deregisterRemovesEveryIndexEntry() {
    Registration dev1 = registration("a1", "dev1", 40001, 300, T0);
    store.add(dev1);
    assertThat(store.remove("a1")).contains(dev1);
    assertThat(store.byEndpoint("dev1")).isEmpty();
    assertThat(store.byId("a1")).isEmpty();
    assertThat(store.byAddress(address(40001))).isEmpty();
    assertThat(store.nextExpiry()).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void expiresOnlyWhatIsDueAndHonoursUpdatesAndGrace() {
    InMemoryRegistrationStore graceful = new InMemoryRegistrationStore(Duration.ofSeconds(5));
    graceful.add(registration("a1", "short", 40001, 60, T0));
    graceful.add(registration("b2", "long", 40002, 600, T0));
    graceful.add(registration("c3", "renewed", 40003, 60, T0));
    graceful.add(registration("d4", "forever", 40004, 0, T0));
    graceful.update(RegistrationUpdate.renew("c3", address(40003), T0.plusSeconds(50)));

    assertThat(graceful.removeExpired(T0.plusSeconds(64))).isEmpty();
    assertThat(graceful.removeExpired(T0.plusSeconds(65))).extracting(Registration::endpoint).containsExactly("short");
    assertThat(graceful.nextExpiry()).contains(T0.plusSeconds(115));
    assertThat(graceful.removeExpired(T0.plusSeconds(10_000))).extracting(Registration::endpoint)
        .containsExactlyInAnyOrder("renewed", "long");
    assertThat(graceful.byEndpoint("forever")).isPresent();
    assertThat(graceful.nextExpiry()).isEmpty();
  }

  @Test
  void pagesWalkEveryRegistrationOnceInEndpointOrder() {
    for (int i = 0; i < 250; i++) {
      store.add(registration("id" + i, String.format("dev%03d", 249 - i), 30_000 + i, 300, T0));
    }
    List<String> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    int pages = 0;
    do {
      RegistrationPage page = store.page("", after, 100);
      page.registrations().forEach(r -> seen.add(r.endpoint()));
      after = page.nextAfter();
      pages++;
    } while (after.isPresent() && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(250).doesNotHaveDuplicates().isSorted();
    assertThat(seen.get(0)).isEqualTo("dev000");
  }

  @Test
  void aFullLastPageSaysNoMoreFollow() {
    store.add(registration("a1", "a", 40001, 300, T0));
    store.add(registration("b2", "b", 40002, 300, T0));
    RegistrationPage page = store.page("", Optional.empty(), 2);
    assertThat(page.registrations()).extracting(Registration::endpoint).containsExactly("a", "b");
    assertThat(page.nextAfter()).isEmpty();
    RegistrationPage first = store.page("", Optional.empty(), 1);
    assertThat(first.nextAfter()).contains("a");
  }

  @Test
  void aPrefixNarrowsThePageToMatchingEndpoints() {
    List<String> endpoints = List.of("dev1", "dev10", "dev2", "de", "sensor1", "dev1x", "dew");
    for (int i = 0; i < endpoints.size(); i++) {
      store.add(registration("id" + i, endpoints.get(i), 40001 + i, 300, T0));
    }
    assertThat(store.page("dev1", Optional.empty(), 10).registrations()).extracting(Registration::endpoint)
        .containsExactly("dev1", "dev10", "dev1x");
    RegistrationPage first = store.page("dev", Optional.empty(), 2);
    assertThat(first.registrations()).extracting(Registration::endpoint).containsExactly("dev1", "dev10");
    RegistrationPage second = store.page("dev", first.nextAfter(), 2);
    assertThat(second.registrations()).extracting(Registration::endpoint).containsExactly("dev1x", "dev2");
    assertThat(second.nextAfter()).isEmpty();
    assertThat(store.page("nothing", Optional.empty(), 10).registrations()).isEmpty();
    // a cursor before the prefix starts at the prefix; one past it ends the walk
    assertThat(store.page("sensor", Optional.of("a"), 10).registrations()).extracting(Registration::endpoint).containsExactly("sensor1");
    assertThat(store.page("dev", Optional.of("z"), 10).registrations()).isEmpty();
  }

  @Test
  void aPageContinuesAfterAnEndpointThatIsGoneMeanwhile() {
    store.add(registration("a1", "a", 40001, 300, T0));
    store.add(registration("b2", "b", 40002, 300, T0));
    store.add(registration("c3", "c", 40003, 300, T0));
    RegistrationPage first = store.page("", Optional.empty(), 2);
    store.remove("b2");
    store.add(registration("b4", "b", 40004, 300, T0)); // registered again: still listed once, on the first page
    store.remove("a1");
    assertThat(store.page("", first.nextAfter(), 2).registrations()).extracting(Registration::endpoint).containsExactly("c");
  }

  @Test
  void removedExpiredAndReplacedRegistrationsLeaveThePages() {
    store.add(registration("a1", "a", 40001, 60, T0));
    store.add(registration("b2", "b", 40002, 600, T0));
    store.add(registration("c3", "c", 40003, 600, T0));
    store.add(registration("c4", "c", 40004, 600, T0));
    store.removeExpired(T0.plusSeconds(61));
    store.remove("b2");
    RegistrationPage page = store.page("", Optional.empty(), 10);
    assertThat(page.registrations()).extracting(Registration::id).containsExactly("c4");
    assertThat(page.nextAfter()).isEmpty();
  }

  @Test
  void aPageOfNothingIsRefused() {
    assertThatThrownBy(() -> store.page("", Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concurrentRegistersUpdatesAndRemovesLeaveConsistentIndexes() throws Exception {
    int threads = 4;
    int perThread = 2_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        start.await();
        for (int i = 0; i < perThread; i++) {
          // Threads share endpoints, so registers, updates and removes race on the same entries.
          String endpoint = "dev" + (i % 500);
          String id = "t" + thread + "-" + i;
          store.add(registration(id, endpoint, 10_000 + (i % 500) * 4 + thread, 60, T0));
          store.update(RegistrationUpdate.renew(id, address(20_000 + i), T0.plusSeconds(1)));
          if (i % 3 == 0) {
            store.remove(id);
          }
        }
        return null;
      }));
    }
    start.countDown();
    for (Future<?> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    List<Registration> all = new ArrayList<>();
    store.forEach(all::add);
    assertThat(all).hasSize(store.size());
    assertThat(store.page("", Optional.empty(), 1_000).registrations()).containsExactlyInAnyOrderElementsOf(all);
    for (Registration registration : all) {
      assertThat(store.byId(registration.id())).contains(registration);
      assertThat(store.byEndpoint(registration.endpoint())).contains(registration);
    }
    assertThat(store.removeExpired(T0.plusSeconds(3600))).hasSize(all.size());
    assertThat(store.size()).isZero();
    assertThat(store.nextExpiry()).isEmpty();
  }
}
