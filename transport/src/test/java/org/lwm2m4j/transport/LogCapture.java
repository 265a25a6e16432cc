package org.lwm2m4j.transport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects every event logged while open (at the levels the logging set-up lets through). */
final class LogCapture implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  LogCapture() {
    appender.start();
    root.addAppender(appender);
  }

  List<ILoggingEvent> events() {
    // The appender adds under its own lock.
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  List<ILoggingEvent> atLeast(Level level) {
    return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(level)).toList();
  }

  List<ILoggingEvent> withStackTrace() {
    return events().stream().filter(event -> event.getThrowableProxy() != null).toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
