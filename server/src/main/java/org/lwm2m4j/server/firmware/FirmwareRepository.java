package org.lwm2m4j.server.firmware;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware images the server holds, in memory and bounded by their total size, optionally kept
 * in a directory ({@code <id>.bin} and {@code <id>.name}) so they survive restarts. Thread-safe.
 *
 * <p>Uploads come as a stream ({@link #add(String, InputStream, long)}): it is written to a
 * temporary file (in the directory, or the system's temporary directory for an in-memory
 * repository) and hashed on the way, never held whole in memory while it arrives, and refused as
 * soon as it passes its limit. Only a complete image is read into memory and moved into place.
 */
public final class FirmwareRepository {
  private static final Logger LOG = LoggerFactory.getLogger(FirmwareRepository.class);
  /** Uploads on their way in: a name no image file has, so a crash's leftovers are known at start. */
  private static final String PARTIAL = ".partial";
  private static final int COPY_BUFFER = 64 * 1024;
  /** The default bound on all images together: 256 MiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  private final long maxTotalBytes;
  private final Optional<Path> directory;
  private final Map<String, FirmwareImage> images = new LinkedHashMap<>();
  /** Told of every change holding the lock, so they must only hand it on (the service queues it for its listeners). */
  private final List<FirmwareImageListener> changes = new CopyOnWriteArrayList<>();
  private long totalBytes;

  private FirmwareRepository(long maxTotalBytes, Optional<Path> directory) {
    if (maxTotalBytes < 1) {
      throw new IllegalArgumentException("the repository needs room for at least one byte");
    }
    this.maxTotalBytes = maxTotalBytes;
    this.directory = directory;
  }

  /** An in-memory repository holding at most {@code maxTotalBytes} of images. */
  public static FirmwareRepository inMemory(long maxTotalBytes) {
    return new FirmwareRepository(maxTotalBytes, Optional.empty());
  }

  /**
   * A repository kept in {@code directory} (created if missing), loading the images already there.
   *
   * @throws IOException if the directory cannot be created or read
   */
  public static FirmwareRepository inDirectory(Path directory, long maxTotalBytes) throws IOException {
    FirmwareRepository repository = new FirmwareRepository(maxTotalBytes, Optional.of(directory));
    Files.createDirectories(directory);
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(file -> file.getFileName().toString().endsWith(".bin") || file.getFileName().toString().endsWith(PARTIAL))
          .sorted(Comparator.comparing(Path::toString)).toList();
    }
    for (Path file : files) {
      if (file.getFileName().toString().endsWith(PARTIAL)) {
        // an upload or a write cut short by a crash: never a complete image
        Files.deleteIfExists(file);
        continue;
      }
      String id = file.getFileName().toString().replaceFirst("\\.bin$", "");
      Path nameFile = directory.resolve(id + ".name");
      String name = Files.exists(nameFile) ? Files.readString(nameFile, StandardCharsets.UTF_8).strip() : id;
      FirmwareImage image = FirmwareImage.of(name, Files.readAllBytes(file));
      if (!image.id().equals(id)) {
        LOG.warn("ignoring {}: its content does not match its name (id {})", file, image.id());
        continue;
      }
      repository.images.put(id, image);
      repository.totalBytes += image.size();
    }
    return repository;
  }

  /**
   * Adds {@code bytes} as an image named {@code name}; the same bytes again give the image already held.
   *
   * @throws FirmwareStorageFullException if it does not fit in the size bound
   * @throws UncheckedIOException if it cannot be written to the directory
   */
  public synchronized FirmwareImage add(String name, byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("a firmware image cannot be empty");
    }
    FirmwareImage image = FirmwareImage.of(name, bytes);
    FirmwareImage held = images.get(image.id());
    if (held != null) {
      return held;
    }
    if (totalBytes + image.size() > maxTotalBytes) {
      throw new FirmwareStorageFullException("the firmware repository holds " + totalBytes + " of " + maxTotalBytes
          + " bytes; an image of " + image.size() + " bytes does not fit");
    }
    directory.ifPresent(dir -> write(dir, image));
    images.put(image.id(), image);
    totalBytes += image.size();
    changes.forEach(listener -> listener.added(image));
    return image;
  }

  private static void write(Path dir, FirmwareImage image) {
    try {
      // written beside and moved, so a crash never leaves a half image under its final name
      Path partial = dir.resolve(image.id() + ".bin" + PARTIAL);
      Files.write(partial, image.bytes());
      moveIntoPlace(dir, partial, image);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store firmware image " + image.id() + " in " + dir, e);
    }
  }

  private static void moveIntoPlace(Path dir, Path partial, FirmwareImage image) throws IOException {
    Files.writeString(dir.resolve(image.id() + ".name"), image.name(), StandardCharsets.UTF_8);
    Files.move(partial, dir.resolve(image.id() + ".bin"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Adds the image {@code content} holds, named {@code name}, reading it to its end; the same bytes
   * again give the image already held. The stream is copied to a temporary file and hashed on the
   * way; it is not closed here.
   *
   * @param maxBytes the most bytes the image may have; reading stops one byte past it
   * @throws FirmwareTooLargeException if {@code content} has more than {@code maxBytes} (nothing is kept)
   * @throws FirmwareStorageFullException if it does not fit in the repository's size bound
   * @throws IllegalArgumentException if {@code content} is empty
   * @throws IOException if {@code content} cannot be read or the image cannot be written
   */
  public FirmwareImage add(String name, InputStream content, long maxBytes) throws IOException {
    // copied without holding the lock: an upload may take minutes, the repository serves meanwhile
    Path partial = directory.isPresent() ? Files.createTempFile(directory.get(), "upload-", PARTIAL)
        : Files.createTempFile("lwm2m4j-firmware-", PARTIAL);
    try {
      String sha256 = copy(content, partial, maxBytes);
      return keep(name, partial, sha256);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** Copies {@code content} to {@code file}, at most {@code maxBytes}, and answers its SHA-256 in hex. */
  private static String copy(InputStream content, Path file, long maxBytes) throws IOException {
    MessageDigest digest = sha256();
    long copied = 0;
    try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
      byte[] buffer = new byte[COPY_BUFFER];
      while (true) {
        // asking for at most one byte past the limit, so an endless stream is cut off there
        long room = maxBytes - copied;
        int read = content.read(buffer, 0, room >= buffer.length ? buffer.length : (int) room + 1);
        if (read == -1) {
          break;
        }
        copied += read;
        if (copied > maxBytes) {
          throw new FirmwareTooLargeException(maxBytes);
        }
        out.write(buffer, 0, read);
      }
    }
    if (copied == 0) {
      throw new IllegalArgumentException("a firmware image cannot be empty");
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private synchronized FirmwareImage keep(String name, Path partial, String sha256) throws IOException {
    FirmwareImage held = images.get(sha256.substring(0, FirmwareImage.ID_LENGTH));
    if (held != null) {
      return held;
    }
    long size = Files.size(partial);
    if (totalBytes + size > maxTotalBytes) {
      throw new FirmwareStorageFullException("the firmware repository holds " + totalBytes + " of " + maxTotalBytes
          + " bytes; an image of " + size + " bytes does not fit");
    }
    // the one copy in memory: the bytes devices are served from
    FirmwareImage image = new FirmwareImage(sha256.substring(0, FirmwareImage.ID_LENGTH), name, sha256, Files.readAllBytes(partial));
    if (directory.isPresent()) {
      moveIntoPlace(directory.get(), partial, image);
    }
    images.put(image.id(), image);
    totalBytes += image.size();
    changes.forEach(listener -> listener.added(image));
    return image;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  public synchronized Optional<FirmwareImage> byId(String id) {
    return Optional.ofNullable(images.get(id));
  }

  /** Every image, oldest first. */
  public synchronized List<FirmwareImage> all() {
    return new ArrayList<>(images.values());
  }

  /** Removes the image with {@code id}; false if there was none. */
  public synchronized boolean remove(String id) {
    FirmwareImage removed = images.remove(id);
    if (removed == null) {
      return false;
    }
    totalBytes -= removed.size();
    directory.ifPresent(dir -> {
      try {
        Files.deleteIfExists(dir.resolve(id + ".bin"));
        Files.deleteIfExists(dir.resolve(id + ".name"));
      } catch (IOException e) {
        LOG.warn("cannot delete firmware image {} from {}: {}", id, dir, e.getMessage());
      }
    });
    changes.forEach(listener -> listener.removed(removed));
    return true;
  }

  /** Tells {@code listener} of each image added or removed, holding the repository's lock: it must return at once. */
  void onChange(FirmwareImageListener listener) {
    changes.add(listener);
  }

  void stopTelling(FirmwareImageListener listener) {
    changes.remove(listener);
  }

  /** The bytes all images take together. */
  public synchronized long totalBytes() {
    return totalBytes;
  }
}
