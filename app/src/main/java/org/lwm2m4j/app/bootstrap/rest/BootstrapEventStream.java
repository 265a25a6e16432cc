package org.lwm2m4j.app.bootstrap.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.lwm2m4j.app.rest.EventSubscriber;
import org.lwm2m4j.server.bootstrap.BootstrapMode;
import org.lwm2m4j.server.bootstrap.BootstrapSessionListener;

/**
 * {@code GET /api/v1/events} on the Bootstrap-Server: Server-Sent Events per session — {@code
 * started} (with the address and the mode: {@code request}, {@code pack} or {@code push}), {@code
 * step}, {@code finished}, {@code failed} (with the reason) — each with the endpoint name. Slow
 * subscribers never hold up the server (each has its own bounded queue).
 */
final class BootstrapEventStream implements BootstrapSessionListener, AutoCloseable {
  static final String PATH = "/api/v1/events";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Set<EventSubscriber> subscribers = ConcurrentHashMap.newKeySet();

  void addTo(Javalin app) {
    EventSubscriber.requireEventStreamAccept(app, PATH);
    app.sse(PATH, client -> {
      client.keepAlive();
      EventSubscriber subscriber = new EventSubscriber(client);
      subscribers.add(subscriber);
      client.onClose(() -> {
        subscribers.remove(subscriber);
        subscriber.close();
      });
      subscriber.comment("connected");
    });
  }

  private void publish(String event, ObjectNode data) {
    String text = data.toString();
    for (EventSubscriber subscriber : subscribers) {
      subscriber.send(event, text);
    }
  }

  private static ObjectNode of(String endpoint) {
    return JSON.createObjectNode().put("endpoint", endpoint);
  }

  @Override
  public void started(String endpoint, InetSocketAddress address, BootstrapMode mode) {
    publish("started", of(endpoint).put("address", address.getHostString() + ":" + address.getPort()).put("mode", mode.label())
        .put("pushed", mode == BootstrapMode.PUSH));
  }

  @Override
  public void step(String endpoint, String operation) {
    publish("step", of(endpoint).put("operation", operation));
  }

  @Override
  public void finished(String endpoint) {
    publish("finished", of(endpoint));
  }

  @Override
  public void failed(String endpoint, String reason) {
    publish("failed", of(endpoint).put("reason", reason));
  }

  @Override
  public void close() {
    subscribers.forEach(EventSubscriber::close);
    subscribers.clear();
  }
}
