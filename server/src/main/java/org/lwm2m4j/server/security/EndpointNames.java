package org.lwm2m4j.server.security;

import org.lwm2m4j.core.codec.CodecException;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.codec.Utf8;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * The check applied to every endpoint name the server keys something by: registrations (the
 * {@code ep} of a Register), credentials, bootstrap configurations and Bootstrap-Requests. A name
 * is 1 to {@value #MAX_BYTES} bytes of printable UTF-8 text in any script ({@link PrintableText}):
 * no controls, separators, format characters, unpaired surrogates or U+FFFD (what a decoder puts
 * for bytes that were not UTF-8).
 *
 * <p>This check is what keeps names from the network out of log lines raw: the server logs the
 * endpoint names it accepted, and an embedding application brings its own logging, which may not
 * escape anything. Names are refused where they enter (4.00), never cleaned up, so two devices
 * cannot end up under one name.
 */
public final class EndpointNames {
  /**
   * The longest endpoint name, in bytes of UTF-8. The spec sets none; this is twice the PSK
   * identity a client must support (128 bytes) and four times a certificate CN (64 characters).
   */
  public static final int MAX_BYTES = 256;

  private EndpointNames() {}

  /**
   * Checks an endpoint name.
   *
   * @return {@code endpoint}
   * @throws InvalidRequestException if it is empty, longer than {@value #MAX_BYTES} bytes of UTF-8
   *     or not printable text
   */
  public static String check(String endpoint) {
    if (endpoint == null || endpoint.isEmpty()) {
      throw new InvalidRequestException("the endpoint name must not be empty");
    }
    int unprintable = PrintableText.firstUnprintable(endpoint);
    if (unprintable >= 0) {
      throw new InvalidRequestException(String.format(
          "the endpoint name '%s' has U+%04X at character %d; endpoint names are printable UTF-8 text",
          CodecException.excerpt(endpoint), endpoint.codePointAt(unprintable), unprintable));
    }
    long bytes = Utf8.length(endpoint, endpoint.length());
    if (bytes > MAX_BYTES) {
      throw new InvalidRequestException("the endpoint name '" + CodecException.excerpt(endpoint) + "' is " + bytes
          + " bytes of UTF-8; at most " + MAX_BYTES + " are allowed");
    }
    return endpoint;
  }
}
