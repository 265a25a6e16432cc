package org.lwm2m4j.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * How much the {@code lwm2m} command logs, most verbose first. {@link #apply} sets lwm2m4j's own
 * loggers to it; the libraries underneath (Californium, Jetty, Javalin) speak at INFO about things
 * a user rarely needs, so they stay at WARN or quieter unless the level is TRACE.
 */
public enum LogLevel {
  TRACE(Level.TRACE),
  DEBUG(Level.DEBUG),
  INFO(Level.INFO),
  WARN(Level.WARN),
  ERROR(Level.ERROR);

  /** The loggers this command sets to the chosen level: every class of lwm2m4j. */
  static final String OWN = "org.lwm2m4j";
  /** Third-party loggers whose INFO is chatter here. */
  static final String[] CHATTY = {"org.eclipse.californium", "org.eclipse.jetty", "io.javalin", "org.jsmpp"};

  /**
   * jSMPP's ESME session, which logs every refused or failed bind at ERROR with a stack trace, retry
   * after retry; the SMS transport says the same in one WARN line, so this one speaks from DEBUG on.
   */
  static final String ESME_SESSION = "org.jsmpp.session.SMPPSession";

  private final Level logback;

  LogLevel(Level logback) {
    this.logback = logback;
  }

  /** The level written {@code name}, in any case. */
  public static Optional<LogLevel> parse(String name) {
    return Arrays.stream(values()).filter(level -> level.name().equalsIgnoreCase(name.strip())).findFirst();
  }

  /** {@code TRACE, DEBUG, INFO, WARN, ERROR}: the names {@link #parse} takes, for messages. */
  public static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }

  /** The more verbose of this level and {@code other}. */
  LogLevel orMoreVerbose(LogLevel other) {
    return other.ordinal() < ordinal() ? other : this;
  }

  /** Sets Logback's levels for this command; does nothing when SLF4J is bound to another backend. */
  public void apply() {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (!(factory instanceof LoggerContext context)) {
      return;
    }
    context.getLogger(OWN).setLevel(logback);
    LogLevel others = this == TRACE ? TRACE : WARN.quieter(this);
    for (String name : CHATTY) {
      context.getLogger(name).setLevel(others.logback);
    }
    context.getLogger(ESME_SESSION).setLevel(ordinal() <= DEBUG.ordinal() ? others.logback : Level.OFF);
    context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel((this == TRACE ? TRACE : INFO.quieter(this)).logback);
  }

  /**
   * Turns {@code logger} off unless this level is DEBUG or more verbose: for the lines of events a
   * command tells its user itself, in words for a terminal, so that nothing is said twice.
   */
  public void toldByTheCommand(String logger) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(logger).setLevel(ordinal() <= DEBUG.ordinal() ? null : Level.OFF);
    }
  }

  private LogLevel quieter(LogLevel other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
