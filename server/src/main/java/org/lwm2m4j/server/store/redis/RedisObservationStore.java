package org.lwm2m4j.server.store.redis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observations in this node's replica, written through to one hash per endpoint (field: the token
 * in hex), so that whichever node a notification reaches matches it by token. An observation
 * names its registration, not its endpoint: the endpoint of each observed registration is kept
 * while it has observations, since its observations are dropped after the registration is gone.
 * Not waited for, as in the SQLite store.
 */
final class RedisObservationStore implements ObservationStore {
  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

  private final InMemoryObservationStore memory;
  private final InMemoryRegistrationStore registrations;
  private final RedisWrites writes;
  /** Registration id to endpoint, for registrations with observations. */
  private final ConcurrentHashMap<String, String> endpoints = new ConcurrentHashMap<>();
  private final List<ObservationReplicaListener> listeners = new CopyOnWriteArrayList<>();

  RedisObservationStore(InMemoryObservationStore memory, InMemoryRegistrationStore registrations, RedisWrites writes) {
    this.memory = memory;
    this.registrations = registrations;
    this.writes = writes;
  }

  private Optional<String> endpointOf(String registrationId) {
    return Optional.ofNullable(endpoints.get(registrationId))
        .or(() -> registrations.byId(registrationId).map(registration -> registration.endpoint()));
  }

  @Override
  public Optional<Observation> add(Observation observation) {
    Optional<String> endpoint = endpointOf(observation.registrationId());
    if (endpoint.isEmpty()) {
      LOG.debug("observation {} of unknown registration {} kept in memory only", observation.token(), observation.registrationId());
      return memory.add(observation);
    }
    String token = observation.token().toString();
    return writes.change(ChangeKind.OBSERVATIONS, endpoint.get(), token, redis -> {
      endpoints.put(observation.registrationId(), endpoint.get());
      Optional<Observation> replaced = memory.add(observation);
      return new RedisWrites.Sent<>(replaced, List.<CompletionStage<?>>of(
          redis.hset(RedisKeys.of(ChangeKind.OBSERVATIONS, endpoint.get()), token, ValueCodecs.observation(observation))));
    }).value();
  }

  @Override
  public Optional<Observation> remove(Token token) {
    Optional<Observation> known = memory.byToken(token);
    Optional<String> endpoint = known.flatMap(o -> endpointOf(o.registrationId()));
    if (endpoint.isEmpty()) {
      return memory.remove(token);
    }
    return writes.change(ChangeKind.OBSERVATIONS, endpoint.get(), token.toString(), redis -> {
      Optional<Observation> removed = memory.remove(token);
      removed.ifPresent(o -> forgetIfUnobserved(o.registrationId()));
      return new RedisWrites.Sent<>(removed, List.<CompletionStage<?>>of(
          redis.hdel(RedisKeys.of(ChangeKind.OBSERVATIONS, endpoint.get()), token.toString())));
    }).value();
  }

  @Override
  public List<Observation> removeAll(String registrationId) {
    Optional<String> endpoint = endpointOf(registrationId);
    if (endpoint.isEmpty()) {
      return memory.removeAll(registrationId);
    }
    List<Observation> observed = memory.byRegistration(registrationId);
    List<String> tokens = new ArrayList<>();
    observed.forEach(o -> tokens.add(o.token().toString()));
    return writes.change(ChangeKind.OBSERVATIONS, endpoint.get(), String.join(",", tokens), redis -> {
      List<Observation> removed = memory.removeAll(registrationId);
      endpoints.remove(registrationId);
      if (removed.isEmpty()) {
        return RedisWrites.Sent.nothing(removed);
      }
      String[] fields = removed.stream().map(o -> o.token().toString()).toArray(String[]::new);
      return new RedisWrites.Sent<>(removed, List.<CompletionStage<?>>of(
          redis.hdel(RedisKeys.of(ChangeKind.OBSERVATIONS, endpoint.get()), fields)));
    }).value();
  }

  private void forgetIfUnobserved(String registrationId) {
    if (memory.byRegistration(registrationId).isEmpty()) {
      endpoints.remove(registrationId);
    }
  }

  void addReplicaListener(ObservationReplicaListener listener) {
    listeners.add(listener);
  }

  /** Drops a registration's observations from the replica only: another node replaced or removed it. */
  void dropReplica(String registrationId) {
    for (Observation dropped : memory.removeAll(registrationId)) {
      tell(Optional.of(dropped), Optional.empty());
    }
    endpoints.remove(registrationId);
  }

  private void tell(Optional<Observation> before, Optional<Observation> after) {
    for (ObservationReplicaListener listener : listeners) {
      try {
        listener.changed(before, after);
      } catch (RuntimeException e) {
        LOG.warn("an observation replica listener failed: {}", e.toString());
      }
    }
  }

  /**
   * Applies what another node left in {@code endpoint}'s hash ({@code hash}): the tokens it
   * changed ({@code tokens}, comma-separated) are added or removed as Redis has them, and any
   * observation the replica lacks is added. Under the write lock.
   */
  void applyReplica(String endpoint, String tokens, Map<String, String> hash) {
    Set<String> changed = new HashSet<>();
    for (String token : tokens.split(",")) {
      if (!token.isEmpty()) {
        changed.add(token);
      }
    }
    for (String token : changed) {
      if (!hash.containsKey(token)) {
        memory.remove(Token.fromHex(token)).ifPresent(gone -> {
          forgetIfUnobserved(gone.registrationId());
          tell(Optional.of(gone), Optional.empty());
        });
      }
    }
    hash.forEach((token, value) -> {
      try {
        Observation observation = ValueCodecs.observation(token, value);
        Optional<Observation> before = memory.byToken(observation.token());
        if (!before.equals(Optional.of(observation))) {
          endpoints.put(observation.registrationId(), endpoint);
          memory.add(observation);
          tell(before, Optional.of(observation));
        }
      } catch (RuntimeException e) {
        LOG.warn("ignoring the unreadable observation {} of '{}' in Redis: {}", token, endpoint, e.getMessage());
      }
    });
  }

  /** Loads the observations of loaded registrations read at open; returns how many. */
  int load(String endpoint, Map<String, String> hash) {
    int count = 0;
    for (Map.Entry<String, String> field : hash.entrySet()) {
      try {
        Observation observation = ValueCodecs.observation(field.getKey(), field.getValue());
        if (registrations.byId(observation.registrationId()).isPresent()) {
          endpoints.put(observation.registrationId(), endpoint);
          memory.add(observation);
          count++;
        }
      } catch (RuntimeException e) {
        LOG.warn("skipping the unreadable observation {} of '{}' in Redis: {}", field.getKey(), endpoint, e.getMessage());
      }
    }
    return count;
  }

  @Override
  public Optional<Observation> byToken(Token token) {
    return memory.byToken(token);
  }

  @Override
  public List<Observation> byRegistration(String registrationId) {
    return memory.byRegistration(registrationId);
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
