package org.lwm2m4j.app;

import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * A command's failure at run time as one line a user can act on: the most telling message in the
 * chain of causes, never a stack trace and never "null".
 */
final class StartupFailure {
  private StartupFailure() {}

  static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return messageOf(failure) + (messageOf(failure).contains("in use") ? "" : " (address already in use?)");
      }
      if (t instanceof NoSuchFileException missing) {
        return "no such file: " + missing.getFile();
      }
      if (t instanceof AccessDeniedException denied) {
        return "permission denied: " + denied.getFile();
      }
      if (t instanceof FileSystemException fs && fs.getReason() != null) {
        return fs.getFile() + ": " + fs.getReason();
      }
    }
    return messageOf(failure);
  }

  /** Whether {@code failure} came from the machine (a file, a directory, a store) rather than from what the user typed. */
  static boolean isEnvironmental(Throwable failure) {
    for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException
          || t.getClass().getSimpleName().equals("StoreException")) {
        return true;
      }
    }
    return false;
  }

  /** {@code message} with Java's exception names ("java.nio.file.NoSuchFileException: /x") said in words. */
  static String clean(String message) {
    return message.replace("java.nio.file.NoSuchFileException: ", "no such file or directory: ")
        .replace("java.nio.file.AccessDeniedException: ", "permission denied: ")
        .replace("java.nio.file.FileSystemException: ", "")
        .replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z]\\w*(?:Exception|Error)): ", "");
  }

  /** The exception's message, or its type in words when it has none. */
  private static String messageOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
      }
    }
    return failure.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
  }
}
