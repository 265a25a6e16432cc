package org.lwm2m4j.server.store.sqlite;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationPage;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.registration.RegistrationUpdate;
import org.lwm2m4j.server.registration.UpdatedRegistration;

/**
 * Registrations in memory, written behind to SQLite: reads and the change itself are the
 * in-memory store's; each change then marks the endpoint's row dirty for the writer. Nothing is
 * kept per registration beyond what the in-memory store keeps.
 */
final class SqliteRegistrationStore implements RegistrationStore {
  private final InMemoryRegistrationStore memory;
  private final RegistrationRows rows;
  private final WriteQueue writes;

  SqliteRegistrationStore(InMemoryRegistrationStore memory, RegistrationRows rows, WriteQueue writes) {
    this.memory = memory;
    this.rows = rows;
    this.writes = writes;
  }

  private void dirty(String endpoint) {
    writes.add(new Dirty<>(rows, endpoint));
  }

  @Override
  public Optional<Registration> add(Registration registration) {
    Optional<Registration> replaced = memory.add(registration);
    dirty(registration.endpoint());
    return replaced;
  }

  @Override
  public Optional<UpdatedRegistration> update(RegistrationUpdate update) {
    Optional<UpdatedRegistration> updated = memory.update(update);
    updated.ifPresent(u -> dirty(u.current().endpoint()));
    return updated;
  }

  @Override
  public Optional<Registration> remove(String registrationId) {
    Optional<Registration> removed = memory.remove(registrationId);
    removed.ifPresent(r -> dirty(r.endpoint()));
    return removed;
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
    List<Registration> expired = memory.removeExpired(now);
    for (Registration registration : expired) {
      dirty(registration.endpoint());
    }
    return expired;
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

  @Override
  public RegistrationPage page(String prefix, Optional<String> after, int limit) {
    return memory.page(prefix, after, limit);
  }

  @Override
  public CompletableFuture<Void> persisted() {
    return writes.persisted();
  }
}
