package org.lwm2m4j.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's own {@code logback.xml}, loaded as the application loads it: whatever a
 * network peer put into a message or an exception, an event comes out as lines that start where
 * the pattern starts them, never as a line of the peer's making.
 */
class LogLinePatternTest {
  private static final String FORGED = "dev1\r\nERROR forged\u001b[2J\u0085\u2028";

  private final LoggerContext context = new LoggerContext();
  private Encoder<ILoggingEvent> encoder;
  private Logger logger;

  @BeforeEach
  void configureAsTheApplicationDoes() throws Exception {
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogLinePatternTest.class.getResource("/logback.xml"));
    assertThat(new StatusUtil(context).getHighestLevel(0)).as("Logback's own warnings about the file: %s",
        context.getStatusManager().getCopyOfStatusList()).isLessThan(Status.WARN);
    logger = context.getLogger(Logger.ROOT_LOGGER_NAME);
    // the root logger queues events (ASYNC); the console appender behind the queue writes them
    AsyncAppender async = (AsyncAppender) logger.getAppender("ASYNC");
    encoder = ((OutputStreamAppender<ILoggingEvent>) async.getAppender("STDERR")).getEncoder();
  }

  @AfterEach
  void stop() {
    context.stop();
  }

  private List<String> lines(ILoggingEvent event) {
    String text = new String(encoder.encode(event), StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    assertThat(text).endsWith("\n").doesNotContain("\r", "\u001b", "\u0085", "\u2028");
    return Arrays.asList(text.split("\n"));
  }

  @Test
  void theLoggingThreadOnlyQueuesTheEventOnABoundedQueueThatNeverBlocksIt() {
    AsyncAppender async = (AsyncAppender) logger.getAppender("ASYNC");

    assertThat(async.isNeverBlock()).isTrue();
    assertThat(async.getQueueSize()).isBetween(1024, 65536);
    assertThat(async.getDiscardingThreshold()).as("INFO lines are not dropped before the queue is full").isZero();
    assertThat(logger.getAppender("STDERR")).as("nothing writes to the console on the caller's thread").isNull();
  }

  @Test
  void aMessageHoldingCrLfIsOneLineWithVisibleEscapes() {
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "registered endpoint={} lifetime={}",
        null, new Object[] {FORGED, 60});
    List<String> lines = lines(event);
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  ROOT - .*")
        .endsWith(" - registered endpoint=dev1\\r\\nERROR forged\\u001b[2J\\u0085\\u2028 lifetime=60");
  }

  @Test
  void anExceptionMessageIsEscapedAndItsStackStaysOneFramePerLine() {
    Exception failure = new IllegalStateException("bad ep " + FORGED, new IllegalArgumentException("cause\nERROR forged too"));
    LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, "POST /rd from {} failed",
        failure, new Object[] {"127.0.0.1:5683"});
    List<String> lines = lines(event);
    assertThat(lines.get(0)).endsWith(" - POST /rd from 127.0.0.1:5683 failed");
    assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: bad ep dev1\\r\\nERROR forged\\u001b[2J\\u0085\\u2028");
    assertThat(lines).anySatisfy(line -> assertThat(line).isEqualTo(
        "Caused by: java.lang.IllegalArgumentException: cause\\nERROR forged too"));
    assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line)
        .matches("(java\\.lang\\.IllegalStateException: |Caused by: |\\tat |\\t\\.\\.\\. \\d+ common frames omitted).*"));
  }
}
