package org.lwm2m4j.server.store.sqlite;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.lwm2m4j.core.model.Version;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfig;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigJson;
import org.lwm2m4j.server.bootstrap.config.BootstrapConfigStore;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionJson;
import org.lwm2m4j.server.bootstrap.config.BootstrapSessionRecord;
import org.lwm2m4j.server.bootstrap.config.InMemoryBootstrapConfigStore;
import org.lwm2m4j.server.firmware.FirmwareJobStatus;
import org.lwm2m4j.server.firmware.FirmwareJobStore;
import org.lwm2m4j.server.firmware.FirmwareMethod;
import org.lwm2m4j.server.firmware.FirmwarePhase;
import org.lwm2m4j.server.firmware.InMemoryFirmwareJobStore;
import org.lwm2m4j.server.observation.InMemoryObservationStore;
import org.lwm2m4j.server.observation.Observation;
import org.lwm2m4j.server.observation.ObservationStore;
import org.lwm2m4j.server.observation.Token;
import org.lwm2m4j.server.registration.InMemoryRegistrationStore;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.server.security.InMemorySecurityStore;
import org.lwm2m4j.server.security.PskSecurity;
import org.lwm2m4j.server.security.PublicKeys;
import org.lwm2m4j.server.security.RpkSecurity;
import org.lwm2m4j.server.security.SecurityInfo;
import org.lwm2m4j.server.security.SecurityStore;
import org.lwm2m4j.server.security.X509Security;
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
 * thread takes up to {@value #MAX_BATCH} dirty rows at a time, reads their current state from
 * memory and upserts or deletes them in one transaction. Marks carry no values, so several changes
 * to a row coalesce and the database always ends equal to memory whatever the order of marks; no
 * object is kept per registration beyond the in-memory store's.
 *
 * <p><b>Acknowledged means durable (group commit).</b> {@link RegistrationStore#persisted()} gives
 * the future of the batch that holds every change queued so far; the registration interface sends
 * its 2.01, 2.04 or 2.02 only when that batch has committed. A registration a client saw
 * acknowledged is therefore on disk even if the server is killed the next instant, and the cost
 * is one short wait per request (a commit without fsync, tens to hundreds of microseconds) shared
 * by every request that arrived meanwhile — under load, hundreds of registrations per
 * transaction. Observations are written behind without waiting: an observation lost in a crash is
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
 */
public final class SqliteStore implements ServerStore {
  /** The database file's name in the data directory. */
  public static final String FILE_NAME = "lwm2m4j.db";
  /** The most changes written in one transaction. */
  static final int MAX_BATCH = 10_000;
  /** Changes that may wait for the writer before changing threads block. */
  static final int QUEUE_CAPACITY = 200_000;
  /** How long a caller that must wait for its commit (credentials, configs) waits at most. */
  private static final Duration COMMIT_WAIT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(SqliteStore.class);
  private static final ObjectMapper JSON = new ObjectMapper();

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
  private final WriteQueue queue = new WriteQueue(QUEUE_CAPACITY);
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
  /** Completes batch futures off the writer thread: what waits on them (CoAP responses) must not slow writing. */
  private final ExecutorService completions;
  private final Loaded loaded;

  private final PreparedStatement upsertRegistration;
  private final PreparedStatement deleteRegistration;
  private final PreparedStatement upsertObservation;
  private final PreparedStatement deleteObservation;
  private final PreparedStatement upsertSecurity;
  private final PreparedStatement deleteSecurity;
  private final PreparedStatement upsertConfig;
  private final PreparedStatement deleteConfig;
  private final PreparedStatement upsertSession;
  private final PreparedStatement deleteSession;
  private final PreparedStatement upsertFirmwareJob;
  private final PreparedStatement deleteFirmwareJob;
  /** Every write statement, executed as JDBC batches at the end of each transaction: one native call per statement. */
  private final List<PreparedStatement> statements;

  private SqliteStore(Path file, Connection connection, Duration registrationGrace, Clock clock) throws SQLException {
    this.file = file;
    this.connection = connection;
    this.registrationMemory = new InMemoryRegistrationStore(registrationGrace);
    this.registrations = new SqliteRegistrationStore(registrationMemory, queue);
    this.observations = new SqliteObservationStore(observationMemory, queue);
    this.security = new SqliteSecurityStore(securityMemory, queue);
    this.bootstrapConfigs = new SqliteBootstrapConfigStore(bootstrapMemory, queue);
    this.firmwareJobs = new SqliteFirmwareJobStore(firmwareMemory, queue);
    upsertRegistration = connection.prepareStatement("INSERT OR REPLACE INTO registrations (endpoint, id, host, port, lifetime,"
        + " version, binding, queue_mode, secure, sms, object_links, registered_at, last_update) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
    deleteRegistration = connection.prepareStatement("DELETE FROM registrations WHERE endpoint = ?");
    upsertObservation = connection.prepareStatement("INSERT OR REPLACE INTO observations (token, registration_id, paths, composite,"
        + " content_format, created_at) VALUES (?,?,?,?,?,?)");
    deleteObservation = connection.prepareStatement("DELETE FROM observations WHERE token = ?");
    upsertSecurity = connection.prepareStatement("INSERT OR REPLACE INTO security (endpoint, mode, identity, key) VALUES (?,?,?,?)");
    deleteSecurity = connection.prepareStatement("DELETE FROM security WHERE endpoint = ?");
    upsertConfig = connection.prepareStatement("INSERT OR REPLACE INTO bootstrap_configs (endpoint, config) VALUES (?,?)");
    deleteConfig = connection.prepareStatement("DELETE FROM bootstrap_configs WHERE endpoint = ?");
    upsertSession = connection.prepareStatement("INSERT OR REPLACE INTO bootstrap_sessions (endpoint, session) VALUES (?,?)");
    deleteSession = connection.prepareStatement("DELETE FROM bootstrap_sessions WHERE endpoint = ?");
    upsertFirmwareJob = connection.prepareStatement("INSERT OR REPLACE INTO firmware_jobs (endpoint, image_id, method, phase, state,"
        + " result, error, started_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)");
    deleteFirmwareJob = connection.prepareStatement("DELETE FROM firmware_jobs WHERE endpoint = ?");
    statements = List.of(upsertRegistration, deleteRegistration, upsertObservation, deleteObservation, upsertSecurity, deleteSecurity,
        upsertConfig, deleteConfig, upsertSession, deleteSession, upsertFirmwareJob, deleteFirmwareJob);
    this.loaded = load(clock.instant());
    this.completions = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "lwm2m-store-commits"));
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
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create the data directory " + dataDir + ": " + e, e);
    }
    if (!Files.isDirectory(dataDir) || !Files.isWritable(dataDir)) {
      throw new StoreException("the data directory " + dataDir + " is not a writable directory");
    }
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
      return new SqliteStore(file, connection, registrationGrace, clock);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      String why = e.getMessage() != null && e.getMessage().contains("SQLITE_BUSY")
          ? "it is in use by another process" : String.valueOf(e.getMessage());
      throw new StoreException("cannot open the store " + file + ": " + why, e);
    }
  }

  private static void createTables(Statement statement) throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS registrations (endpoint TEXT PRIMARY KEY, id TEXT NOT NULL, host TEXT NOT NULL,"
        + " port INTEGER NOT NULL, lifetime INTEGER NOT NULL, version TEXT NOT NULL, binding TEXT NOT NULL,"
        + " queue_mode INTEGER NOT NULL, secure INTEGER NOT NULL, sms TEXT, object_links TEXT NOT NULL,"
        + " registered_at INTEGER NOT NULL, last_update INTEGER NOT NULL) WITHOUT ROWID");
    statement.execute("CREATE TABLE IF NOT EXISTS observations (token BLOB PRIMARY KEY, registration_id TEXT NOT NULL,"
        + " paths TEXT NOT NULL, composite INTEGER NOT NULL, content_format INTEGER, created_at INTEGER NOT NULL) WITHOUT ROWID");
    statement.execute("CREATE TABLE IF NOT EXISTS security (endpoint TEXT PRIMARY KEY, mode TEXT NOT NULL, identity TEXT, key BLOB)");
    statement.execute("CREATE TABLE IF NOT EXISTS bootstrap_configs (endpoint TEXT PRIMARY KEY, config TEXT NOT NULL)");
    statement.execute("CREATE TABLE IF NOT EXISTS bootstrap_sessions (endpoint TEXT PRIMARY KEY, session TEXT NOT NULL)");
    statement.execute("CREATE TABLE IF NOT EXISTS firmware_jobs (endpoint TEXT PRIMARY KEY, image_id TEXT NOT NULL, method TEXT NOT NULL,"
        + " phase TEXT NOT NULL, state INTEGER, result INTEGER, error TEXT, started_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)");
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
    completions.shutdown();
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
        taken = queue.take(MAX_BATCH);
      } catch (InterruptedException e) {
        return;
      }
      if (taken.isEmpty()) {
        return;
      }
      WriteQueue.Batch batch = taken.get();
      Set<Dirty> rows = new LinkedHashSet<>(batch.changes());
      long start = System.nanoTime();
      try {
        for (Dirty row : rows) {
          write(row);
        }
        // each key is in the batch once, so upserts and deletes of different rows may run in any order
        for (PreparedStatement statement : statements) {
          statement.executeBatch();
        }
        connection.commit();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        for (StoreWriteListener listener : listeners) {
          listener.committed(rows.size(), took);
        }
        completions.execute(() -> batch.done().complete(null));
      } catch (SQLException | RuntimeException e) {
        LOG.error("cannot write {} changes to {}: {}", rows.size(), file, e.toString());
        try {
          connection.rollback();
        } catch (SQLException rollback) {
          LOG.warn("rollback failed on {}: {}", file, rollback.toString());
        }
        for (PreparedStatement statement : statements) {
          try {
            statement.clearBatch();
          } catch (SQLException ignored) {
            // the statement is reused for the next batch either way
          }
        }
        for (StoreWriteListener listener : listeners) {
          listener.failed(rows.size(), e);
        }
        completions.execute(() -> batch.done().completeExceptionally(e));
      }
    }
  }

  private void write(Dirty row) throws SQLException {
    switch (row.table()) {
      case REGISTRATION -> {
        String endpoint = (String) row.key();
        Optional<Registration> current = registrationMemory.byEndpoint(endpoint);
        if (current.isPresent()) {
          bindRegistration(current.get());
          upsertRegistration.addBatch();
        } else {
          deleteRegistration.setString(1, endpoint);
          deleteRegistration.addBatch();
        }
      }
      case OBSERVATION -> {
        Token token = (Token) row.key();
        Optional<Observation> current = observationMemory.byToken(token);
        if (current.isPresent()) {
          bindObservation(current.get());
          upsertObservation.addBatch();
        } else {
          deleteObservation.setBytes(1, token.bytes());
          deleteObservation.addBatch();
        }
      }
      case SECURITY -> {
        String endpoint = (String) row.key();
        Optional<SecurityInfo> current = securityMemory.byEndpoint(endpoint);
        if (current.isPresent()) {
          bindSecurity(current.get());
          upsertSecurity.addBatch();
        } else {
          deleteSecurity.setString(1, endpoint);
          deleteSecurity.addBatch();
        }
      }
      case BOOTSTRAP_CONFIG -> {
        String endpoint = (String) row.key();
        Optional<BootstrapConfig> current = bootstrapMemory.get(endpoint);
        if (current.isPresent()) {
          upsertConfig.setString(1, endpoint);
          upsertConfig.setString(2, BootstrapConfigJson.toJsonWithSecrets(current.get()).toString());
          upsertConfig.addBatch();
        } else {
          deleteConfig.setString(1, endpoint);
          deleteConfig.addBatch();
        }
      }
      case BOOTSTRAP_SESSION -> {
        String endpoint = (String) row.key();
        Optional<BootstrapSessionRecord> current = bootstrapMemory.lastSession(endpoint);
        if (current.isPresent()) {
          upsertSession.setString(1, endpoint);
          upsertSession.setString(2, BootstrapSessionJson.toJson(current.get()).toString());
          upsertSession.addBatch();
        } else {
          deleteSession.setString(1, endpoint);
          deleteSession.addBatch();
        }
      }
      case FIRMWARE_JOB -> {
        String endpoint = (String) row.key();
        Optional<FirmwareJobStatus> current = firmwareMemory.byEndpoint(endpoint);
        if (current.isPresent()) {
          bindFirmwareJob(current.get());
          upsertFirmwareJob.addBatch();
        } else {
          deleteFirmwareJob.setString(1, endpoint);
          deleteFirmwareJob.addBatch();
        }
      }
    }
  }

  private void bindRegistration(Registration r) throws SQLException {
    PreparedStatement s = upsertRegistration;
    s.setString(1, r.endpoint());
    s.setString(2, r.id());
    s.setString(3, r.address().getAddress().getHostAddress());
    s.setInt(4, r.address().getPort());
    s.setLong(5, r.lifetimeSeconds());
    s.setString(6, r.lwm2mVersion().toString());
    s.setString(7, r.binding());
    s.setInt(8, r.queueMode() ? 1 : 0);
    s.setInt(9, r.secure() ? 1 : 0);
    if (r.smsNumber().isPresent()) {
      s.setString(10, r.smsNumber().get());
    } else {
      s.setNull(10, Types.VARCHAR);
    }
    s.setString(11, r.objectLinksText());
    s.setLong(12, r.registeredAt().toEpochMilli());
    s.setLong(13, r.lastUpdate().toEpochMilli());
  }

  private void bindObservation(Observation o) throws SQLException {
    PreparedStatement s = upsertObservation;
    s.setBytes(1, o.token().bytes());
    s.setString(2, o.registrationId());
    List<String> paths = new ArrayList<>(o.paths().size());
    for (LwM2mPath path : o.paths()) {
      paths.add(path.toString());
    }
    s.setString(3, String.join(",", paths));
    s.setInt(4, o.composite() ? 1 : 0);
    if (o.contentFormat().isPresent()) {
      s.setInt(5, o.contentFormat().getAsInt());
    } else {
      s.setNull(5, Types.INTEGER);
    }
    s.setLong(6, o.createdAt().toEpochMilli());
  }

  private void bindSecurity(SecurityInfo info) throws SQLException {
    PreparedStatement s = upsertSecurity;
    s.setString(1, info.endpoint());
    s.setString(2, info.mode());
    if (info instanceof PskSecurity psk) {
      s.setString(3, psk.identity());
      s.setBytes(4, psk.key());
    } else if (info instanceof RpkSecurity rpk) {
      s.setNull(3, Types.VARCHAR);
      s.setBytes(4, rpk.publicKey().getEncoded());
    } else {
      s.setNull(3, Types.VARCHAR);
      s.setNull(4, Types.BLOB);
    }
  }

  private void bindFirmwareJob(FirmwareJobStatus job) throws SQLException {
    PreparedStatement s = upsertFirmwareJob;
    s.setString(1, job.endpoint());
    s.setString(2, job.imageId());
    s.setString(3, job.method().name());
    s.setString(4, job.phase().name());
    setOptionalInt(s, 5, job.state());
    setOptionalInt(s, 6, job.result());
    if (job.error().isPresent()) {
      s.setString(7, job.error().get());
    } else {
      s.setNull(7, Types.VARCHAR);
    }
    s.setLong(8, job.startedAt().toEpochMilli());
    s.setLong(9, job.updatedAt().toEpochMilli());
  }

  private static void setOptionalInt(PreparedStatement s, int index, OptionalInt value) throws SQLException {
    if (value.isPresent()) {
      s.setInt(index, value.getAsInt());
    } else {
      s.setNull(index, Types.INTEGER);
    }
  }

  private Loaded load(Instant now) throws SQLException {
    int registrationCount = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT endpoint, id, host, port, lifetime, version, binding, queue_mode, secure,"
            + " sms, object_links, registered_at, last_update FROM registrations")) {
      while (rows.next()) {
        registrationMemory.add(readRegistration(rows));
        registrationCount++;
      }
    }
    List<Registration> expired = registrationMemory.removeExpired(now);
    try (PreparedStatement deleteObservationsOf = connection.prepareStatement("DELETE FROM observations WHERE registration_id = ?")) {
      for (Registration registration : expired) {
        deleteRegistration.setString(1, registration.endpoint());
        deleteRegistration.executeUpdate();
        deleteObservationsOf.setString(1, registration.id());
        deleteObservationsOf.executeUpdate();
      }
    }
    int observationCount = 0;
    List<byte[]> orphans = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT token, registration_id, paths, composite, content_format, created_at"
            + " FROM observations")) {
      while (rows.next()) {
        Observation observation = readObservation(rows);
        if (registrationMemory.byId(observation.registrationId()).isPresent()) {
          observationMemory.add(observation);
          observationCount++;
        } else {
          orphans.add(observation.token().bytes());
        }
      }
    }
    for (byte[] token : orphans) {
      deleteObservation.setBytes(1, token);
      deleteObservation.executeUpdate();
    }
    int credentialCount = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT endpoint, mode, identity, key FROM security")) {
      while (rows.next()) {
        securityMemory.put(readSecurity(rows));
        credentialCount++;
      }
    }
    int configCount = 0;
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT endpoint, config FROM bootstrap_configs")) {
      while (rows.next()) {
        String endpoint = rows.getString(1);
        bootstrapMemory.put(endpoint, BootstrapConfigJson.parse(rows.getString(2).getBytes(StandardCharsets.UTF_8)));
        configCount++;
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT endpoint, session FROM bootstrap_sessions")) {
      while (rows.next()) {
        try {
          bootstrapMemory.recordSession(rows.getString(1), BootstrapSessionJson.parse(JSON.readTree(rows.getString(2))));
        } catch (IOException e) {
          LOG.warn("skipping the unreadable bootstrap session of '{}' in {}: {}", rows.getString(1), file, e.getMessage());
        }
      }
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT endpoint, image_id, method, phase, state, result, error, started_at, updated_at"
            + " FROM firmware_jobs")) {
      while (rows.next()) {
        try {
          firmwareMemory.put(readFirmwareJob(rows));
        } catch (IllegalArgumentException e) {
          LOG.warn("skipping the unreadable firmware job of '{}' in {}: {}", rows.getString(1), file, e.getMessage());
        }
      }
    }
    connection.commit();
    return new Loaded(registrationMemory.size(), observationCount, credentialCount, configCount, expired.size());
  }

  private static Registration readRegistration(ResultSet rows) throws SQLException {
    InetSocketAddress address;
    try {
      // a literal address: no name look-up happens
      address = new InetSocketAddress(InetAddress.getByName(rows.getString(3)), rows.getInt(4));
    } catch (java.net.UnknownHostException e) {
      throw new SQLException("registration of '" + rows.getString(1) + "' has an invalid address " + rows.getString(3), e);
    }
    Registration.Builder builder = Registration.builder(rows.getString(2), rows.getString(1), address)
        .lifetimeSeconds(rows.getLong(5))
        .lwm2mVersion(Version.parse(rows.getString(6)))
        .binding(rows.getString(7))
        .queueMode(rows.getInt(8) != 0)
        .secure(rows.getInt(9) != 0)
        .smsNumber(rows.getString(10))
        .objectLinks(rows.getString(11))
        .registeredAt(Instant.ofEpochMilli(rows.getLong(12)))
        .lastUpdate(Instant.ofEpochMilli(rows.getLong(13)));
    return builder.build();
  }

  private static Observation readObservation(ResultSet rows) throws SQLException {
    List<LwM2mPath> paths = new ArrayList<>();
    for (String path : rows.getString(3).split(",")) {
      paths.add(LwM2mPath.parse(path));
    }
    int format = rows.getInt(5);
    OptionalInt contentFormat = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(format);
    return new Observation(Token.of(rows.getBytes(1)), rows.getString(2), paths, rows.getInt(4) != 0, contentFormat,
        Instant.ofEpochMilli(rows.getLong(6)));
  }

  private static FirmwareJobStatus readFirmwareJob(ResultSet rows) throws SQLException {
    int state = rows.getInt(5);
    OptionalInt stateValue = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(state);
    int result = rows.getInt(6);
    OptionalInt resultValue = rows.wasNull() ? OptionalInt.empty() : OptionalInt.of(result);
    return new FirmwareJobStatus(rows.getString(1), rows.getString(2), FirmwareMethod.valueOf(rows.getString(3)),
        FirmwarePhase.valueOf(rows.getString(4)), stateValue, resultValue, Optional.ofNullable(rows.getString(7)),
        Instant.ofEpochMilli(rows.getLong(8)), Instant.ofEpochMilli(rows.getLong(9)));
  }

  private static SecurityInfo readSecurity(ResultSet rows) throws SQLException {
    String endpoint = rows.getString(1);
    return switch (rows.getString(2)) {
      case "psk" -> new PskSecurity(endpoint, rows.getString(3), rows.getBytes(4));
      case "rpk" -> new RpkSecurity(endpoint, PublicKeys.decode(rows.getBytes(4)));
      case "x509" -> new X509Security(endpoint);
      default -> throw new SQLException("credentials of '" + endpoint + "' have an unknown mode " + rows.getString(2));
    };
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
