package org.lwm2m4j.app.client;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.lwm2m4j.app.cli.BadInputException;

/**
 * Checks a server URI of the {@code client} command before anything starts, so that a mistake is
 * one line naming what is wrong rather than a minute of silence: the scheme (coap or coaps, and
 * coaps exactly when there are credentials), a host, and that the host resolves. No port is
 * fine: LwM2M's default ports apply (5683 for coap, 5684 for coaps).
 */
final class ServerUris {
  private ServerUris() {}

  /**
   * @param option the option that gave the URI, for the message
   * @param secure whether credentials were given for this server
   * @param credentialOptions the options that give them, for the message
   * @throws BadInputException saying what is wrong and how to write it
   */
  static void check(URI uri, String option, boolean secure, String credentialOptions) {
    String given = option + " " + uri + ": ";
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new BadInputException(given + "no scheme: write coap://HOST[:PORT] or coaps://HOST[:PORT]");
    }
    if (!"coap".equals(scheme) && !"coaps".equals(scheme)) {
      throw new BadInputException(given + "unknown scheme '" + scheme + "': LwM2M servers are coap://HOST[:PORT] or coaps://HOST[:PORT]");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new BadInputException(given + "no host: write " + scheme + "://HOST[:PORT], e.g. " + scheme + "://127.0.0.1");
    }
    if ("coaps".equals(scheme) && !secure) {
      throw new BadInputException(given + "coaps:// needs credentials: add " + credentialOptions + ", or use coap://");
    }
    if ("coap".equals(scheme) && secure) {
      throw new BadInputException(given + "credentials (" + credentialOptions + ") need a coaps:// server");
    }
    try {
      InetAddress.getByName(uri.getHost());
    } catch (UnknownHostException e) {
      throw new BadInputException(given + "cannot resolve host '" + uri.getHost() + "'");
    }
  }
}
