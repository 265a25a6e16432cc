package org.lwm2m4j.server.store.sqlite;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.observation.Token;

/** Observations in memory, written behind to SQLite by token (see {@link SqliteRegistrationStore}). */
final class SqliteObservationStore implements ObservationStore {
  private final InMemoryObservationStore memory;
  private final ObservationRows rows;
  private final WriteQueue writes;

  SqliteObservationStore(InMemoryObservationStore memory, ObservationRows rows, WriteQueue writes) {
    this.memory = memory;
    this.rows = rows;
    this.writes = writes;
  }

  private void dirty(Token token) {
    writes.add(new Dirty<>(rows, token));
  }

  @Override
  public Optional<Observation> add(Observation observation) {
    Optional<Observation> replaced = memory.add(observation);
    dirty(observation.token());
    return replaced;
  }

  @Override
  public Optional<Observation> byToken(Token token) {
    return memory.byToken(token);
  }

  @Override
  public Optional<Observation> remove(Token token) {
    Optional<Observation> removed = memory.remove(token);
    removed.ifPresent(o -> dirty(token));
    return removed;
  }

  @Override
  public List<Observation> byRegistration(String registrationId) {
    return memory.byRegistration(registrationId);
  }

  @Override
  public List<Observation> removeAll(String registrationId) {
    List<Observation> removed = memory.removeAll(registrationId);
    for (Observation observation : removed) {
      dirty(observation.token());
    }
    return removed;
  }

  @Override
  public int size() {
    return memory.size();
  }

  @Override
  public void forEach(Consumer<Observation> action) {
    memory.forEach(action);
  }
}
