package org.lwm2m4j.client.registration;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.lwm2m4j.transport.sms.SmsAddress;

/**
 * Why an exchange with a server failed, in words a user can act on: never "null" and never a bare
 * class name such as {@code java.util.concurrent.TimeoutException}, whatever the exception carried.
 */
public final class ExchangeFailure {
  private ExchangeFailure() {}

  /**
   * The reason of {@code failure} (unwrapped from a {@link CompletionException}): its message, or for
   * a timeout "no answer from HOST:PORT within N s", or its type in words.
   */
  public static String reason(Throwable failure, InetSocketAddress peer, Duration timeout) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      String where = SmsAddress.isSms(peer) ? SmsAddress.describe(peer) : peer.getHostString() + ":" + peer.getPort();
      return "no answer from " + where + " within " + timeout.toSeconds() + " s";
    }
    String message = cause.getMessage();
    if (message != null && !message.isBlank()) {
      return message;
    }
    return inWords(cause.getClass().getSimpleName());
  }

  /** "IllegalStateException" as "illegal state exception". */
  static String inWords(String typeName) {
    return typeName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
  }
}
