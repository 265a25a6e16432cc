package org.lwm2m4j.core.file;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Where secrets are kept on disk (the server's PSK keys and bootstrap configurations, the client's
 * provisioned accounts):
 * directories it creates are {@code rwx------} and the files {@code rw-------}, whatever the
 * umask, so other local users can read neither. A directory that already exists keeps its mode,
 * since the operator may have chosen a shared one; its files are made owner-only all the same.
 * On a file system without POSIX permissions nothing is changed.
 *
 * <p>Stateless; each method acts on the file system at once.
 */
public final class OwnerOnlyFiles {
  private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFiles() {}

  /**
   * Creates {@code dir} and any missing parents, each {@code rwx------}; directories that exist are
   * left as they are.
   *
   * @throws IOException if a directory cannot be created or its mode set
   */
  public static void createDirectories(Path dir) throws IOException {
    Deque<Path> missing = new ArrayDeque<>();
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      missing.push(existing);
      existing = existing.getParent();
    }
    boolean posix = existing != null && isPosix(existing);
    for (Path created : missing) {
      try {
        if (posix) {
          Files.createDirectory(created, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
          Files.createDirectory(created);
        }
      } catch (FileAlreadyExistsException raced) {
        if (!Files.isDirectory(created)) {
          throw raced;
        }
        continue;
      }
      if (posix) {
        // again after creation: the umask may have taken bits from the mode given at creation
        Files.setPosixFilePermissions(created, DIRECTORY);
      }
    }
  }

  /**
   * Creates {@code file} empty and {@code rw-------} if it does not exist; makes it {@code
   * rw-------} if it does.
   *
   * @throws IOException if it cannot be created, or its mode cannot be set (another user owns it)
   */
  public static void createFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        if (isPosix(file.toAbsolutePath().getParent())) {
          Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        } else {
          Files.createFile(file);
        }
      } catch (FileAlreadyExistsException raced) {
        // made meanwhile: restricted below like any existing file
      }
    }
    restrict(file);
  }

  /**
   * Makes {@code file} {@code rw-------} if it exists.
   *
   * @throws IOException if its mode cannot be set (another user owns it)
   */
  public static void restrict(Path file) throws IOException {
    if (Files.exists(file) && isPosix(file) && !Files.getPosixFilePermissions(file).equals(FILE)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /** Whether {@code dir} exists and only its owner may list or enter it (always true without POSIX permissions). */
  public static boolean isOwnerOnly(Path dir) throws IOException {
    if (!isPosix(dir)) {
      return true;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
    return permissions.stream().noneMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"));
  }

  private static boolean isPosix(Path existing) throws IOException {
    return Files.getFileStore(existing).supportsFileAttributeView("posix");
  }
}
