package org.lwm2m4j.app.server;

import java.net.URI;
import java.net.URISyntaxException;
import org.lwm2m4j.app.cli.BadInputException;

/**
 * Where the shared state of a cluster lives: {@code redis://HOST:PORT[/DB]}, database 0 unless given. No user,
 * password or query: the form the Redis store and {@code docs/cluster.md} describe, nothing more.
 */
public record RedisUri(String host, int port, int database) {
  /** The form {@link #parse} takes, for messages. */
  public static final String FORM = "redis://HOST:PORT[/DB]";

  /** Parses {@code text}; anything else than {@link #FORM} is a {@link BadInputException} naming the form. */
  public static RedisUri parse(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid(text);
    }
    if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535
        || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(text);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    int database = 0;
    if (!path.isEmpty() && !path.equals("/")) {
      if (!path.substring(1).matches("[0-9]{1,5}")) {
        throw invalid(text);
      }
      database = Integer.parseInt(path.substring(1));
    }
    String host = uri.getHost();
    // java.net.URI keeps the brackets of an IPv6 literal
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new RedisUri(host, uri.getPort(), database);
  }

  private static BadInputException invalid(String text) {
    return new BadInputException("--store: expected " + FORM + " (e.g. redis://127.0.0.1:6379/0), not '" + text + "'");
  }

  /** {@code redis://HOST:PORT/DB}, with an IPv6 host in brackets. */
  @Override
  public String toString() {
    return "redis://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
  }
}
