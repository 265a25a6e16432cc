package org.lwm2m4j.transport.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Keeps every ERROR event logged anywhere in the JVM (through logback), as one line each: the
 * oracle "nothing logged an error" of the fuzz targets. Thread-safe; detach it when done.
 */
public final class ErrorLogRecorder extends AppenderBase<ILoggingEvent> {
  private final List<String> errors = new CopyOnWriteArrayList<>();

  private ErrorLogRecorder() {}

  /** A recorder on the root logger, already recording. */
  public static ErrorLogRecorder attach() {
    ErrorLogRecorder recorder = new ErrorLogRecorder();
    Logger root = root();
    recorder.setContext(root.getLoggerContext());
    recorder.setName("fuzz-errors");
    recorder.start();
    root.addAppender(recorder);
    return recorder;
  }

  /**
   * Logs only warnings and errors from now on: fuzz targets log a line for much of what they are
   * fed, and writing those would cost most of the fuzzing time.
   */
  public static void quiet() {
    root().setLevel(Level.WARN);
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      IThrowableProxy thrown = event.getThrowableProxy();
      errors.add(event.getLoggerName() + ": " + event.getFormattedMessage()
          + (thrown == null ? "" : " (" + thrown.getClassName() + ": " + thrown.getMessage() + ")"));
    }
  }

  /** The errors logged since the last {@link #clear}. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  public void clear() {
    errors.clear();
  }

  public void detach() {
    root().detachAppender(this);
    stop();
  }
}
