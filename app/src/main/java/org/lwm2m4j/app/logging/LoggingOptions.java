package org.lwm2m4j.app.logging;

import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --log-level LEVEL} and {@code -v} / {@code -vv}, mixed into every {@code lwm2m} command
 * with {@code @Mixin}. The level is applied while picocli parses the command line, so it holds
 * from the command's first line on; the default comes from the environment variable {@value
 * #ENVIRONMENT}, else INFO. {@code -v} never makes the log quieter than {@code --log-level} asks.
 */
public final class LoggingOptions {
  /** The environment variable that sets the default level. */
  public static final String ENVIRONMENT = "LWM2M_LOG_LEVEL";

  private LogLevel level = LogLevel.INFO;
  private Optional<LogLevel> verbosity = Optional.empty();

  @Option(names = "--log-level", paramLabel = "LEVEL", converter = LevelName.class, defaultValue = "${env:" + ENVIRONMENT + ":-INFO}",
      description = "how much to log: TRACE, DEBUG, INFO (one line per device operation), WARN or ERROR, in any case (default $"
          + ENVIRONMENT + ", else INFO)")
  void level(LogLevel chosen) {
    level = chosen;
    effective().apply();
  }

  @Option(names = "-v", description = "log more: -v is --log-level DEBUG, -vv TRACE")
  void verbose(boolean[] flags) {
    int count = flags == null ? 0 : flags.length;
    verbosity = count == 0 ? Optional.empty() : Optional.of(count == 1 ? LogLevel.DEBUG : LogLevel.TRACE);
    effective().apply();
  }

  /** The level the options ask for: the more verbose of {@code --log-level} and {@code -v}. */
  public LogLevel effective() {
    return verbosity.map(level::orMoreVerbose).orElse(level);
  }

  /** Reads a level name for picocli, which turns a refusal into a one-line usage error. */
  static final class LevelName implements ITypeConverter<LogLevel> {
    @Override
    public LogLevel convert(String value) {
      // the default comes from the environment: say so, or the user looks for a --log-level they never typed
      String from = value.equals(System.getenv(ENVIRONMENT)) ? " (from $" + ENVIRONMENT + ")" : "";
      return LogLevel.parse(value).orElseThrow(() -> new TypeConversionException(
          "'" + value + "'" + from + " is not a log level; use one of " + LogLevel.names() + " (in any case)"));
    }
  }
}
