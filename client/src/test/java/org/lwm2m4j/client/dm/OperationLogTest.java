package org.lwm2m4j.client.dm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lwm2m4j.client.dm.InboundFixture.BOOTSTRAP;
import static org.lwm2m4j.client.dm.InboundFixture.SERVER_1;
import static org.lwm2m4j.client.dm.InboundFixture.text;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.codec.ContentFormat;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.core.schedule.VirtualScheduler;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.slf4j.LoggerFactory;

/** Every DM operation the client answers is one INFO line on {@code org.lwm2m4j.client.operations}. */
class OperationLogTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(OperationLog.LOGGER);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final Level before = logger.getLevel();
  private final InboundFixture client = new InboundFixture(new VirtualScheduler());
  private final CoapHandler chain = ClientInbound.chain(BOOTSTRAP::equals,
      request -> CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CHANGED)), client.servers, client.access, client.tree,
      client.dm());

  OperationLogTest() {
    logger.setLevel(Level.INFO);
    lines.start();
    logger.addAppender(lines);
    client.dmServers.set(1);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(lines);
    logger.setLevel(before);
  }

  private List<String> messages() {
    synchronized (lines) {
      return lines.list.stream().map(event -> event.getLevel() + " " + event.getFormattedMessage()).toList();
    }
  }

  private CoapResponse send(CoapRequest request) {
    return chain.handle(request).join();
  }

  @Test
  void aReadIsOneInfoLineWithServerPeerOperationPathCodeAndMilliseconds() {
    CoapResponse response = send(CoapRequest.to(SERVER_1, CoapMethod.GET, List.of("3303", "0", "5700")));

    assertThat(response.code()).isEqualTo(ResponseCode.CONTENT);
    assertThat(messages()).singleElement().asString()
        .matches("INFO server 1 at 127\\.0\\.0\\.1:15683 READ /3303/0/5700 -> 2\\.05 Content \\d+ ms");
  }

  @Test
  void aRefusedOperationIsLoggedWithTheCodeTheServerGets() {
    CoapResponse response = send(CoapRequest.to(SERVER_1, CoapMethod.GET, List.of("0", "1")));

    assertThat(response.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
    assertThat(messages()).singleElement().asString().matches("INFO server 1 at 127\\.0\\.0\\.1:15683 READ /0/1 -> 4\\.01 Unauthorized \\d+ ms");
  }

  @Test
  void aMissingTargetIsLoggedAsNotFound() {
    CoapResponse response = send(CoapRequest.to(SERVER_1, CoapMethod.GET, List.of("3303", "7")));

    assertThat(response.code()).isEqualTo(ResponseCode.NOT_FOUND);
    assertThat(messages()).singleElement().asString().contains(" READ /3303/7 -> 4.04 Not Found ");
  }

  @Test
  void aCompositeNamesItsTargets() {
    byte[] paths = text("[{\"n\":\"/3303/0/5700\"},{\"n\":\"/3303/1/5700\"}]");

    send(CoapRequest.to(SERVER_1, CoapMethod.FETCH, List.of()).withPayload(ContentFormat.SENML_JSON.code(), paths));

    assertThat(messages()).singleElement().asString().contains(" READ-COMPOSITE /3303/0/5700,/3303/1/5700 -> 2.05 Content ");
  }

  @Test
  void nothingIsLoggedWhenTheLoggerIsOff() {
    logger.setLevel(Level.WARN);

    send(CoapRequest.to(SERVER_1, CoapMethod.GET, List.of("3303", "0", "5700")));

    assertThat(messages()).isEmpty();
  }
}
