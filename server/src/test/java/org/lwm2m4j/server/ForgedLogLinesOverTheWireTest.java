package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.OptionNumberRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.lwm2m4j.server.bootstrap.BootstrapPlan;
import org.lwm2m4j.server.bootstrap.BootstrapServer;

/**
 * Endpoint names built to forge log lines (CR LF and a fake level), terminal escapes and bytes
 * that are not UTF-8, sent over real UDP in the {@code ep} of a Register and a Bootstrap-Request:
 * each gets 4.00, nothing is registered, and no log line carries the name raw.
 */
class ForgedLogLinesOverTheWireTest {
  static {
    CoapConfig.register();
    UdpConfig.register();
  }

  private static final String FORGED = "dev1\r\nERROR forged";

  private LwM2mServer server;
  private BootstrapServer bootstrapServer;
  private CoapClient coap;
  /** Every event logged while a test runs, at INFO and up whatever an earlier test left the root level at. */
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private Level rootLevel;

  @BeforeEach
  void start() throws Exception {
    // the fuzz targets quiet the root logger to WARN; this test reads the INFO lines
    rootLevel = root.getLevel();
    root.setLevel(Level.INFO);
    logged.start();
    root.addAppender(logged);
    server = LwM2mServer.builder().coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    BootstrapPlan nothingToDo = new BootstrapPlan(List.of(), Map.of(), Optional.empty());
    bootstrapServer = BootstrapServer.builder(ep -> ep.equals("dev1") ? Optional.of(nothingToDo) : Optional.empty())
        .coapAddress(new InetSocketAddress("127.0.0.1", 0)).start();
    coap = new CoapClient();
    coap.setTimeout(5000L);
  }

  @AfterEach
  void stop() {
    coap.shutdown();
    bootstrapServer.close();
    server.close();
    root.detachAppender(logged);
    logged.stop();
    root.setLevel(rootLevel);
  }

  private CoapResponse post(InetSocketAddress to, String path, byte[]... query) throws Exception {
    Request post = Request.newPost();
    post.setURI("coap://127.0.0.1:" + to.getPort() + path);
    for (byte[] parameter : query) {
      post.getOptions().addOption(new Option(OptionNumberRegistry.URI_QUERY, parameter));
    }
    post.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
    post.setPayload("</1/0>,</3/0>");
    CoapResponse response = coap.advanced(post);
    assertThat(response).as("an answer to POST " + path).isNotNull();
    return response;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /** The logged messages as a log file would hold them: each on a line of its own. */
  private String logText() {
    synchronized (logged) {
      StringBuilder text = new StringBuilder();
      for (ILoggingEvent event : logged.list) {
        text.append('\n').append(event.getLevel()).append(' ').append(event.getFormattedMessage());
      }
      return text.toString();
    }
  }

  @Test
  void aRegisterWhoseEndpointNameForgesALogLineGets400AndIsNotLogged() throws Exception {
    byte[][] names = {utf8(FORGED), utf8("dev1\u001b[2J"), utf8("dev1\u0000"), concat(utf8("dev1"), new byte[] {(byte) 0xC3, 0x28})};
    for (byte[] name : names) {
      CoapResponse response = post(server.coapAddress(), "/rd", concat(utf8("ep="), name), utf8("lt=60"), utf8("lwm2m=1.1"));
      assertThat(response.getCode()).as(new String(name, StandardCharsets.UTF_8)).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    }
    assertThat(server.registrations().store().size()).isZero();

    assertThat(post(server.coapAddress(), "/rd", utf8("ep=dev1"), utf8("lt=60"), utf8("lwm2m=1.1")).getCode())
        .as("a good name still registers").isEqualTo(CoAP.ResponseCode.CREATED);
    assertThat(logText()).as("the server logs registrations").contains("endpoint=dev1");
    assertThat(logText()).doesNotContain("\nERROR forged", "\rERROR forged", "\u001b", "\u0000");
  }

  @Test
  void aBootstrapRequestWhoseEndpointNameForgesALogLineGets400AndIsNotLogged() throws Exception {
    CoapResponse response = post(bootstrapServer.coapAddress(), "/bs", utf8("ep=" + FORGED));
    assertThat(response.getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(response.getResponseText()).contains("endpoint name").doesNotContain("\n");
    assertThat(post(bootstrapServer.coapAddress(), "/bs", utf8("ep=dev1"), utf8("ep=dev1")).getCode())
        .as("ep given twice").isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(post(bootstrapServer.coapAddress(), "/bs", utf8("ep=dev1"), utf8("pct=+110")).getCode())
        .as("pct with a sign").isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
    assertThat(logText()).doesNotContain("\nERROR forged", "\rERROR forged");
  }
}
