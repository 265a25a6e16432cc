package org.lwm2m4j.server.store.redis;

/**
 * Where Redis listens: {@code redis://HOST:PORT[/DB]}, a host name or IPv4 address (an IPv6 one in
 * brackets), a port and an optional database number (0 when absent).
 */
public record RedisUri(String host, int port, int database) {
  private static final String FORM = "expected redis://HOST:PORT[/DB], e.g. redis://127.0.0.1:6379/0";

  public RedisUri {
    if (host == null || host.isEmpty()) {
      throw new RedisUriException("the Redis host is missing; " + FORM);
    }
    if (port < 1 || port > 65535) {
      throw new RedisUriException("the Redis port must be 1 to 65535, got " + port + "; " + FORM);
    }
    if (database < 0) {
      throw new RedisUriException("the Redis database must be 0 or more, got " + database + "; " + FORM);
    }
  }

  /**
   * Parses {@code text}.
   *
   * @throws RedisUriException naming what is wrong and the expected form
   */
  public static RedisUri parse(String text) {
    String prefix = "redis://";
    if (text == null || !text.startsWith(prefix)) {
      throw new RedisUriException("'" + text + "' is not a Redis address; " + FORM);
    }
    String rest = text.substring(prefix.length());
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    int database = slash < 0 || slash == rest.length() - 1 ? 0 : number(rest.substring(slash + 1), "database", text);
    int colon = authority.lastIndexOf(':');
    if (colon < 0 || authority.endsWith("]")) {
      throw new RedisUriException("'" + text + "' has no port; " + FORM);
    }
    String host = authority.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.contains("@")) {
      throw new RedisUriException("'" + text + "' carries credentials, which are not supported; " + FORM);
    }
    return new RedisUri(host, number(authority.substring(colon + 1), "port", text), database);
  }

  private static int number(String digits, String what, String text) {
    try {
      return Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new RedisUriException("the " + what + " in '" + text + "' is not a number: '" + digits + "'; " + FORM);
    }
  }

  @Override
  public String toString() {
    return "redis://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
  }
}
