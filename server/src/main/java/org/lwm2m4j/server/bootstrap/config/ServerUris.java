package org.lwm2m4j.server.bootstrap.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * The rule for the URI written to {@code /0/x/0}: a {@code coap://} or {@code coaps://} URI with a
 * host, at most 255 bytes, whose scheme agrees with the security mode (plain CoAP exactly when the
 * mode is NoSec), so a client is never told to open DTLS without credentials or send credentials
 * in the clear.
 */
final class ServerUris {
  static final int MAX_BYTES = 255;

  private ServerUris() {}

  static String check(String uri, SecurityConfig security) {
    if (uri == null || uri.isBlank()) {
      throw new InvalidRequestException("uri is empty; expected e.g. coaps://host:5684");
    }
    int bytes = uri.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BYTES) {
      throw new InvalidRequestException("uri is " + bytes + " bytes; the Security object allows at most " + MAX_BYTES);
    }
    URI parsed;
    try {
      parsed = new URI(uri);
    } catch (URISyntaxException e) {
      throw new InvalidRequestException("uri \"" + uri + "\" is not a URI: " + e.getReason());
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("coap") && !scheme.equals("coaps")) {
      throw new InvalidRequestException("uri \"" + uri + "\" must start with coap:// or coaps://");
    }
    if (parsed.getHost() == null) {
      throw new InvalidRequestException("uri \"" + uri + "\" has no host; expected e.g. " + scheme + "://host:"
          + (scheme.equals("coap") ? 5683 : 5684));
    }
    boolean noSec = security instanceof SecurityConfig.NoSec;
    if (scheme.equals("coap") && !noSec) {
      throw new InvalidRequestException("uri \"" + uri + "\" is plain CoAP but security mode is " + security.modeName()
          + "; use coaps:// or security mode nosec");
    }
    if (scheme.equals("coaps") && noSec) {
      throw new InvalidRequestException("uri \"" + uri + "\" is CoAP over DTLS but security mode is nosec; "
          + "use coap:// or give psk, rpk or x509 credentials");
    }
    return uri;
  }
}
