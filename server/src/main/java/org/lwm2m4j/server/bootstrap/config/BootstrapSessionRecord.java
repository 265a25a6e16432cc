package org.lwm2m4j.server.bootstrap.config;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.server.bootstrap.BootstrapMode;

/**
 * How the bootstrap of an endpoint went, for operators: the last attempt — when it started, when it
 * ended, its outcome ({@value #FINISHED}, or {@code "failed: "} and the reason in words), the
 * client's address and how the session began (Bootstrap-Request, Bootstrap-Pack or a push) — and,
 * apart from it, the last attempt that succeeded, which a failed attempt does not erase.
 *
 * @param started when the Bootstrap-Request, the Bootstrap-Pack-Request or the push arrived
 * @param finished when the session ended, empty while it runs
 * @param outcome {@value #FINISHED}, {@code "failed: <reason>"}, or any text while it runs (e.g. {@code "running"})
 * @param address the client's {@code host:port}, if known
 * @param mode how the session began
 * @param lastSuccess the last successful session: this one if it succeeded, else an earlier one if any
 */
public record BootstrapSessionRecord(Instant started, Optional<Instant> finished, String outcome, Optional<String> address,
    BootstrapMode mode, Optional<BootstrapSuccess> lastSuccess) {
  /** The outcome of a session that ended with a successful Bootstrap-Finish (or, for a pack, with the pack sent). */
  public static final String FINISHED = "finished";
  /** The start of the outcome of a failed session. */
  public static final String FAILED_PREFIX = "failed: ";

  public BootstrapSessionRecord {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(lastSuccess, "lastSuccess");
  }

  /**
   * A record with no earlier success known: a successful one is its own last success (with no
   * servers listed), as are records stored before successes were kept apart.
   */
  public BootstrapSessionRecord(Instant started, Optional<Instant> finished, String outcome, Optional<String> address,
      BootstrapMode mode) {
    this(started, finished, outcome, address, mode, FINISHED.equals(outcome) && finished.isPresent()
        ? Optional.of(new BootstrapSuccess(finished.get(), address, mode, List.of())) : Optional.empty());
  }

  /** A session begun by {@code mode} that ended successfully at {@code finished}. */
  public static BootstrapSessionRecord finished(Instant started, Instant finished, Optional<String> address, BootstrapMode mode) {
    return finished(started, finished, address, mode, List.of());
  }

  /** A session begun by {@code mode} that ended successfully at {@code finished}, having written the servers {@code servers}. */
  public static BootstrapSessionRecord finished(Instant started, Instant finished, Optional<String> address, BootstrapMode mode,
      List<String> servers) {
    return new BootstrapSessionRecord(started, Optional.of(finished), FINISHED, address, mode,
        Optional.of(new BootstrapSuccess(finished, address, mode, servers)));
  }

  /** A session begun by {@code mode} that failed at {@code finished} because of {@code reason}. */
  public static BootstrapSessionRecord failed(Instant started, Instant finished, String reason, Optional<String> address,
      BootstrapMode mode) {
    return new BootstrapSessionRecord(started, Optional.of(finished), FAILED_PREFIX + reason, address, mode, Optional.empty());
  }

  /** Whether the session ended with a successful Bootstrap-Finish (or, for a pack, with the pack sent). */
  public boolean succeeded() {
    return FINISHED.equals(outcome);
  }

  /** The reason of a failed session, without the {@value #FAILED_PREFIX} prefix. */
  public Optional<String> failure() {
    return outcome.startsWith(FAILED_PREFIX) ? Optional.of(outcome.substring(FAILED_PREFIX.length())) : Optional.empty();
  }

  /**
   * This record as it is stored after {@code previous}: an attempt that did not succeed keeps the
   * last success of the record before it, so a failure never erases that.
   */
  public BootstrapSessionRecord after(Optional<BootstrapSessionRecord> previous) {
    if (lastSuccess.isPresent() || previous.flatMap(BootstrapSessionRecord::lastSuccess).isEmpty()) {
      return this;
    }
    return new BootstrapSessionRecord(started, finished, outcome, address, mode, previous.get().lastSuccess());
  }
}
