package org.lwm2m4j.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The scanning {@link RegistrationStore#page} a store gets by default pages exactly as the in-memory store's index. */
class RegistrationStorePageTest {
  private static final Instant T0 = Instant.parse("2026-11-24T12:00:00Z");

  /** Every method but {@code page} delegated, so the interface's default answers pages. */
  private record Scanning(InMemoryRegistrationStore memory) implements RegistrationStore {
    @Override
    public Optional<Registration> add(Registration registration) {
      return memory.add(registration);
    }

    @Override
    public Optional<UpdatedRegistration> update(RegistrationUpdate update) {
      return memory.update(update);
    }

    @Override
    public Optional<Registration> remove(String registrationId) {
      return memory.remove(registrationId);
    }

    @Override
    public Optional<Registration> byId(String registrationId) {
      return memory.byId(registrationId);
    }

    @Override
    public Optional<Registration> byEndpoint(String endpoint) {
      return memory.byEndpoint(endpoint);
    }

    @Override
    public Optional<Registration> byAddress(InetSocketAddress address) {
      return memory.byAddress(address);
    }

    @Override
    public List<Registration> removeExpired(Instant now) {
      return memory.removeExpired(now);
    }

    @Override
    public Optional<Instant> nextExpiry() {
      return memory.nextExpiry();
    }

    @Override
    public int size() {
      return memory.size();
    }

    @Override
    public void forEach(Consumer<Registration> action) {
      memory.forEach(action);
    }
  }

  @Test
  void theDefaultPageAgreesWithTheIndexedOne() {
    InMemoryRegistrationStore indexed = new InMemoryRegistrationStore();
    Scanning scanning = new Scanning(indexed);
    Random random = new Random(7);
    String letters = "ab-é1";
    for (int i = 0; i < 400; i++) {
      StringBuilder endpoint = new StringBuilder();
      for (int n = 1 + random.nextInt(5); n > 0; n--) {
        endpoint.append(letters.charAt(random.nextInt(letters.length())));
      }
      indexed.add(Registration.builder("id" + i, endpoint.toString(), new InetSocketAddress("127.0.0.1", 20_000 + i))
          .registeredAt(T0).build());
    }
    for (int query = 0; query < 300; query++) {
      String prefix = letters.substring(0, random.nextInt(3));
      Optional<String> after = random.nextBoolean() ? Optional.empty() : Optional.of(letters.substring(random.nextInt(4)));
      int limit = 1 + random.nextInt(40);
      assertThat(scanning.page(prefix, after, limit)).as("page(%s, %s, %d)", prefix, after, limit)
          .isEqualTo(indexed.page(prefix, after, limit));
    }
  }
}
