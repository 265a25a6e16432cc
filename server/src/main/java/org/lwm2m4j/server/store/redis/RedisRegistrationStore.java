package org.lwm2m4j.server.store.redis;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationPage;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.registration.RegistrationUpdate;
import org.lwm2m4j.server.registration.UpdatedRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registrations in this node's replica, written through to Redis: reads are the in-memory store's;
 * each Register, Update and De-register changes memory and sends its script (which checks the
 * registration id, so a late Update never brings back what a De-register or a new Register
 * removed) with the expiry index change. The owner of each endpoint is recorded with it: this
 * node on Register and Update, the claiming node after {@link #claim}.
 *
 * <p>Expiry runs exactly once across nodes: {@link #removeExpired} reads the due endpoints from the
 * expiry index in bounded batches and lets a script delete each only if it is still due; the
 * node whose script deleted it returns it, and the other nodes drop it from their replicas when
 * they hear of the change.
 */
final class RedisRegistrationStore implements RegistrationStore {
  /** Due endpoints read and claimed per round; rounds go on until none is due. */
  static final int EXPIRY_BATCH = 500;
  private static final int MAX_EXPIRY_ROUNDS = 1_000_000;
  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

  private final InMemoryRegistrationStore memory;
  private final OwnerTable owners;
  private final RedisWrites writes;
  private final long graceMillis;
  private final Consumer<String> dropObservations;
  private final List<RegistrationReplicaListener> listeners = new CopyOnWriteArrayList<>();

  /** {@code dropObservations}: removes a registration's observations from the replica when another node replaced or removed it. */
  RedisRegistrationStore(InMemoryRegistrationStore memory, OwnerTable owners, RedisWrites writes, long graceMillis,
      Consumer<String> dropObservations) {
    this.memory = memory;
    this.owners = owners;
    this.writes = writes;
    this.graceMillis = graceMillis;
    this.dropObservations = dropObservations;
  }

  void addReplicaListener(RegistrationReplicaListener listener) {
    listeners.add(listener);
  }

  @Override
  public Optional<Registration> add(Registration registration) {
    String endpoint = registration.endpoint();
    return writes.change(ChangeKind.REGISTRATION, endpoint, "", redis -> {
      Optional<Registration> replaced = memory.add(registration);
      owners.set(endpoint, writes.self());
      long expires = RegistrationCodec.expires(registration, graceMillis);
      RedisFuture<List<Object>> script = redis.eval(Scripts.PUT, ScriptOutputType.MULTI, keys(endpoint), registration.id(),
          writes.self(), RegistrationCodec.address(registration.address()), RegistrationCodec.data(registration), Long.toString(expires));
      return new RedisWrites.Sent<>(replaced, List.of(script, index(redis, endpoint, expires)));
    }).value();
  }

  @Override
  public Optional<UpdatedRegistration> update(RegistrationUpdate update) {
    Optional<Registration> known = memory.byId(update.registrationId());
    if (known.isEmpty()) {
      return Optional.empty();
    }
    String endpoint = known.get().endpoint();
    return writes.change(ChangeKind.REGISTRATION, endpoint, "", redis -> {
      Optional<UpdatedRegistration> updated = memory.update(update);
      if (updated.isEmpty()) {
        return RedisWrites.Sent.nothing(updated);
      }
      Registration current = updated.get().current();
      owners.set(endpoint, writes.self());
      long expires = RegistrationCodec.expires(current, graceMillis);
      RedisFuture<List<Object>> script = redis.eval(Scripts.UPDATE, ScriptOutputType.MULTI, keys(endpoint), current.id(),
          writes.self(), RegistrationCodec.address(current.address()), RegistrationCodec.data(current), Long.toString(expires));
      return new RedisWrites.Sent<>(updated, List.of(checked(script, endpoint), index(redis, endpoint, expires)));
    }).value();
  }

  @Override
  public Optional<Registration> remove(String registrationId) {
    Optional<Registration> known = memory.byId(registrationId);
    if (known.isEmpty()) {
      return Optional.empty();
    }
    String endpoint = known.get().endpoint();
    return writes.change(ChangeKind.REGISTRATION, endpoint, "", redis -> {
      Optional<Registration> removed = memory.remove(registrationId);
      if (removed.isEmpty()) {
        return RedisWrites.Sent.nothing(removed);
      }
      owners.forget(endpoint);
      RedisFuture<List<Object>> script = redis.eval(Scripts.REMOVE, ScriptOutputType.MULTI, keys(endpoint), registrationId);
      return new RedisWrites.Sent<>(removed, List.of(checked(script, endpoint), redis.zrem(RedisKeys.EXPIRY, endpoint)));
    }).value();
  }

  /** Makes this node the owner of {@code registration} reached at {@code from}; see {@link RedisOwnership}. */
  void claim(Registration registration, InetSocketAddress from) {
    String endpoint = registration.endpoint();
    Optional<Registration> current = memory.byId(registration.id());
    if (current.isEmpty()
        || owners.ownerOf(endpoint).equals(Optional.of(writes.self())) && current.get().address().equals(from)) {
      return;
    }
    writes.change(ChangeKind.REGISTRATION, endpoint, "", redis -> {
      Optional<Registration> now = memory.byId(registration.id());
      if (now.isEmpty()) {
        return RedisWrites.Sent.nothing(null);
      }
      if (!now.get().address().equals(from)) {
        memory.add(RegistrationCodec.withAddress(now.get(), from));
      }
      owners.set(endpoint, writes.self());
      RedisFuture<List<Object>> script = redis.eval(Scripts.CLAIM, ScriptOutputType.MULTI, keys(endpoint), registration.id(),
          writes.self(), RegistrationCodec.address(from));
      return new RedisWrites.Sent<>(null, List.of(checked(script, endpoint)));
    });
  }

  Optional<String> ownerOf(String endpoint) {
    return owners.ownerOf(endpoint);
  }

  /**
   * A script found another registration than this node's memory had: the expiry index gets that
   * one's time back (this change's index command wrote a stale one), and memory reads Redis again.
   */
  private CompletionStage<List<Object>> checked(RedisFuture<List<Object>> script, String endpoint) {
    return script.thenApply(answer -> {
      if ((Long) answer.get(0) == 0) {
        long expires = (Long) answer.get(1);
        if (expires > 0) {
          writes.redis().zadd(RedisKeys.EXPIRY, (double) expires, endpoint);
        }
        writes.reread(new ChangeMessage(ChangeKind.REGISTRATION, writes.self(), "", endpoint));
      }
      return answer;
    });
  }

  private static RedisFuture<Long> index(RedisAsyncCommands<String, String> redis, String endpoint, long expires) {
    return expires > 0 ? redis.zadd(RedisKeys.EXPIRY, (double) expires, endpoint) : redis.zrem(RedisKeys.EXPIRY, endpoint);
  }

  private static String[] keys(String endpoint) {
    return new String[] {RedisKeys.of(ChangeKind.REGISTRATION, endpoint)};
  }

  /** Claims, deletes and returns the registrations due by {@code now} that no other node claimed first. */
  @Override
  public List<Registration> removeExpired(Instant now) {
    RedisAsyncCommands<String, String> redis = writes.redis();
    long nowMillis = now.toEpochMilli();
    List<Registration> claimed = new ArrayList<>();
    for (int round = 0; round < MAX_EXPIRY_ROUNDS; round++) {
      List<String> due = RedisStore.await(redis.zrangebyscore(RedisKeys.EXPIRY, Range.create(0d, (double) nowMillis),
          Limit.create(0, EXPIRY_BATCH)), "reading the expiry index");
      if (due.isEmpty()) {
        break;
      }
      Map<String, RedisFuture<List<Object>>> answers = new HashMap<>();
      for (String endpoint : due) {
        answers.put(endpoint, redis.eval(Scripts.EXPIRE, ScriptOutputType.MULTI, new String[] {
            RedisKeys.of(ChangeKind.REGISTRATION, endpoint), RedisKeys.of(ChangeKind.OBSERVATIONS, endpoint)}, Long.toString(nowMillis)));
      }
      List<CompletableFuture<?>> cleanups = new ArrayList<>();
      for (String endpoint : due) {
        List<Object> answer = RedisStore.await(answers.get(endpoint), "expiring '" + endpoint + "'");
        long code = (Long) answer.get(0);
        if (code == 1) {
          expiredHere(endpoint, answer).ifPresent(claimed::add);
        }
        if (code == -1) {
          cleanups.add(index(redis, endpoint, (Long) answer.get(1)).toCompletableFuture());
        } else {
          cleanups.add(redis.eval(Scripts.UNINDEX_IF_DUE, ScriptOutputType.INTEGER, new String[] {RedisKeys.EXPIRY}, endpoint,
              Long.toString(nowMillis)).toCompletableFuture());
        }
      }
      RedisStore.await(CompletableFuture.allOf(cleanups.toArray(CompletableFuture[]::new)), "cleaning the expiry index");
      if (due.size() < EXPIRY_BATCH) {
        break;
      }
    }
    return claimed;
  }

  /** This node's script deleted the registration in {@code answer}: drop it from memory and tell the others. */
  private Optional<Registration> expiredHere(String endpoint, List<Object> answer) {
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i + 1 < answer.size(); i += 2) {
      fields.put(String.valueOf(answer.get(i)), String.valueOf(answer.get(i + 1)));
    }
    Optional<Registration> deleted = RegistrationCodec.decode(endpoint, fields);
    return writes.change(ChangeKind.REGISTRATION, endpoint, "", redis -> {
      Optional<Registration> inMemory = deleted.flatMap(d -> memory.byId(d.id()));
      inMemory.ifPresent(r -> {
        memory.remove(r.id());
        owners.forget(endpoint);
      });
      // announced (the feed needs a command to follow): a no-op read of what the script deleted
      return new RedisWrites.Sent<>(inMemory.or(() -> deleted), List.<CompletionStage<?>>of(redis.exists(
          RedisKeys.of(ChangeKind.REGISTRATION, endpoint))));
    }).value();
  }

  /** Applies what another node left in Redis for {@code endpoint} ({@code fields}: its hash, empty when gone). Under the write lock. */
  void applyReplica(String endpoint, Map<String, String> fields) {
    Optional<Registration> before = memory.byEndpoint(endpoint);
    Optional<Registration> after;
    try {
      after = RegistrationCodec.decode(endpoint, fields);
    } catch (RuntimeException e) {
      LOG.warn("ignoring the unreadable registration of '{}' in Redis: {}", endpoint, e.getMessage());
      return;
    }
    Optional<String> ownerBefore = owners.ownerOf(endpoint);
    Optional<String> owner = after.isPresent() ? Optional.ofNullable(fields.get(RegistrationCodec.OWNER)) : Optional.empty();
    if (after.isEmpty()) {
      before.ifPresent(gone -> {
        memory.remove(gone.id());
        dropObservations.accept(gone.id());
      });
      owners.forget(endpoint);
    } else {
      if (!after.equals(before)) {
        memory.add(after.get());
        before.filter(old -> !old.id().equals(after.get().id())).ifPresent(old -> dropObservations.accept(old.id()));
      }
      owner.ifPresent(node -> owners.set(endpoint, node));
    }
    if (!after.equals(before) || !owner.equals(ownerBefore)) {
      for (RegistrationReplicaListener listener : listeners) {
        try {
          listener.changed(endpoint, before, after, owner);
        } catch (RuntimeException e) {
          LOG.warn("a replica listener failed on '{}': {}", endpoint, e.toString());
        }
      }
    }
  }

  /** Loads one registration read at open. */
  void load(String endpoint, Map<String, String> fields) {
    RegistrationCodec.decode(endpoint, fields).ifPresent(registration -> {
      memory.add(registration);
      Optional.ofNullable(fields.get(RegistrationCodec.OWNER)).ifPresent(node -> owners.set(endpoint, node));
    });
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
