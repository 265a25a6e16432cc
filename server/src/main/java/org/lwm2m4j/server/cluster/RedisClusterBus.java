package org.lwm2m4j.server.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.lwm2m4j.core.schedule.SerialExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ClusterBus} over Redis pub/sub: one channel per node ({@code PREFIX bus:node:ID}) and
 * one for all ({@code PREFIX bus:all}); each message carries its sender and topic ahead of its bytes.
 *
 * <p>Why pub/sub and not a Redis stream or HTTP between nodes: a routed request and its answer live
 * for seconds at most, and a message lost with a disconnected node is a request that times out,
 * which the caller handles already — a stream's durability and acknowledgements would keep messages
 * nobody waits for any more. Redis is already there for the shared store, so the nodes need no
 * second port, no address book of each other's HTTP endpoints and no HTTP client.
 *
 * <p>Handlers run in the order the messages arrived, one at a time, on the executor given to {@link
 * #open} (the server's scheduler), not on Lettuce's I/O thread, which a slow handler would stall;
 * past {@value #BACKLOG} waiting messages new ones are dropped (they end as timeouts).
 */
public final class RedisClusterBus implements ClusterBus {
  /** How many received messages may wait for their handlers. */
  public static final int BACKLOG = 65_536;
  private static final Logger LOG = LoggerFactory.getLogger(RedisClusterBus.class);

  private final String self;
  private final String prefix;
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> publisher;
  private final StatefulRedisPubSubConnection<byte[], byte[]> subscriber;
  private final Map<String, List<ClusterMessageHandler>> handlers = new ConcurrentHashMap<>();
  private final SerialExecutor delivery;

  private RedisClusterBus(String self, String prefix, RedisClient client, Executor executor) {
    this.self = self;
    this.prefix = prefix;
    this.client = client;
    this.delivery = new SerialExecutor(executor, BACKLOG);
    this.publisher = client.connect(ByteArrayCodec.INSTANCE);
    this.subscriber = client.connectPubSub(ByteArrayCodec.INSTANCE);
    subscriber.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(byte[] channel, byte[] message) {
        try {
          delivery.execute(() -> receive(message));
        } catch (RejectedExecutionException e) {
          LOG.warn("cluster bus message dropped: {} messages wait for their handlers already", BACKLOG);
        }
      }
    });
    subscriber.sync().subscribe(channel("bus:node:" + self), channel("bus:all"));
  }

  /**
   * Connects node {@code self} to the Redis at {@code uri} ({@code redis://HOST:PORT[/DB]}), with
   * channel names starting with {@code prefix} (e.g. {@code lwm2m:}, shared by every node of the
   * cluster); handlers run on {@code executor} (e.g. the server's scheduler: {@code scheduler::execute}).
   *
   * @throws ClusterUnavailableException when Redis cannot be reached
   */
  public static RedisClusterBus open(String uri, String self, String prefix, Executor executor) {
    Objects.requireNonNull(self, "self");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(executor, "executor");
    RedisClient client = RedisClient.create(uri);
    try {
      return new RedisClusterBus(self, prefix, client, executor);
    } catch (RedisException e) {
      client.shutdown();
      throw new ClusterUnavailableException("cannot reach Redis at " + uri + " for the cluster bus: " + e.getMessage(), e);
    }
  }

  @Override
  public String self() {
    return self;
  }

  @Override
  public void send(String node, String topic, byte[] message) {
    publisher.async().publish(channel("bus:node:" + node), frame(topic, message));
  }

  @Override
  public void broadcast(String topic, byte[] message) {
    publisher.async().publish(channel("bus:all"), frame(topic, message));
  }

  @Override
  public Subscription subscribe(String topic, ClusterMessageHandler handler) {
    List<ClusterMessageHandler> topicHandlers = handlers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>());
    topicHandlers.add(handler);
    return () -> topicHandlers.remove(handler);
  }

  @Override
  public void close() {
    subscriber.close();
    publisher.close();
    client.shutdown();
  }

  private byte[] channel(String name) {
    return (prefix + name).getBytes(StandardCharsets.UTF_8);
  }

  private byte[] frame(String topic, byte[] message) {
    byte[] from = self.getBytes(StandardCharsets.UTF_8);
    byte[] name = topic.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + from.length + name.length + message.length)
        .putShort((short) from.length).put(from).putShort((short) name.length).put(name).put(message).array();
  }

  private void receive(byte[] frame) {
    try {
      ByteBuffer in = ByteBuffer.wrap(frame);
      String from = text(in);
      String topic = text(in);
      byte[] message = Arrays.copyOfRange(frame, in.position(), frame.length);
      for (ClusterMessageHandler handler : handlers.getOrDefault(topic, List.of())) {
        handler.received(from, message);
      }
    } catch (RuntimeException e) {
      // one bad frame or handler must not end the subscription
      LOG.warn("cluster bus message dropped: {}", e.toString());
    }
  }

  private static String text(ByteBuffer in) {
    byte[] bytes = new byte[in.getShort() & 0xFFFF];
    in.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
