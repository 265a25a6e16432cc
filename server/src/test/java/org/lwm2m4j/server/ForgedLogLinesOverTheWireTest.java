package org.lwm2m4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
  private PrintStream stderr;
  private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

  @BeforeEach
  void start() throws Exception {
    stderr = System.err;
    // slf4j-simple, the test binding, writes each line to whatever System.err is at the time
    System.setErr(new PrintStream(new TeeOutputStream(logged, stderr), true, StandardCharsets.UTF_8));
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
    System.setErr(stderr);
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

  private String logText() {
    return logged.toString(StandardCharsets.UTF_8);
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

  /** Writes to two streams, so the test's output still shows on the console. */
  private static final class TeeOutputStream extends java.io.OutputStream {
    private final java.io.OutputStream first;
    private final java.io.OutputStream second;

    TeeOutputStream(java.io.OutputStream first, java.io.OutputStream second) {
      this.first = first;
      this.second = second;
    }

    @Override
    public synchronized void write(int b) throws java.io.IOException {
      first.write(b);
      second.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws java.io.IOException {
      first.write(b, off, len);
      second.write(b, off, len);
    }

    @Override
    public void flush() throws java.io.IOException {
      second.flush();
    }
  }
}
