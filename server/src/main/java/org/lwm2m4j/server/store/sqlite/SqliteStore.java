package org.lwm2m4j.server.store.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.firmware.FirmwareJobStore;
import org.lwm2m4j.server.firmware.InMemoryFirmwareJobStore;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.core.file.OwnerOnlyFiles;
import org.lwm2m4j.server.store.ServerStore;
import org.lwm2m4j.server.store.StoreException;
import org.lwm2m4j.server.store.StoreWriteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: registrations, observations, security credentials, bootstrap
 * configs and firmware update jobs (the last per endpoint) in one SQLite file, {@code lwm2m4j.db} in the data directory, in WAL mode with {@code
 * synchronous=NORMAL} (a commit is in the write-ahead log, so it survives the process being
 * killed; only a power loss may lose the last commits before a checkpoint).
 *
 * <p><b>Write-behind.</b> The stores it hands out are the in-memory stores, which serve every read
 * and make every change; a change then marks its row dirty in a bounded queue, and one writer
 * thread takes up to {@value #MAX_BATCH} dirty rows at a time (at most one batch per {@link
 * #BATCH_GAP} while changes keep coming; see {@link WriteQueue}), reads their current state from
 * memory and upserts or deletes them in one transaction. Marks carry no values, so several changes
 * to a row coalesce and the database always ends equal to memory whatever the order of marks; no
 * object is kept per registration beyond the in-memory store's.
 *
 * <p><b>Acknowledged means durable (group commit).</b> {@link RegistrationStore#persisted()} gives
 * the future of the batch that holds every change queued so far; the registration interface sends
 * its 2.01, 2.04 or 2.02 only when that batch has committed. A registration a client saw
 * acknowledged is therefore on disk even if the server is killed the next instant, and the cost
 * is one short wait per request (a commit without fsync, tens to hundreds of microseconds, and
 * under load up to {@link #BATCH_GAP} more) shared by every request that arrived meanwhile — under
 * load, tens to hundreds of registrations per transaction. Observations are written behind without waiting: an observation lost in a crash is
 * one the server was establishing at that moment, and its notifications are then answered with RST
 * (the client's cue to be observed again by whoever asks). Firmware job changes are written behind
 * too (a resumed job reads where the device stands). Credential and bootstrap config changes wait
 * for their commit.
 *
 * <p><b>At open</b> every row is loaded into memory; registrations whose lifetime (plus the grace
 * period) ran out while the server was down are deleted with their observations, and observations
 * of unknown registrations are deleted. {@link #loaded()} says what was found. {@link #close()}
 * writes what is still queued, then closes the file. The file is opened in exclusive locking mode,
 * so a second server on the same directory fails at open instead of corrupting the first's state.
 * Credentials are stored in clear, so the data directory, if the store creates it, is {@code
 * rwx------}, and the database and the files beside it are {@code rw-------} ({@link
 * OwnerOnlyFiles}).
 *
 * <p><b>Threads.</b> A store outlives the server that uses it (its owner closes it after the
 * server, so that the last changes are written), so it does not run on the server's scheduler:
 * the writer is a thread of its own, since JDBC blocks and must not hold a shared pool's thread,
 * and batch futures are completed in order through a serial lane ({@link CommitCompletions}) on the executor given
 * to {@link #open(Path, Duration, Clock, Executor)} (one that outlives the store), else on one
 * thread of its own. Should that executor stop first, the writer completes them itself.
 *
 * <p>This class holds the life cycle (open, writer thread, group commit, close); each table's
 * schema, statements and row mapping are in its {@link RowTable} ({@link RegistrationRows}, {@link
 * ObservationRows}, {@link SecurityRows}, {@link BootstrapConfigRows}, {@link
 * BootstrapSessionRows}, {@link FirmwareJobRows}).
 */
public final class SqliteStore implements ServerStore {
  /** The database file's name in the data directory. */
  public static final String FILE_NAME = "lwm2m4j.db";
  /** The most changes written in one transaction. */
  static final int MAX_BATCH = 10_000;
  /** Changes that may wait for the writer before changing threads block. */
  static final int QUEUE_CAPACITY = 200_000;
  /**
   * The least time between two batches while changes keep coming: at full registration rate one
   * commit takes tens of registrations instead of a few, for at most this much more latency.
   */
  static final Duration BATCH_GAP = Duration.ofMillis(1);
  /** How long a caller that must wait for its commit (credentials, configs) waits at most. */
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);

  /**
   * What was found at open.
   *
   * @param registrations registrations loaded (not counting the expired)
   * @param observations observations loaded
   * @param credentials security credentials loaded
   * @param bootstrapConfigs bootstrap configs loaded
   * @param expired registrations deleted because they expired while the server was down
   */
  public record Loaded(int registrations, int observations, int credentials, int bootstrapConfigs, int expired) {}

  private final Path file;
  private final Connection connection;
  private final WriteQueue queue = new WriteQueue(QUEUE_CAPACITY, MAX_BATCH, BATCH_GAP, System::nanoTime);
  private final InMemoryRegistrationStore registrationMemory;
  private final InMemoryObservationStore observationMemory = new InMemoryObservationStore();
  private final InMemorySecurityStore securityMemory = new InMemorySecurityStore();
  private final InMemoryBootstrapConfigStore bootstrapMemory = new InMemoryBootstrapConfigStore();
  private final InMemoryFirmwareJobStore firmwareMemory = new InMemoryFirmwareJobStore();
  private final SqliteRegistrationStore registrations;
  private final SqliteObservationStore observations;
  private final SqliteSecurityStore security;
  private final SqliteBootstrapConfigStore bootstrapConfigs;
  private final SqliteFirmwareJobStore firmwareJobs;
  private final List<StoreWriteListener> listeners = new CopyOnWriteArrayList<>();
  private final Thread writer;
  private final CommitCompletions completions;
  private final Loaded loaded;

  private final RegistrationRows registrationRows;
  private final ObservationRows observationRows;
  private final SecurityRows securityRows;
  private final BootstrapConfigRows bootstrapConfigRows;
  private final BootstrapSessionRows bootstrapSessionRows;
  private final FirmwareJobRows firmwareJobRows;
  /** Every table, whose statements are executed as JDBC batches at the end of each transaction: one native call per statement. */
  private final List<RowTable<?, ?>> tables;

  private SqliteStore(Path file, Connection connection, Duration registrationGrace, Clock clock, Optional<Executor> executor)
      throws SQLException {
    this.file = file;
    this.connection = connection;
    this.registrationMemory = new InMemoryRegistrationStore(registrationGrace);
    this.registrationRows = new RegistrationRows(connection, registrationMemory);
    this.observationRows = new ObservationRows(connection, observationMemory, registrationMemory);
    this.securityRows = new SecurityRows(connection, securityMemory);
    this.bootstrapConfigRows = new BootstrapConfigRows(connection, bootstrapMemory);
    this.bootstrapSessionRows = new BootstrapSessionRows(connection, bootstrapMemory, file);
    this.firmwareJobRows = new FirmwareJobRows(connection, firmwareMemory, file);
    this.tables = List.of(registrationRows, observationRows, securityRows, bootstrapConfigRows, bootstrapSessionRows, firmwareJobRows);
    this.registrations = new SqliteRegistrationStore(registrationMemory, registrationRows, queue);
    this.observations = new SqliteObservationStore(observationMemory, observationRows, queue);
    this.security = new SqliteSecurityStore(securityMemory, securityRows, queue);
    this.bootstrapConfigs = new SqliteBootstrapConfigStore(bootstrapMemory, bootstrapConfigRows, bootstrapSessionRows, queue);
    this.firmwareJobs = new SqliteFirmwareJobStore(firmwareMemory, firmwareJobRows, queue);
    this.loaded = load(clock.instant());
    this.completions = new CommitCompletions(executor, QUEUE_CAPACITY);
    this.writer = daemon(this::writeLoop, "lwm2m-store-writer");
    writer.start();
  }

  /**
   * Opens (creating if needed) the store in {@code dataDir}, with a 30 s registration grace period
   * as the server's in-memory default, and loads it.
   *
   * @throws StoreException if the directory cannot be created or written, the file is not a
   *     database, or another process uses it
   */
  public static SqliteStore open(Path dataDir) {
    return open(dataDir, Duration.ofSeconds(30), Clock.systemUTC());
  }

  /**
   * Opens the store in {@code dataDir} and loads it.
   *
   * @param registrationGrace extra time after last update + lifetime before a registration expires
   * @param clock the time registrations expire by at open
   * @throws StoreException if the directory cannot be created or written, the file is not a
   *     database, or another process uses it
   */
  public static SqliteStore open(Path dataDir, Duration registrationGrace, Clock clock) {
    return open(dataDir, registrationGrace, clock, Optional.empty());
  }

  /**
   * Opens the store in {@code dataDir} and loads it, completing commit futures on {@code
   * executor} (e.g. a scheduler shared with the server) instead of a thread of its own; the
   * executor must outlive the store.
   *
   * @param registrationGrace extra time after last update + lifetime before a registration expires
   * @param clock the time registrations expire by at open
   * @throws StoreException as {@link #open(Path, Duration, Clock)}
   */
  public static SqliteStore open(Path dataDir, Duration registrationGrace, Clock clock, Executor executor) {
    return open(dataDir, registrationGrace, clock, Optional.of(executor));
  }

  private static SqliteStore open(Path dataDir, Duration registrationGrace, Clock clock, Optional<Executor> executor) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      OwnerOnlyFiles.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dataDir + ": " + e, e);
    }
    if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
      throw new StoreException("the data directory " + dataDir + " is not a writable directory");
    }
    // SQLite gives the -wal and -shm files the database's mode: an owner-only database makes them owner-only too
    StoreFiles.restrict(file, true);
    StoreFiles.warnIfShared(dataDir);
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA locking_mode = EXCLUSIVE");
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute("PRAGMA synchronous = NORMAL");
        statement.execute("PRAGMA cache_size = -32768"); // 32 MiB of pages: upserts of a large fleet stay off the disk
        createTables(statement);
      }
      connection.setAutoCommit(false);
      StoreFiles.restrict(file, false);
      return new SqliteStore(file, connection, registrationGrace, clock, executor);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      String why = e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY")
          ? "it is in use by another process" : String.valueOf(e.getMessage());
      throw new StoreException("cannot open the store " + file + ": " + why, e);
    }
  }

  private static void createTables(Statement statement) throws SQLException {
    for (String createTable : List.of(RegistrationRows.CREATE_TABLE, ObservationRows.CREATE_TABLE, SecurityRows.CREATE_TABLE,
        BootstrapConfigRows.CREATE_TABLE, BootstrapSessionRows.CREATE_TABLE, FirmwareJobRows.CREATE_TABLE)) {
      statement.execute(createTable);
    }
    SecurityRows.addOriginColumn(statement);
    RegistrationRows.addSecurityColumns(statement);
  }

  /** Registrations: read from memory, written behind; see the class comment. */
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

  /** Each endpoint's last firmware update job: read from memory, written behind. */
  @Override
  public FirmwareJobStore firmwareJobs() {
    return firmwareJobs;
  }

  /** What was loaded at open. */
  public Loaded loaded() {
    return loaded;
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** Changes waiting for the writer now. */
  public int pendingWrites() {
    return queue.size();
  }

  @Override
  public void addWriteListener(StoreWriteListener listener) {
    listeners.add(listener);
  }

  /** A future that completes once every change made so far is committed. */
  public CompletableFuture<Void> flush() {
    return queue.persisted();
  }

  /** Writes every queued change, stops the writer and closes the file. Idempotent. */
  @Override
  public void close() {
    queue.close();
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      LOG.warn("the store writer did not finish within 30 s; closing {} with {} changes unwritten", file, queue.size());
      writer.interrupt();
    }
    completions.close();
    closeQuietly(connection);
  }

  /** Waits for {@code commit} of {@code what}, turning a failure or a timeout into a {@link StoreException}. */
  static void await(CompletableFuture<Void> commit, String what) {
    try {
      commit.get(COMMIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new StoreException("cannot store " + what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreException("storing " + what + " took longer than " + COMMIT_WAIT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while storing " + what, e);
    }
  }

  private void writeLoop() {
    while (true) {
      Optional<WriteQueue.Batch> taken;
      try {
        taken = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (taken.isEmpty()) {
        return;
      }
      WriteQueue.Batch batch = taken.get();
      Set<Dirty<?>> rows = new LinkedHashSet<>(batch.changes());
      long start = System.nanoTime();
      try {
        for (Dirty<?> row : rows) {
          row.write();
        }
        // each key is in the batch once, so upserts and deletes of different rows may run in any order
        for (RowTable<?, ?> table : tables) {
          table.executeBatch();
        }
        connection.commit();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        for (StoreWriteListener listener : listeners) {
          listener.committed(rows.size(), took);
        }
        completions.complete(batch, Optional.empty());
      } catch (SQLException | RuntimeException e) {
        LOG.error("cannot write {} changes to {}: {}", rows.size(), file, e.toString());
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          LOG.warn("rollback failed on {}: {}", file, rollback.toString());
        }
        for (RowTable<?, ?> table : tables) {
          table.clearBatch();
        }
        for (StoreWriteListener listener : listeners) {
          listener.failed(rows.size(), e);
        }
        completions.complete(batch, Optional.of(e));
      }
    }
  }

  /**
   * Loads every table into memory: registrations first (expired ones deleted), so that
   * observations of unknown or expired registrations are found and deleted; configs before
   * sessions, which memory keeps only for an endpoint with a config.
   */
  private Loaded load(Instant now) throws SQLException {
    registrationRows.load();
    int expired = registrationRows.deleteExpired(now).size();
    int observationCount = observationRows.load();
    int credentialCount = securityRows.load();
    int configCount = bootstrapConfigRows.load();
    bootstrapSessionRows.load();
    firmwareJobRows.load();
    connection.commit();
    return new Loaded(registrationMemory.size(), observationCount, credentialCount, configCount, expired);
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing the store: {}", e.toString());
    }
  }
}
