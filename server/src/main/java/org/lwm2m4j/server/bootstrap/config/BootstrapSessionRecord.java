package org.lwm2m4j.server.bootstrap.config;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How the last bootstrap of an endpoint went, for operators: when it started, when it ended, its
 * outcome ({@value #FINISHED}, or {@code "failed: "} and the reason) and the client's address.
 *
 * @param started when the Bootstrap-Request (or the push) arrived
 * @param finished when the session ended, empty while it runs
 * @param outcome {@value #FINISHED}, {@code "failed: <reason>"}, or any text while it runs (e.g. {@code "running"})
 * @param address the client's {@code host:port}, if known
 */
public record BootstrapSessionRecord(Instant started, Optional<Instant> finished, String outcome, Optional<String> address) {
  /** The outcome of a session that ended with a successful Bootstrap-Finish. */
  public static final String FINISHED = "finished";
  /** The start of the outcome of a failed session. */
  public static final String FAILED_PREFIX = "failed: ";

  public BootstrapSessionRecord {
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(address, "address");
  }

  /** A session that ended successfully at {@code finished}. */
  public static BootstrapSessionRecord finished(Instant started, Instant finished, Optional<String> address) {
    return new BootstrapSessionRecord(started, Optional.of(finished), FINISHED, address);
  }

  /** A session that failed at {@code finished} because of {@code reason}. */
  public static BootstrapSessionRecord failed(Instant started, Instant finished, String reason, Optional<String> address) {
    return new BootstrapSessionRecord(started, Optional.of(finished), FAILED_PREFIX + reason, address);
  }

  /** Whether the session ended with a successful Bootstrap-Finish. */
  public boolean succeeded() {
    return FINISHED.equals(outcome);
  }
}
