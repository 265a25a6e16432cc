package org.lwm2m4j.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lwm2m4j.app.Main;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code --log-level} and {@code -v} on every command: parsed, applied to Logback, refused when wrong. */
class LoggingOptionsTest {
  private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();

  @AfterEach
  void backToTheDefault() {
    LogLevel.INFO.apply();
  }

  private Level level(String logger) {
    return logback.getLogger(logger).getLevel();
  }

  /** Parses {@code lwm2m COMMAND args…} as the command line does, without running the command. */
  private static void parse(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command));
    if (command.equals("client")) {
      all.addAll(List.of("--endpoint", "dev-1"));
    }
    if (command.equals("decode") || command.equals("encode")) {
      all.addAll(List.of("--format", "text"));
    }
    all.addAll(List.of(args));
    new CommandLine(new Main()).parseArgs(all.toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"server", "bootstrap-server", "client", "decode", "encode"})
  void everyCommandTakesALogLevelInAnyCase(String command) {
    parse(command, "--log-level", "debug");
    assertThat(level("org.lwm2m4j")).isEqualTo(Level.DEBUG);

    parse(command, "--log-level", "Warn");
    assertThat(level("org.lwm2m4j")).isEqualTo(Level.WARN);
  }

  @ParameterizedTest
  @ValueSource(strings = {"server", "bootstrap-server", "client", "decode", "encode"})
  void everyCommandTakesVerboseFlags(String command) {
    parse(command, "-v");
    assertThat(level("org.lwm2m4j")).isEqualTo(Level.DEBUG);

    parse(command, "-vv");
    assertThat(level("org.lwm2m4j")).isEqualTo(Level.TRACE);
  }

  @Test
  void withoutOptionsTheLevelIsInfo() {
    LogLevel.ERROR.apply();

    parse("decode");

    assertThat(level("org.lwm2m4j")).isEqualTo(Level.INFO);
  }

  @Test
  void verboseNeverMakesTheLogQuieterThanTheLevelAsked() {
    parse("server", "--log-level", "trace", "-v");
    assertThat(level("org.lwm2m4j")).isEqualTo(Level.TRACE);

    parse("server", "-v", "--log-level", "error");
    assertThat(level("org.lwm2m4j")).isEqualTo(Level.DEBUG);
  }

  @Test
  void theLibrariesUnderneathStayAtWarnUnlessTrace() {
    parse("server", "--log-level", "debug");
    assertThat(level("org.eclipse.californium")).isEqualTo(Level.WARN);
    assertThat(level("org.eclipse.jetty")).isEqualTo(Level.WARN);
    assertThat(level("io.javalin")).isEqualTo(Level.WARN);

    parse("server", "--log-level", "error");
    assertThat(level("org.eclipse.californium")).as("quieter when asked").isEqualTo(Level.ERROR);

    parse("server", "-vv");
    assertThat(level("org.eclipse.californium")).isEqualTo(Level.TRACE);
    assertThat(level("org.eclipse.jetty")).isEqualTo(Level.TRACE);
  }

  @Test
  void jsmppsEsmeSessionIsSilentUnlessDebugSinceTheSmsTransportSaysWhatWentWrong() {
    parse("server");
    assertThat(level("org.jsmpp.session.SMPPSession")).as("a refused bind is an ERROR with a stack trace there").isEqualTo(Level.OFF);
    assertThat(level("org.jsmpp")).isEqualTo(Level.WARN);

    parse("client", "-v");
    assertThat(level("org.jsmpp.session.SMPPSession")).isEqualTo(Level.WARN);
    parse("client", "-vv");
    assertThat(level("org.jsmpp.session.SMPPSession")).isEqualTo(Level.TRACE);
  }

  @Test
  void anUnknownLevelIsAUsageErrorThatSaysWhichLevelsThereAre() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int status = Main.run(new String[] {"decode", "--log-level", "loud"}, new PrintWriter(out, true), new PrintWriter(err, true));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString().lines().findFirst()).hasValueSatisfying(line -> assertThat(line)
        .contains("--log-level", "'loud' is not a log level; use one of TRACE, DEBUG, INFO, WARN, ERROR"));
    assertThat(out.toString()).isEmpty();
  }
}
