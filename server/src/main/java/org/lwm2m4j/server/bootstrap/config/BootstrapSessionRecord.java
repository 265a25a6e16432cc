package org.lwm2m4j.server.bootstrap.config;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.lwm2m4j.server.bootstrap.BootstrapMode;

/**
 * How the last bootstrap of an endpoint went, for operators: when it started, when it ended, its
 * outcome ({@value #FINISHED}, or {@code "failed: "} and the reason), the client's address and how
 * the session began (Bootstrap-Request, Bootstrap-Pack or a push).
 *
 * @param started when the Bootstrap-Request, the Bootstrap-Pack-Request or the push arrived
 * @param finished when the session ended, empty while it runs
 * @param outcome {@value #FINISHED}, {@code "failed: <reason>"}, or any text while it runs (e.g. {@code "running"})
 * @param address the client's {@code host:port}, if known
 * @param mode how the session began
 */
public record BootstrapSessionRecord(Instant started, Optional<Instant> finished, String outcome, Optional<String> address,
    BootstrapMode mode) {
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
  }

  /** A session begun by {@code mode} that ended successfully at {@code finished}. */
  public static BootstrapSessionRecord finished(Instant started, Instant finished, Optional<String> address, BootstrapMode mode) {
    return new BootstrapSessionRecord(started, Optional.of(finished), FINISHED, address, mode);
  }

  /** A session begun by {@code mode} that failed at {@code finished} because of {@code reason}. */
  public static BootstrapSessionRecord failed(Instant started, Instant finished, String reason, Optional<String> address,
      BootstrapMode mode) {
    return new BootstrapSessionRecord(started, Optional.of(finished), FAILED_PREFIX + reason, address, mode);
  }

  /** Whether the session ended with a successful Bootstrap-Finish (or, for a pack, with the pack sent). */
  public boolean succeeded() {
    return FINISHED.equals(outcome);
  }
}
