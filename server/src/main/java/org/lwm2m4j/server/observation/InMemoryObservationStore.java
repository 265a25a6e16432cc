package org.lwm2m4j.server.observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ObservationStore} in memory: a concurrent map by token, and per registration the set
 * of its tokens. Changes to one registration's set happen inside {@code compute} on that
 * registration's entry, so adding and dropping a registration's observations never interleave
 * badly, with no global lock.
 */
public final class InMemoryObservationStore implements ObservationStore {
  private final ConcurrentHashMap<Token, Observation> byToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<Token>> byRegistration = new ConcurrentHashMap<>();

  @Override
  public Optional<Observation> add(Observation observation) {
    Observation[] replaced = new Observation[1];
    byRegistration.compute(observation.registrationId(), (id, tokens) -> {
      Set<Token> set = tokens != null ? tokens : ConcurrentHashMap.newKeySet();
      replaced[0] = byToken.put(observation.token(), observation);
      set.add(observation.token());
      return set;
    });
    if (replaced[0] != null && !replaced[0].registrationId().equals(observation.registrationId())) {
      forget(replaced[0]);
    }
    return Optional.ofNullable(replaced[0]);
  }

  @Override
  public Optional<Observation> byToken(Token token) {
    return Optional.ofNullable(byToken.get(token));
  }

  @Override
  public Optional<Observation> remove(Token token) {
    Observation removed = byToken.get(token);
    if (removed == null) {
      return Optional.empty();
    }
    boolean[] gone = new boolean[1];
    byRegistration.computeIfPresent(removed.registrationId(), (id, tokens) -> {
      gone[0] = byToken.remove(token, removed);
      if (gone[0]) {
        tokens.remove(token);
      }
      return tokens.isEmpty() ? null : tokens;
    });
    return gone[0] ? Optional.of(removed) : Optional.empty();
  }

  @Override
  public List<Observation> byRegistration(String registrationId) {
    List<Observation> observations = new ArrayList<>();
    Set<Token> tokens = byRegistration.get(registrationId);
    if (tokens != null) {
      for (Token token : tokens) {
        Observation observation = byToken.get(token);
        if (observation != null && observation.registrationId().equals(registrationId)) {
          observations.add(observation);
        }
      }
    }
    return observations;
  }

  @Override
  public List<Observation> removeAll(String registrationId) {
    List<Observation> removed = new ArrayList<>();
    byRegistration.computeIfPresent(registrationId, (id, tokens) -> {
      for (Token token : tokens) {
        Observation observation = byToken.get(token);
        if (observation != null && observation.registrationId().equals(registrationId) && byToken.remove(token, observation)) {
          removed.add(observation);
        }
      }
      return null;
    });
    return removed;
  }

  @Override
  public int size() {
    return byToken.size();
  }

  @Override
  public void forEach(java.util.function.Consumer<Observation> action) {
    byToken.values().forEach(action);
  }

  /** Drops a token from the set of a registration it no longer belongs to. */
  private void forget(Observation moved) {
    byRegistration.computeIfPresent(moved.registrationId(), (id, tokens) -> {
      tokens.remove(moved.token());
      return tokens.isEmpty() ? null : tokens;
    });
  }
}
