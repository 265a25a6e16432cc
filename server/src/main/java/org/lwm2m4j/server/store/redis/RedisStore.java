package org.lwm2m4j.server.store.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.cluster.Ownership;
import org.lwm2m4j.server.firmware.FirmwareJobStore;
import org.lwm2m4j.server.firmware.InMemoryFirmwareJobStore;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.store.ServerStore;
import org.lwm2m4j.server.store.StoreException;
import org.lwm2m4j.server.store.StoreWriteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store for several server nodes on one Redis: registrations with the node that owns each,
 * observations with their tokens, credentials, bootstrap configs and sessions, firmware jobs.
 *
 * <p><b>Replica and write-through.</b> The stores it hands out read from in-memory stores, so
 * every read is local and synchronous. A change is made in memory and sent to Redis at once,
 * atomically (a Lua script per endpoint where a check is needed); {@link
 * RegistrationStore#persisted()} completes when Redis acknowledged every change sent before it, so
 * a Register, Update or De-register is answered only once Redis has it. Credentials and bootstrap
 * configs return once acknowledged; observations and firmware jobs are not waited for.
 *
 * <p><b>Change feed.</b> After each change the node publishes a small message (kind, origin node,
 * endpoint) on {@code lwm2m:changes}; every other node reads that key again and applies what Redis
 * holds to its replica, so the replicas converge to Redis whatever the order of messages. The
 * server's registration listeners hear only their own node's changes; {@link
 * #addReplicaListener} and {@link #addObservationReplicaListener} hear the others'.
 *
 * <p><b>Keys.</b> {@code lwm2m:reg:{ep}} (hash: id, owner, address, expiry, the rest), {@code
 * lwm2m:obs:{ep}} (hash by token), {@code lwm2m:sec:{ep}}, {@code lwm2m:bsc:{ep}}, {@code
 * lwm2m:bss:{ep}}, {@code lwm2m:fw:{ep}}: one endpoint's keys share the hash tag, hence a slot on
 * a Redis Cluster. {@code lwm2m:expiry} (sorted set by expiry time, grace included) lets expiry
 * run exactly once across nodes (see {@link RegistrationStore#removeExpired}), with no drain limit.
 *
 * <p><b>Failures.</b> Lettuce reconnects by itself; while Redis is away changes fail at once
 * (their {@code persisted()} future fails; memory keeps them), and later changes go on when it is
 * back. After the feed's connection comes back the replica reads every key again, since messages
 * sent meanwhile were lost.
 *
 * <p><b>Threads.</b> Lettuce's own (its event loops) send and receive; the futures callers wait
 * on, acknowledgements and the replica's changes (with its listeners) run on the executor of the
 * settings, in order through a serial lane, else on one thread of the store's own.
 */
public final class RedisStore implements ServerStore {
  /** How long a caller waits for Redis at most (credentials, configs, expiry, load). */
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Logger LOG = LoggerFactory.getLogger(RedisStore.class);

  /**
   * What was found at open.
   *
   * @param registrations registrations loaded (not counting the expired)
   * @param observations observations loaded
   * @param credentials security credentials loaded
   * @param bootstrapConfigs bootstrap configs loaded
   * @param expired registrations this node deleted because they expired while no node ran
   */
  public record Loaded(int registrations, int observations, int credentials, int bootstrapConfigs, int expired) {}

  private final RedisStoreSettings settings;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final Optional<ExecutorService> ownExecutor;
  private final RedisWrites writes;
  private final ChangeFeed feed;
  private final InMemoryRegistrationStore registrationMemory;
  private final RedisRegistrationStore registrations;
  private final RedisObservationStore observations;
  private final RedisSecurityStore security;
  private final RedisBootstrapConfigStore bootstrapConfigs;
  private final RedisFirmwareJobStore firmwareJobs;
  private final RedisOwnership ownership;
  private final Replica replica;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Executor executor;
  private Loaded loaded;

  private RedisStore(RedisStoreSettings settings, RedisClient client, StatefulRedisConnection<String, String> connection) {
    this.settings = settings;
    this.client = client;
    this.connection = connection;
    this.ownExecutor = settings.executor().isPresent() ? Optional.empty() : Optional.of(Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lwm2m-redis-store");
      thread.setDaemon(true);
      return thread;
    }));
    this.executor = settings.executor().orElseGet(ownExecutor::get);
    this.writes = new RedisWrites(connection.async(), settings.nodeId(), executor);
    this.registrationMemory = new InMemoryRegistrationStore(settings.registrationGrace());
    InMemoryObservationStore observationMemory = new InMemoryObservationStore();
    this.observations = new RedisObservationStore(observationMemory, registrationMemory, writes);
    this.registrations = new RedisRegistrationStore(registrationMemory, new OwnerTable(), writes,
        settings.registrationGrace().toMillis(), observations::dropReplica);
    this.security = new RedisSecurityStore(new InMemorySecurityStore(), writes);
    this.bootstrapConfigs = new RedisBootstrapConfigStore(new InMemoryBootstrapConfigStore(), writes);
    this.firmwareJobs = new RedisFirmwareJobStore(new InMemoryFirmwareJobStore(), writes);
    this.ownership = new RedisOwnership(settings.nodeId(), registrations);
    this.replica = new Replica(writes, registrations, observations, security, bootstrapConfigs, firmwareJobs);
    writes.rereadWith(replica::reread);
    this.feed = new ChangeFeed(client, settings.nodeId());
  }

  /**
   * Connects to Redis, subscribes to the change feed and loads everything into the replica.
   *
   * @throws StoreException if Redis cannot be reached or its data cannot be read
   */
  public static RedisStore open(RedisStoreSettings settings) {
    RedisUri uri = settings.uri();
    RedisClient client = RedisClient.create(RedisURI.builder().withHost(uri.host()).withPort(uri.port())
        .withDatabase(uri.database()).withTimeout(settings.commandTimeout()).build());
    client.setOptions(ClientOptions.builder().autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout())).build());
    StatefulRedisConnection<String, String> connection = null;
    try {
      connection = client.connect();
      RedisStore store = new RedisStore(settings, client, connection);
      store.loaded = store.load();
      store.watchReconnects();
      return store;
    } catch (RedisException | StoreException e) {
      if (connection != null) {
        connection.close();
      }
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      throw new StoreException("cannot open the Redis store at " + uri + ": " + e.getMessage(), e);
    }
  }

  /**
   * The DTLS sessions the nodes share, for the DTLS cluster settings ({@code withSharedSessions}): a
   * device whose node died resumes its session with another node, without a new security context.
   */
  public org.lwm2m4j.transport.dtls.DtlsSessionCache dtlsSessions() {
    return new RedisDtlsSessions(connection);
  }

  /** Registrations: read from the replica, written through; see the class comment. */
  @Override
  public RegistrationStore registrations() {
    return registrations;
  }

  @Override
  public ObservationStore observations() {
    return observations;
  }

  @Override
  public SecurityStore security() {
    return security;
  }

  /** The bootstrap server's configs and last sessions. */
  public BootstrapConfigStore bootstrapConfigs() {
    return bootstrapConfigs;
  }

  @Override
  public FirmwareJobStore firmwareJobs() {
    return firmwareJobs;
  }

  /** Which node owns each registration, as recorded with it in Redis; this node is {@link Ownership#self()}. */
  public Ownership ownership() {
    return ownership;
  }

  /** Hears of the registration changes of other nodes once the replica applied them. */
  public void addReplicaListener(RegistrationReplicaListener listener) {
    registrations.addReplicaListener(listener);
  }

  /** Hears of the observations other nodes made or dropped once the replica applied them. */
  public void addObservationReplicaListener(ObservationReplicaListener listener) {
    observations.addReplicaListener(listener);
  }

  /** What was loaded at open. */
  public Loaded loaded() {
    return loaded;
  }

  /** The settings it was opened with. */
  public RedisStoreSettings settings() {
    return settings;
  }

  @Override
  public void addWriteListener(StoreWriteListener listener) {
    writes.addListener(listener);
  }

  /** Waits for what was sent, then closes the connections. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      writes.persisted().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("closing the Redis store at {} with changes Redis did not acknowledge: {}", settings.uri(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    feed.close();
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    ownExecutor.ifPresent(ExecutorService::shutdown);
  }

  /** Waits for {@code command} of {@code what}, turning a failure or a timeout into a {@link StoreException}. */
  static <T> T await(CompletionStage<T> command, String what) {
    try {
      return command.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new StoreException(what + " failed in Redis: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreException(what + " took Redis longer than " + WAIT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while " + what, e);
    }
  }

  /**
   * Reads every key into memory, kind by kind (registrations first, then the expired ones are
   * claimed; observations of registrations that are gone are not loaded), then lets the feed pass
   * the messages that came meanwhile.
   */
  private Loaded load() {
    RedisCommands<String, String> sync = connection.sync();
    int[] counts = new int[3];
    scan(sync, ChangeKind.REGISTRATION, (endpoint, key) -> connection.async().hgetall(key),
        (endpoint, hash) -> registrations.load(endpoint, hash));
    int expired = registrations.removeExpired(settings.clock().instant()).size();
    scan(sync, ChangeKind.OBSERVATIONS, (endpoint, key) -> connection.async().hgetall(key),
        (endpoint, hash) -> counts[0] += observations.load(endpoint, hash));
    scan(sync, ChangeKind.CREDENTIALS, (endpoint, key) -> connection.async().get(key), (endpoint, value) -> {
      security.load(endpoint, value);
      counts[1]++;
    });
    scan(sync, ChangeKind.BOOTSTRAP_CONFIG, (endpoint, key) -> connection.async().get(key), (endpoint, value) -> {
      bootstrapConfigs.applyConfig(endpoint, Optional.of(value));
      counts[2]++;
    });
    scan(sync, ChangeKind.BOOTSTRAP_SESSION, (endpoint, key) -> connection.async().get(key),
        (endpoint, value) -> bootstrapConfigs.applySession(endpoint, Optional.of(value)));
    scan(sync, ChangeKind.FIRMWARE_JOB, (endpoint, key) -> connection.async().get(key), firmwareJobs::apply);
    feed.start(replica::reread);
    return new Loaded(registrationMemory.size(), counts[0], counts[1], counts[2], expired);
  }

  /** SCANs the keys of {@code kind}, reads each batch pipelined and hands each value (not absent) to {@code load}. */
  private static <V> void scan(RedisCommands<String, String> sync, ChangeKind kind,
      java.util.function.BiFunction<String, String, RedisFuture<V>> read, BiConsumer<String, V> load) {
    ScanArgs args = ScanArgs.Builder.matches(RedisKeys.pattern(kind)).limit(1000);
    KeyScanCursor<String> cursor = sync.scan(args);
    while (true) {
      Map<String, RedisFuture<V>> reads = new LinkedHashMap<>();
      for (String key : cursor.getKeys()) {
        reads.put(key, read.apply(RedisKeys.endpointOf(key), key));
      }
      for (Map.Entry<String, RedisFuture<V>> entry : reads.entrySet()) {
        V value = await(entry.getValue(), "reading " + entry.getKey());
        if (value != null && !(value instanceof Map<?, ?> map && map.isEmpty())) {
          try {
            load.accept(RedisKeys.endpointOf(entry.getKey()), value);
          } catch (RuntimeException e) {
            LOG.warn("skipping the unreadable {} in Redis: {}", entry.getKey(), e.getMessage());
          }
        }
      }
      if (cursor.isFinished()) {
        return;
      }
      cursor = sync.scan(cursor, args);
    }
  }

  /**
   * When a connection comes back after an outage, messages sent meanwhile are lost: read every key
   * again (off Lettuce's threads), and every registration the replica holds, which another node may
   * have removed. Both connections count: the feed may be back before the command connection (then
   * reading fails, and so do re-reads of the changes the feed brings meanwhile), or after it (then
   * the messages of the gap are lost); whichever comes back last makes the read that sees them all.
   */
  private void watchReconnects() {
    // added once both connections are up: every later connect of the feed's is a reconnect
    client.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
        if ((handler == feed.connection() || handler == connection) && !closed.get()) {
          executor.execute(() -> resync(1));
        }
      }
    });
  }

  /** Retries of a read-everything that failed (the connection not yet usable), a second apart. */
  private static final int RESYNC_ATTEMPTS = 30;

  private void resync(int attempt) {
    if (closed.get()) {
      return;
    }
    try {
      RedisCommands<String, String> sync = connection.sync();
      for (ChangeKind kind : ChangeKind.values()) {
        ScanArgs args = ScanArgs.Builder.matches(RedisKeys.pattern(kind)).limit(1000);
        KeyScanCursor<String> cursor = sync.scan(args);
        while (true) {
          for (String key : cursor.getKeys()) {
            replica.reread(new ChangeMessage(kind, "resync", "", RedisKeys.endpointOf(key)));
          }
          if (cursor.isFinished()) {
            break;
          }
          cursor = sync.scan(cursor, args);
        }
      }
      List<String> endpoints = new java.util.ArrayList<>();
      registrationMemory.forEach(registration -> endpoints.add(registration.endpoint()));
      endpoints.forEach(endpoint -> replica.reread(new ChangeMessage(ChangeKind.REGISTRATION, "resync", "", endpoint)));
      LOG.info("the Redis store at {} read everything again after a reconnect", settings.uri());
    } catch (RuntimeException e) {
      if (attempt < RESYNC_ATTEMPTS) {
        LOG.info("cannot read the Redis store at {} again after a reconnect yet, trying again in 1 s: {}", settings.uri(), e.toString());
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS, executor).execute(() -> resync(attempt + 1));
      } else {
        LOG.warn("cannot read the Redis store at {} again after a reconnect ({} attempts); the replica catches up at the next "
            + "reconnect: {}", settings.uri(), attempt, e.toString());
      }
    }
  }
}
