package org.lwm2m4j.server.cluster;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The heartbeats in Redis: a sorted set {@code PREFIX nodes} of node ids scored by their last
 * heartbeat (epoch milliseconds; reading the live ones is one range query, no SCAN), a hash {@code
 * PREFIX node:ID} of each node's attributes expiring after the time-to-live, and a hash {@code
 * PREFIX node-numbers} from node id to its number, allocated by a Lua script so that two nodes
 * starting at once never get the same one. Numbers go from 1 to {@value #MAX_NUMBER} (one byte of a
 * DTLS Connection ID).
 */
public final class RedisHeartbeatBoard implements HeartbeatBoard {
  /** The largest node number. */
  public static final int MAX_NUMBER = 255;
  /**
   * How long one command may wait for Redis. A heartbeat later than this is of no use anyway (the
   * time-to-live is a few seconds), and with Redis gone Lettuce's default (a minute) held a node's
   * close up for that long behind the heartbeat in flight.
   */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private static final String ALLOCATE = """
      local n = redis.call('HGET', KEYS[1], ARGV[1])
      if n then return tonumber(n) end
      n = redis.call('INCR', KEYS[2])
      if n > tonumber(ARGV[2]) then
        redis.call('DECR', KEYS[2])
        return -1
      end
      redis.call('HSET', KEYS[1], ARGV[1], n)
      return n
      """;

  private final String prefix;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;

  private RedisHeartbeatBoard(String prefix, RedisClient client) {
    this.prefix = prefix;
    this.client = client;
    this.connection = client.connect();
    connection.setTimeout(COMMAND_TIMEOUT);
    this.redis = connection.sync();
  }

  /**
   * Connects to the Redis at {@code uri} ({@code redis://HOST:PORT[/DB]}), with key names starting
   * with {@code prefix} (e.g. {@code lwm2m:}, shared by every node of the cluster).
   *
   * @throws ClusterUnavailableException when Redis cannot be reached
   */
  public static RedisHeartbeatBoard open(String uri, String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    RedisClient client = RedisClient.create(uri);
    try {
      return new RedisHeartbeatBoard(prefix, client);
    } catch (RedisException e) {
      client.shutdown();
      throw new ClusterUnavailableException("cannot reach Redis at " + uri + " for cluster membership: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void beat(String node, int number, Instant at, Map<String, String> attributes, Duration ttl) {
    Map<String, String> fields = new HashMap<>(attributes);
    fields.put("number", Integer.toString(number));
    String key = prefix + "node:" + node;
    try {
      redis.multi();
      redis.zadd(prefix + "nodes", at.toEpochMilli(), node);
      redis.del(key);
      redis.hset(key, fields);
      redis.pexpire(key, ttl.toMillis());
      redis.exec();
    } catch (RedisException e) {
      throw unavailable("write the heartbeat of " + node, e);
    }
  }

  @Override
  public synchronized List<ClusterNode> heardSince(Instant oldest) {
    try {
      // entries older than the oldest live one are gone nodes: nobody needs them any more
      redis.zremrangebyscore(prefix + "nodes", Range.create(Double.NEGATIVE_INFINITY, (double) oldest.toEpochMilli() - 1));
      List<ClusterNode> live = new ArrayList<>();
      for (ScoredValue<String> entry : redis.zrangebyscoreWithScores(prefix + "nodes",
          Range.create((double) oldest.toEpochMilli(), Double.POSITIVE_INFINITY))) {
        Map<String, String> fields = new HashMap<>(redis.hgetall(prefix + "node:" + entry.getValue()));
        String number = fields.remove("number");
        live.add(new ClusterNode(entry.getValue(), number == null ? 0 : Integer.parseInt(number), fields,
            Instant.ofEpochMilli((long) entry.getScore())));
      }
      return live;
    } catch (RedisException e) {
      throw unavailable("read the heartbeats", e);
    }
  }

  @Override
  public synchronized int numberOf(String node) {
    long number;
    try {
      number = redis.eval(ALLOCATE, ScriptOutputType.INTEGER, new String[] {prefix + "node-numbers", prefix + "node-number-last"},
          node, Integer.toString(MAX_NUMBER));
    } catch (RedisException e) {
      throw unavailable("allocate the node number of " + node, e);
    }
    if (number < 0) {
      throw new ClusterUnavailableException("all " + MAX_NUMBER + " node numbers are taken; delete the hash " + prefix
          + "node-numbers in Redis to give them out again (running nodes keep theirs until restarted)");
    }
    return (int) number;
  }

  @Override
  public synchronized void leave(String node) {
    try {
      redis.zrem(prefix + "nodes", node);
      redis.del(prefix + "node:" + node);
    } catch (RedisException e) {
      throw unavailable("remove the heartbeat of " + node, e);
    }
  }

  /** Closes the connection; returns within about two seconds also when Redis is gone. */
  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }

  private static ClusterUnavailableException unavailable(String what, RedisException e) {
    return new ClusterUnavailableException("cannot " + what + " in Redis: " + e.getMessage(), e);
  }
}
