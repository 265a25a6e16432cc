package org.lwm2m4j.app.server;

import java.util.regex.Pattern;
import org.lwm2m4j.app.cli.BadInputException;
import org.lwm2m4j.server.store.redis.RedisUri;
import org.lwm2m4j.server.store.redis.RedisUriException;

/**
 * This server as a node of a cluster: the Redis that holds the shared state and the id under which the node
 * is known there (in its heartbeat, as the owner of its devices' registrations, and as the {@code "node"} of
 * its events).
 */
public record RedisNode(RedisUri redis, String id) {
  /** The form of {@code --store} for a cluster, for messages. */
  public static final String FORM = "redis://HOST:PORT[/DB]";

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /** Checks the id: it goes into Redis keys and log lines, so it is short and plain. */
  public RedisNode {
    if (!ID.matcher(id).matches()) {
      throw new BadInputException("--node-id takes 1 to 64 letters, digits, '.', '_', ':' or '-', not '" + id + "'");
    }
  }

  /** Parses {@code --store}'s {@code text}; anything else than {@link #FORM} is the user's to fix. */
  static RedisUri parseUri(String text) {
    try {
      return RedisUri.parse(text);
    } catch (RedisUriException e) {
      throw invalid(text);
    }
  }

  private static BadInputException invalid(String text) {
    return new BadInputException("--store: expected " + FORM + " (e.g. redis://127.0.0.1:6379/0), not '" + text + "'");
  }
}
