package org.lwm2m4j.transport.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The one harness a fuzz target keeps for its whole JVM — a running server or client that every
 * input is sent to — made on the first input (with the logs quieted, see {@link ErrorLogRecorder})
 * and closed by Jazzer's standalone driver ({@code fuzzerTearDown}) or after the JUnit run.
 *
 * @param <H> the harness
 */
public final class SharedHarness<H extends AutoCloseable> {
  /** Makes the harness; binding its endpoints may fail. */
  @FunctionalInterface
  public interface Factory<H> {
    H create() throws IOException;
  }

  private final Factory<H> factory;
  private H harness;

  public SharedHarness(Factory<H> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /** The harness, made now if this is the first input. */
  public synchronized H get() {
    if (harness == null) {
      ErrorLogRecorder.quiet();
      try {
        harness = factory.create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return harness;
  }

  /** Closes the harness, if one was made; the next {@link #get} makes a new one. */
  public synchronized void close() {
    if (harness != null) {
      try {
        harness.close();
      } catch (Exception e) {
        throw new IllegalStateException("the fuzz harness did not close cleanly", e);
      } finally {
        harness = null;
      }
    }
  }
}
