package org.lwm2m4j.server.firmware;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The firmware images the server holds, in memory and bounded by their total size, optionally kept
 * in a directory ({@code <id>.bin} and {@code <id>.name}) so they survive restarts. Thread-safe.
 */
public final class FirmwareRepository {
  private static final Logger LOG = LoggerFactory.getLogger(FirmwareRepository.class);
  /** The default bound on all images together: 256 MiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 256L * 1024 * 1024;

  private final long maxTotalBytes;
  private final Optional<Path> directory;
  private final Map<String, FirmwareImage> images = new LinkedHashMap<>();
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
      files = listing.filter(file -> file.getFileName().toString().endsWith(".bin")).sorted(Comparator.comparing(Path::toString)).toList();
    }
    for (Path file : files) {
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
    return image;
  }

  private static void write(Path dir, FirmwareImage image) {
    try {
      // written beside and moved, so a crash never leaves a half image under its final name
      Path partial = dir.resolve(image.id() + ".bin.partial");
      Files.write(partial, image.bytes());
      Files.writeString(dir.resolve(image.id() + ".name"), image.name(), StandardCharsets.UTF_8);
      Files.move(partial, dir.resolve(image.id() + ".bin"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store firmware image " + image.id() + " in " + dir, e);
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
    return true;
  }

  /** The bytes all images take together. */
  public synchronized long totalBytes() {
    return totalBytes;
  }
}
