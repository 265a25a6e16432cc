package org.lwm2m4j.server.bootstrap.config;

import org.lwm2m4j.server.security.EndpointNames;
import org.lwm2m4j.core.file.OwnerOnlyFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.core.error.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BootstrapConfigStore} that survives restarts: one JSON file per endpoint in {@code
 * dataDir/configs/} (the config with its secrets, as {@link BootstrapConfigJson#toJsonWithSecrets},
 * so the server can bootstrap devices after a restart) and one per endpoint's last session in
 * {@code dataDir/sessions/}. Everything is loaded when the store is made; reads are served from
 * memory.
 *
 * <p>Every write goes to a temporary file in the same directory, is forced to disk and then
 * renamed over the old file atomically, so a crash leaves either the old or the new file, never a
 * torn one; leftover temporary files are removed at start. Where the file system is POSIX, the
 * directories are {@code rwx------} and the files {@code rw-------}: they hold secret keys
 * ({@code dataDir} itself only if the store creates it; files found at start are made owner-only).
 *
 * <p>File names are the endpoint name with lower-case letters, digits, {@code -} and {@code _}
 * kept and every other UTF-8 byte written {@code %XX} (upper-case letters too, so names that differ
 * only in case stay apart on case-insensitive file systems), plus {@code .json}. The endpoint name
 * is also stored inside the file. A file that cannot be read at start is logged and skipped, left
 * in place for an operator to repair.
 *
 * <p>Thread-safe: writes for one endpoint are serialized (writes for different endpoints run in
 * parallel), reads never block.
 */
public final class FileBootstrapConfigStore implements BootstrapConfigStore {
  /** The longest encoded file name stem accepted, well below the usual 255-byte limit. */
  static final int MAX_FILE_NAME_CHARS = 240;
  static final String CONFIGS = "configs";
  static final String SESSIONS = "sessions";
  static final String SUFFIX = ".json";
  static final String TEMP_PREFIX = ".tmp-";

  private static final Logger LOG = LoggerFactory.getLogger(FileBootstrapConfigStore.class);
  private static final String ENDPOINT = "endpoint";
  private static final String CONFIG = "config";
  private static final String SESSION = "session";
  private static final int LOCK_STRIPES = 64;
  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private final Path configDir;
  private final Path sessionDir;
  private final boolean posix;
  private final Map<String, BootstrapConfig> configs = new ConcurrentHashMap<>();
  private final Map<String, BootstrapSessionRecord> sessions = new ConcurrentHashMap<>();
  private final Object[] locks = new Object[LOCK_STRIPES];

  /**
   * Opens the store in {@code dataDir}, creating {@code configs/} and {@code sessions/} if needed,
   * and loads every stored config and session.
   *
   * @throws UncheckedIOException if the directories cannot be created or listed
   */
  public FileBootstrapConfigStore(Path dataDir) {
    Objects.requireNonNull(dataDir, "dataDir");
    this.configDir = dataDir.resolve(CONFIGS);
    this.sessionDir = dataDir.resolve(SESSIONS);
    for (int i = 0; i < LOCK_STRIPES; i++) {
      locks[i] = new Object();
    }
    try {
      OwnerOnlyFiles.createDirectories(dataDir);
      boolean configsPosix = prepare(configDir);
      boolean sessionsPosix = prepare(sessionDir);
      this.posix = configsPosix && sessionsPosix;
      loadConfigs();
      loadSessions();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the bootstrap config store in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<BootstrapConfig> get(String endpoint) {
    return endpoint == null ? Optional.empty() : Optional.ofNullable(configs.get(endpoint));
  }

  @Override
  public Optional<BootstrapConfig> put(String endpoint, BootstrapConfig config) {
    String fileName = fileName(endpoint);
    Objects.requireNonNull(config, "config");
    ObjectNode json = BootstrapConfigJson.MAPPER.createObjectNode().put(ENDPOINT, endpoint);
    json.set(CONFIG, BootstrapConfigJson.toJsonWithSecrets(config));
    synchronized (lock(endpoint)) {
      try {
        writeAtomically(configDir, fileName, json);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot store the bootstrap config of '" + endpoint + "' in " + configDir + ": "
            + e.getMessage(), e);
      }
      return Optional.ofNullable(configs.put(endpoint, config));
    }
  }

  @Override
  public Optional<BootstrapConfig> remove(String endpoint) {
    if (endpoint == null || !configs.containsKey(endpoint)) {
      return Optional.empty();
    }
    String fileName = fileName(endpoint);
    synchronized (lock(endpoint)) {
      try {
        // The session first: a crash in between leaves a config without a session, never the reverse.
        delete(sessionDir, fileName);
        sessions.remove(endpoint);
        delete(configDir, fileName);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove the bootstrap config of '" + endpoint + "' from " + configDir + ": "
            + e.getMessage(), e);
      }
      return Optional.ofNullable(configs.remove(endpoint));
    }
  }

  @Override
  public Map<String, BootstrapConfig> all() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(configs));
  }

  @Override
  public void recordSession(String endpoint, BootstrapSessionRecord recorded) {
    Objects.requireNonNull(recorded, "record");
    if (endpoint == null || !configs.containsKey(endpoint)) {
      return;
    }
    String fileName = fileName(endpoint);
    synchronized (lock(endpoint)) {
      if (!configs.containsKey(endpoint)) {
        return;
      }
      BootstrapSessionRecord record = recorded.after(Optional.ofNullable(sessions.get(endpoint)));
      ObjectNode json = BootstrapConfigJson.MAPPER.createObjectNode().put(ENDPOINT, endpoint);
      json.set(SESSION, BootstrapSessionJson.toJson(record));
      try {
        writeAtomically(sessionDir, fileName, json);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot record the bootstrap session of '" + endpoint + "' in " + sessionDir + ": "
            + e.getMessage(), e);
      }
      sessions.put(endpoint, record);
    }
  }

  @Override
  public Optional<BootstrapSessionRecord> lastSession(String endpoint) {
    return endpoint == null ? Optional.empty() : Optional.ofNullable(sessions.get(endpoint));
  }

  /**
   * The file name of {@code endpoint}'s config and session.
   *
   * @throws InvalidRequestException if the name is empty, not well-formed Unicode or too long
   */
  static String fileName(String endpoint) {
    EndpointNames.check(endpoint);
    StringBuilder name = new StringBuilder(endpoint.length() + 8);
    for (byte b : endpoint.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
        name.append(c);
      } else {
        name.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
      if (name.length() > MAX_FILE_NAME_CHARS) {
        throw new InvalidRequestException("the endpoint name is too long for the file store (more than "
            + MAX_FILE_NAME_CHARS + " characters once encoded)");
      }
    }
    return name.append(SUFFIX).toString();
  }

  private Object lock(String endpoint) {
    return locks[Math.floorMod(endpoint.hashCode(), LOCK_STRIPES)];
  }

  /** Creates {@code dir} owner-only; whether the file system is POSIX. */
  private static boolean prepare(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (!Files.getFileStore(dir).supportsFileAttributeView("posix")) {
      return false;
    }
    Files.setPosixFilePermissions(dir, OWNER_DIRECTORY);
    return true;
  }

  private void loadConfigs() throws IOException {
    for (Path file : storedFiles(configDir)) {
      try {
        JsonNode json = read(file);
        String endpoint = endpointOf(json, file);
        configs.put(endpoint, BootstrapConfigJson.parse(json.get(CONFIG)));
      } catch (IOException | RuntimeException e) {
        LOG.error("skipping bootstrap config file {}: {}", file, e.getMessage());
      }
    }
    LOG.info("loaded {} bootstrap configs from {}", configs.size(), configDir);
  }

  private void loadSessions() throws IOException {
    for (Path file : storedFiles(sessionDir)) {
      try {
        JsonNode json = read(file);
        String endpoint = endpointOf(json, file);
        if (configs.containsKey(endpoint)) {
          sessions.put(endpoint, BootstrapSessionJson.parse(json.get(SESSION)));
        } else {
          Files.deleteIfExists(file);
        }
      } catch (IOException | RuntimeException e) {
        LOG.warn("skipping bootstrap session file {}: {}", file, e.getMessage());
      }
    }
  }

  /** The {@code .json} files of {@code dir}, after removing temporary files a crash left behind. */
  private static Iterable<Path> storedFiles(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(TEMP_PREFIX)) {
          Files.deleteIfExists(entry);
        } else if (name.endsWith(SUFFIX) && Files.isRegularFile(entry)) {
          OwnerOnlyFiles.restrict(entry); // an earlier version may have left it readable
          files.add(entry);
        }
      }
    }
    files.sort(null);
    return files;
  }

  private static JsonNode read(Path file) throws IOException {
    return BootstrapConfigJson.tree(Files.readAllBytes(file));
  }

  private static String endpointOf(JsonNode json, Path file) {
    JsonNode endpoint = json.get(ENDPOINT);
    if (endpoint == null || !endpoint.isTextual()) {
      throw new InvalidRequestException("no \"endpoint\" in the file");
    }
    String name = endpoint.textValue();
    if (!fileName(name).equals(file.getFileName().toString())) {
      throw new InvalidRequestException("the file holds endpoint '" + name + "', whose file would be " + fileName(name));
    }
    return name;
  }

  private void writeAtomically(Path dir, String fileName, JsonNode json) throws IOException {
    byte[] content = BootstrapConfigJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
    Path temp = posix
        ? Files.createTempFile(dir, TEMP_PREFIX, ".part", ownerOnly())
        : Files.createTempFile(dir, TEMP_PREFIX, ".part");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(temp, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    syncDirectory(dir);
  }

  private static void delete(Path dir, String fileName) throws IOException {
    if (Files.deleteIfExists(dir.resolve(fileName))) {
      syncDirectory(dir);
    }
  }

  /** Makes a rename or delete durable; some platforms cannot open a directory, and then the OS decides. */
  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      LOG.trace("cannot sync directory {}: {}", dir, e.getMessage());
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(OWNER_FILE);
  }
}
