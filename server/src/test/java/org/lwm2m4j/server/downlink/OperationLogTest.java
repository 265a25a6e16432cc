package org.lwm2m4j.server.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.node.LwM2mNode;
import org.lwm2m4j.core.path.LwM2mPath;
import org.lwm2m4j.server.device.RequestOptions;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.transport.CoapResponse;
import org.slf4j.LoggerFactory;

/** Every request to a device ends in one INFO line on {@code org.lwm2m4j.server.operations}, with what a reader needs. */
class OperationLogTest {
  private static final LwM2mPath BATTERY = LwM2mPath.of(3, 0, 9);
  private final Logger logger = (Logger) LoggerFactory.getLogger(OperationLog.LOGGER);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Level before = logger.getLevel();
  private final DownlinkHarness harness;

  OperationLogTest() throws Exception {
    harness = new DownlinkHarness();
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
  }

  @AfterEach
  void close() throws Exception {
    logger.detachAppender(lines);
    logger.setLevel(before);
    harness.close();
  }

  private List<String> messages() {
    synchronized (lines) {
      return lines.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }
  }

  @Test
  void aReadIsOneInfoLineWithEndpointOperationPathCodeAndMilliseconds() throws Exception {
    Registration device = harness.register(harness.device().set("/3/0/9", 90), "dev-1", false);

    CompletableFuture<LwM2mNode> read = harness.devices.read(device, BATTERY, RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));

    assertThat(read).isCompleted();
    assertThat(messages()).singleElement().asString().matches("INFO dev-1 READ /3/0/9 -> 2\\.05 Content \\d+ ms");
  }

  @Test
  void anErrorAnswerIsLoggedWithItsCodeOnce() throws Exception {
    Registration device = harness.register(harness.device(), "dev-2", false);

    CompletableFuture<LwM2mNode> read = harness.devices.read(device, LwM2mPath.of(3, 0, 17), RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));

    assertThat(read).isCompletedExceptionally();
    assertThat(messages()).singleElement().asString().matches("INFO dev-2 READ /3/0/17 -> 4\\.04 Not Found \\d+ ms");
  }

  @Test
  void anUnansweredRequestIsLoggedAsATimeout() throws Exception {
    TwinDevice silent = harness.device();
    Registration device = harness.register(silent, "dev-3", false);
    harness.network.cut(silent.address(), true);

    harness.devices.execute(device, LwM2mPath.of(3, 0, 4), "", RequestOptions.DEFAULTS);
    harness.advance(DownlinkHarness.TIMEOUT);

    assertThat(messages()).singleElement().asString().matches("INFO dev-3 EXECUTE /3/0/4 -> no answer \\(timeout\\) \\d+ ms");
  }

  @Test
  void aRequestForASleepingDeviceIsLoggedOnceWhenItGoesOut() throws Exception {
    TwinDevice device = harness.device().set("/3/0/9", 90);
    Registration sleeper = harness.register(device, "sleeper", true);
    harness.devices.read(sleeper, BATTERY, RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));
    assertThat(messages()).as("nothing went out yet").isEmpty();

    harness.wake(sleeper);
    harness.advance(Duration.ofSeconds(1));

    assertThat(messages()).singleElement().asString().startsWith("INFO sleeper READ /3/0/9 -> 2.05 Content ");
  }

  @Test
  void anEndpointNameWithControlCharactersStaysOnOneLine() throws Exception {
    Registration device = harness.register(harness.device().set("/3/0/9", 90), "dev\r\nINFO forged", false);

    harness.devices.read(device, BATTERY, RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));

    assertThat(messages()).singleElement().asString().doesNotContain("\r", "\n").startsWith("INFO dev\\r\\nINFO forged READ");
  }

  @Test
  void nothingIsLoggedWhenTheLoggerIsOff() throws Exception {
    logger.setLevel(Level.WARN);
    Registration device = harness.register(harness.device().set("/3/0/9", 90), "quiet", false);

    CompletableFuture<LwM2mNode> read = harness.devices.read(device, BATTERY, RequestOptions.DEFAULTS);
    harness.advance(Duration.ofSeconds(1));

    assertThat(read).isCompleted();
    assertThat(messages()).isEmpty();
  }

  @Test
  void responseCodesReadAsTheirRfcPhrases() {
    assertThat(ResponseCode.CONTENT.phrase()).isEqualTo("Content");
    assertThat(ResponseCode.UNSUPPORTED_CONTENT_FORMAT.phrase()).isEqualTo("Unsupported Content Format");
    assertThat(CoapResponse.of(ResponseCode.CHANGED).code().phrase()).isEqualTo("Changed");
  }
}
