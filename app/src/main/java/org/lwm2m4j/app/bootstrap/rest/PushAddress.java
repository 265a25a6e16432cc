package org.lwm2m4j.app.bootstrap.rest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.lwm2m4j.core.error.InvalidRequestException;

/**
 * A client address as the push route takes and shows it: {@code host:port}, an IPv6 literal in
 * brackets ({@code [2001:db8::1]:5683}). Host names are resolved when parsed, so a typo is a 400
 * now rather than a failed push later.
 */
final class PushAddress {
  private PushAddress() {}

  /** @throws InvalidRequestException if the text is not {@code host:port} or the host cannot be resolved */
  static InetSocketAddress parse(String text) {
    String example = "; expected host:port, e.g. 192.0.2.1:5683 or [2001:db8::1]:5683";
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new InvalidRequestException("address \"" + text + "\" has no port" + example);
    }
    String host = text.substring(0, colon);
    String portText = text.substring(colon + 1);
    if (host.startsWith("[") != host.endsWith("]")) {
      throw new InvalidRequestException("address \"" + text + "\" has an unbalanced bracket" + example);
    }
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.indexOf(':') >= 0) {
      throw new InvalidRequestException("address \"" + text + "\" must put an IPv6 host in brackets" + example);
    }
    if (host.isEmpty()) {
      throw new InvalidRequestException("address \"" + text + "\" has no host" + example);
    }
    if (portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidRequestException("address \"" + text + "\" has port \"" + portText + "\", not a number" + example);
    }
    int port = Integer.parseInt(portText);
    if (port < 1 || port > 65535) {
      throw new InvalidRequestException("address \"" + text + "\" has port " + port + ", outside 1..65535");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException | SecurityException e) {
      throw new InvalidRequestException("address \"" + text + "\": host \"" + host + "\" cannot be resolved");
    }
  }

  /** {@code address} as {@code host:port}, the host as an IP literal. */
  static String format(InetSocketAddress address) {
    String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }
}
