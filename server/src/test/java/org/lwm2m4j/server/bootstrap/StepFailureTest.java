package org.lwm2m4j.server.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.lwm2m4j.transport.DtlsHandshakeFailedException;
import org.lwm2m4j.transport.CoapSettings;

/** The words a failed bootstrap step is told in, whatever exception the transport gave. */
class StepFailureTest {
  private final StepFailure discover = new StepFailure("Bootstrap-Discover /", new InetSocketAddress("127.0.0.1", 56830),
      Duration.ofSeconds(24), CoapSettings.DEFAULTS);

  @Test
  void aTimeoutWithoutAMessageSaysHowLongToWhomAndHowManyRetransmissions() {
    assertThat(discover.describe(new CompletionException(new TimeoutException())))
        .isEqualTo("device did not answer Bootstrap-Discover / within 24 s (3 retransmissions to 127.0.0.1:56830); "
            + "is it running and still at this address?");
  }

  @Test
  void retransmissionsCountThoseThatFitTheTimeoutUpToMaxRetransmit() {
    assertThat(StepFailure.retransmissionsWithin(Duration.ofSeconds(1), CoapSettings.DEFAULTS)).isZero();
    assertThat(StepFailure.retransmissionsWithin(Duration.ofSeconds(3), CoapSettings.DEFAULTS)).isEqualTo(1);
    assertThat(StepFailure.retransmissionsWithin(Duration.ofMinutes(5), CoapSettings.DEFAULTS)).isEqualTo(4);
  }

  @Test
  void aFailedHandshakeIsNamedWithItsReason() {
    IOException failure = new DtlsHandshakeFailedException(new InetSocketAddress("127.0.0.1", 56830),
        "bad key (MAC check failed: wrong PSK?)", new IOException("bad_record_mac"));
    assertThat(discover.describe(new CompletionException(failure)))
        .as("the transport's reason once, not its whole message inside ours")
        .isEqualTo("DTLS handshake with 127.0.0.1:56830 failed during Bootstrap-Discover /: "
            + "bad key (MAC check failed: wrong PSK?); check the credentials of the device's Bootstrap-Server account");
  }

  @Test
  void aCancelledExchangeSaysSo() {
    assertThat(discover.describe(new CancellationException()))
        .isEqualTo("Bootstrap-Discover / to 127.0.0.1:56830 was cancelled before the device answered (the Bootstrap-Server is stopping)");
  }

  @Test
  void anyOtherFailureKeepsItsMessageBehindTheStepAndAddress() {
    assertThat(discover.describe(new IOException("network unreachable")))
        .isEqualTo("cannot send Bootstrap-Discover / to 127.0.0.1:56830: network unreachable");
  }
}
