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
 * Keeps every ERROR event logged anywhere in the JVM (through logback), and every exception no
 * thread caught (which Java prints instead of logging), as one line each: the oracles "nothing
 * logged an error" and "no uncaught exception" of the fuzz targets. Thread-safe; detach it when done.
 */
public final class ErrorLogRecorder extends AppenderBase<ILoggingEvent> {
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private Thread.UncaughtExceptionHandler previous;

  private ErrorLogRecorder() {}

  /** A recorder on the root logger and for uncaught exceptions, already recording. */
  public static ErrorLogRecorder attach() {
    ErrorLogRecorder recorder = new ErrorLogRecorder();
    Logger root = root();
    recorder.setContext(root.getLoggerContext());
    recorder.setName("fuzz-errors");
    recorder.start();
    root.addAppender(recorder);
    recorder.previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, thrown) -> {
      recorder.errors.add("uncaught in thread " + thread.getName() + ": " + thrown);
      if (recorder.previous != null) {
        recorder.previous.uncaughtException(thread, thrown);
      } else {
        thrown.printStackTrace();
      }
    });
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
    Thread.setDefaultUncaughtExceptionHandler(previous);
    stop();
  }
}
