package org.lwm2m4j.server.store.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The subscription to the change feed, on a connection of its own (Lettuce subscribes again after
 * a reconnect). Messages of other nodes go to the consumer, on a Redis client thread (it only
 * sends the re-read); this node's own are ignored. Until {@link #start} (while the store loads) messages are held, then passed
 * on, so that a change made during the load is read again after it.
 */
final class ChangeFeed implements AutoCloseable {
  private final StatefulRedisPubSubConnection<String, String> connection;
  private final String self;
  private Consumer<ChangeMessage> consumer;
  private List<ChangeMessage> held = new ArrayList<>();

  ChangeFeed(RedisClient client, String self) {
    this.self = self;
    this.connection = client.connectPubSub();
    connection.addListener(new RedisPubSubAdapter<>() {
      @Override
      public void message(String channel, String text) {
        ChangeMessage.decode(text).filter(message -> !message.origin().equals(self)).ifPresent(ChangeFeed.this::received);
      }
    });
    connection.sync().subscribe(RedisKeys.CHANNEL);
  }

  /** The connection, to tell its reconnects from the command connection's. */
  StatefulRedisPubSubConnection<String, String> connection() {
    return connection;
  }

  private void received(ChangeMessage message) {
    Consumer<ChangeMessage> target;
    synchronized (this) {
      if (consumer == null) {
        held.add(message);
        return;
      }
      target = consumer;
    }
    target.accept(message);
  }

  /** Passes the held messages and every later one to {@code consumer}. */
  void start(Consumer<ChangeMessage> target) {
    List<ChangeMessage> due;
    synchronized (this) {
      consumer = target;
      due = held;
      held = List.of();
    }
    due.forEach(target);
  }

  @Override
  public void close() {
    connection.close();
  }
}
