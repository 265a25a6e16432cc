package org.lwm2m4j.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.core.error.ResponseCode;

/**
 * An endpoint's UDP socket gets the large receive buffer, not the kernel's default: a burst of
 * Registers must queue in the kernel rather than be dropped and come back after the ACK timeout.
 * Read from the kernel with {@code ss -m}, which reports the buffer as {@code rb} (the kernel
 * doubles what the socket asked for, capped at {@code net.core.rmem_max}).
 */
class SocketBufferTest {
  private static final Pattern RECEIVE_BUFFER = Pattern.compile("\\brb(\\d+)\\b");

  @Test
  void aPlainEndpointsSocketAsksForTheLargeReceiveBuffer() throws Exception {
    CoapEndpoint endpoint = CoapEndpoint.start(new InetSocketAddress("127.0.0.1", 0), request -> java.util.concurrent.CompletableFuture.completedFuture(CoapResponse.of(ResponseCode.CONTENT)),
        CoapSettings.DEFAULTS);
    try {
      long rmemMax = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0).strip());

      long buffer = receiveBuffer(endpoint.address().getPort());

      assertThat(buffer).isEqualTo(2 * Math.min(CaliforniumStack.SOCKET_BUFFER_BYTES, rmemMax));
    } finally {
      endpoint.close();
    }
  }

  private static long receiveBuffer(int port) throws IOException, InterruptedException {
    Process ss = new ProcessBuilder("ss", "-u", "-a", "-n", "-m", "sport = :" + port).redirectErrorStream(true).start();
    String out = new String(ss.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ss.waitFor(10, TimeUnit.SECONDS)).isTrue();
    Matcher matcher = RECEIVE_BUFFER.matcher(out);
    assertThat(matcher.find()).as("ss output: %s", out).isTrue();
    return Long.parseLong(matcher.group(1));
  }
}
