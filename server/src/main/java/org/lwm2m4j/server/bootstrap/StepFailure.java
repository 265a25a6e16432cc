package org.lwm2m4j.server.bootstrap;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.lwm2m4j.transport.DtlsHandshakeFailedException;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.CoapSettings;

/**
 * Why one step of a bootstrap session failed, in words an operator can act on: the step, the
 * device's address and what went wrong — no answer in time (with the retransmissions that fitted),
 * an error code from the device (with its diagnostic), a failed DTLS handshake, a cancelled
 * exchange. These texts are what the session log, the events and the stored session show.
 *
 * @param operation the step, e.g. {@code "Bootstrap-Write /1/0"}
 * @param peer the device's address
 * @param timeout how long the step waited
 * @param coap the retransmission settings the request was sent with
 */
record StepFailure(String operation, InetSocketAddress peer, Duration timeout, CoapSettings coap) {

  /** The text for a request that ended with {@code failure} instead of an answer. */
  String describe(Throwable failure) {
    Throwable cause = unwrap(failure);
    if (cause instanceof TimeoutException) {
      int retransmissions = retransmissionsWithin(timeout, coap);
      return "device did not answer " + operation + " within " + seconds(timeout) + " ("
          + retransmissions + (retransmissions == 1 ? " retransmission" : " retransmissions") + " to " + address(peer)
          + "); is it running and still at this address?";
    }
    if (cause instanceof CancellationException) {
      return operation + " to " + address(peer) + " was cancelled before the device answered (the Bootstrap-Server is stopping)";
    }
    if (cause instanceof DtlsHandshakeFailedException handshake) {
      return "DTLS handshake with " + address(peer) + " failed during " + operation + ": " + handshake.reason()
          + "; check the credentials of the device's Bootstrap-Server account";
    }
    String message = cause.getMessage() != null && !cause.getMessage().isBlank() ? cause.getMessage() : cause.getClass().getSimpleName();
    return "cannot send " + operation + " to " + address(peer) + ": " + message;
  }

  /** The text for the device's error answer {@code response}. */
  String describe(CoapResponse response) {
    String diagnostic = new String(response.payload(), StandardCharsets.UTF_8).strip();
    return "device at " + address(peer) + " refused " + operation + " with " + response.code() + " " + words(response.code().name())
        + (diagnostic.isEmpty() ? "" : ": " + diagnostic);
  }

  /** {@code "Bad Request"} for {@code BAD_REQUEST}. */
  private static String words(String constant) {
    StringBuilder words = new StringBuilder();
    for (String word : constant.split("_")) {
      words.append(words.length() == 0 ? "" : " ").append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    return words.toString();
  }

  /**
   * How many retransmissions RFC 7252 §4.2 sends before {@code timeout}, at the shortest spacing
   * (ACK_TIMEOUT, doubling): the most the device could have been sent, MAX_RETRANSMIT at most.
   */
  static int retransmissionsWithin(Duration timeout, CoapSettings coap) {
    long at = 0;
    long wait = coap.ackTimeout().toMillis();
    int sent = 0;
    while (sent < coap.maxRetransmit() && at + wait < timeout.toMillis()) {
      at += wait;
      wait *= 2;
      sent++;
    }
    return sent;
  }

  private static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

  private static String address(InetSocketAddress address) {
    String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
