package org.lwm2m4j.transport.sms;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what one logger logs, DEBUG included, while open. */
final class SmsLogCapture implements AutoCloseable {
  private final Logger logger;
  private final Level level;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  SmsLogCapture(Class<?> owner) {
    logger = (Logger) LoggerFactory.getLogger(owner);
    level = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  List<ILoggingEvent> at(Level wanted) {
    synchronized (appender) {
      return appender.list.stream().filter(event -> event.getLevel() == wanted).toList();
    }
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    logger.setLevel(level);
    appender.stop();
  }
}
