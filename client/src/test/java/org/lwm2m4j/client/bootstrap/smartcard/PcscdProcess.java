package org.lwm2m4j.client.bootstrap.smartcard;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The PC/SC daemon for the smartcard tests: Debian's pcscd, started in the foreground as a child
 * of the test JVM so that it loads the vsmartcard-vpcd reader driver from /etc/reader.conf.d, and
 * stopped through its own {@link Process} handle (SIGTERM, then SIGKILL after a bounded wait). A
 * pcscd that was already running is used as it is and left running.
 *
 * <p>Readiness is judged from /proc/net/tcp (vpcd listening) rather than through
 * {@code javax.smartcardio}: the JDK remembers a failed first PC/SC contact for the life of the JVM.
 */
final class PcscdProcess implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/sbin/pcscd");
  static final Path VPCD_READER_CONFIG = Path.of("/etc/reader.conf.d/vpcd");
  private static final Path PID_FILE = Path.of("/run/pcscd/pcscd.pid");
  private static final Path SOCKET = Path.of("/run/pcscd/pcscd.comm");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final String INSTALL_HINT =
      "; the smartcard tests need the Debian packages pcscd and vsmartcard-vpcd:"
          + " apt-get install -y pcscd vsmartcard-vpcd";

  private final Optional<Process> process;

  private PcscdProcess(Optional<Process> process) {
    this.process = process;
  }

  /**
   * Starts pcscd (or finds it running) and waits until vpcd accepts virtual cards.
   *
   * @throws IllegalStateException if pcscd or vpcd is not installed, or pcscd does not come up
   */
  static PcscdProcess start(Path logFile) throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new IllegalStateException("pcscd is not installed (no " + BINARY + ")" + INSTALL_HINT);
    }
    if (!Files.isReadable(VPCD_READER_CONFIG)) {
      throw new IllegalStateException("vsmartcard-vpcd is not installed (no " + VPCD_READER_CONFIG + ")"
          + INSTALL_HINT);
    }
    PcscdProcess daemon;
    Optional<Long> running = runningPid();
    if (running.isPresent()) {
      daemon = new PcscdProcess(Optional.empty());
    } else {
      Files.createDirectories(logFile.getParent());
      Process child = new ProcessBuilder(BINARY.toString(), "--foreground", "--info", "--apdu")
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile())
          .start();
      daemon = new PcscdProcess(Optional.of(child));
    }
    try {
      daemon.awaitReady(logFile, running);
    } catch (RuntimeException | InterruptedException e) {
      daemon.close();
      throw e;
    }
    return daemon;
  }

  private void awaitReady(Path logFile, Optional<Long> foreignPid) throws InterruptedException {
    try {
      await().atMost(START_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
        if (process.isPresent() && !process.get().isAlive()) {
          throw new IllegalStateException("pcscd exited with status " + process.get().exitValue()
              + " before vpcd was listening; its output:\n" + log(logFile));
        }
        return Files.exists(SOCKET) && vpcdListening();
      });
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(foreignPid
            .map(pid -> "the pcscd already running (pid " + pid + ", not started by this test) has no vpcd"
                + " reader listening on port " + VirtualBootstrapCard.VPCD_PORT
                + "; restart it after installing vsmartcard-vpcd")
            .orElse("pcscd did not open the vpcd reader on port " + VirtualBootstrapCard.VPCD_PORT
                + " within " + START_TIMEOUT.toSeconds() + " s; its output:\n" + log(logFile)), e);
    }
  }

  /** Stops pcscd if this fixture started it; a pcscd found running is left alone. */
  @Override
  public void close() {
    if (process.isEmpty() || !process.get().isAlive()) {
      return;
    }
    Process child = process.get();
    child.destroy();
    try {
      if (!child.waitFor(10, TimeUnit.SECONDS)) {
        child.destroyForcibly();
        child.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      child.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static Optional<Long> runningPid() throws IOException {
    if (!Files.isReadable(PID_FILE)) {
      return Optional.empty();
    }
    String text = Files.readString(PID_FILE).trim();
    try {
      long pid = Long.parseLong(text);
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
    } catch (NumberFormatException e) {
      return Optional.empty(); // a stale or half-written file: pcscd replaces it when it starts
    }
  }

  private static boolean vpcdListening() {
    String port = String.format(Locale.ROOT, ":%04X", VirtualBootstrapCard.VPCD_PORT);
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/net/tcp"));
      // columns: sl local_address rem_address st ...; state 0A is LISTEN
      return lines.stream().skip(1).map(String::trim).map(l -> l.split("\\s+"))
          .anyMatch(f -> f.length > 3 && f[1].endsWith(port) && f[3].equals("0A"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc/net/tcp (the smartcard tests need Linux)", e);
    }
  }

  private static String log(Path logFile) {
    try {
      return Files.readString(logFile);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
