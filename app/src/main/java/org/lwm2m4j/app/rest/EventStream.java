package org.lwm2m4j.app.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.sse.SseClient;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.lwm2m4j.core.node.TimestampedNode;
import org.lwm2m4j.server.LwM2mServer;
import org.lwm2m4j.server.firmware.FirmwareImage;
import org.lwm2m4j.server.firmware.FirmwareImageListener;
import org.lwm2m4j.server.observation.Notification;
import org.lwm2m4j.server.observation.NotificationListener;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationListener;
import org.lwm2m4j.server.registration.UpdatedRegistration;
import org.lwm2m4j.server.send.SendListener;

/**
 * {@code GET /api/v1/events}: the server's events as Server-Sent Events. Event names and data
 * (one line of JSON each):
 *
 * <ul>
 *   <li>{@code registered}, {@code updated}, {@code deregistered}, {@code expired}: the registration
 *       as in {@code GET /api/v1/clients/{ep}} (the first two with {@code awake}; {@code registered}
 *       with {@code replacedRegistrationId} when the endpoint was registered already);
 *   <li>{@code notification}: {@code {"endpoint":…,"registrationId":…,"token":…,"path":…,"paths":[…],
 *       "composite":…,"format":…,"createdAt":…,"content":[SenML JSON],"contentFormat":{…}}}, where
 *       {@code contentFormat} is the format this notification travelled in;
 *   <li>{@code sent}: {@code {"endpoint":…,"registrationId":…,"values":[SenML JSON, with times]}};
 *   <li>{@code request}: a queued request as in {@code GET /api/v1/requests/{id}}, when it ended;
 *   <li>{@code wakeup}: the server sent an SMS to wake a sleeping queue-mode client, {@code
 *       {"endpoint":…,"registrationId":…,"msisdn":"336…","path":"/1/0/8","attempt":1,"sentAt":…}};
 *   <li>{@code firmware}: a firmware update job as in {@code GET /api/v1/clients/{ep}/firmware}, at every change
 *       (download progress at most every 5 % or second);
 *   <li>{@code firmware-image}: an image as in {@code GET /api/v1/firmware/{id}} with {@code "change":"added"} or
 *       {@code "removed"}, whoever uploaded or deleted it.
 * </ul>
 *
 * A new subscriber first gets the comment {@code : connected}; idle streams get a comment every
 * 15 s. Listens on the server's event threads and only queues to subscribers, never writing there.
 *
 * <p>In a cluster (an {@link EventRelay} with a node id), the stream of every node carries the events of all
 * nodes: each event's data gets a {@code "node"} field naming the node it happened on (this node's id for its
 * own), every event is published to the other nodes whether or not anyone here listens, and the other nodes'
 * events are passed to this node's subscribers as they came. A single server's events have no {@code "node"}.
 */
final class EventStream implements RegistrationListener, NotificationListener, SendListener, AutoCloseable {
  static final String PATH = "/api/v1/events";
  private static final long HEARTBEAT_SECONDS = 15;

  private final LwM2mServer server;
  private final EventRelay relay;
  private final org.lwm2m4j.server.firmware.FirmwareJobListener firmwareListener =
      job -> publish("firmware", () -> FirmwareJson.job(job));
  private final FirmwareImageListener imageListener = new FirmwareImageListener() {
    @Override
    public void added(FirmwareImage image) {
      publish("firmware-image", () -> FirmwareJson.image(image).put("change", "added"));
    }

    @Override
    public void removed(FirmwareImage image) {
      publish("firmware-image", () -> FirmwareJson.image(image).put("change", "removed"));
    }
  };
  private final Set<EventSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat;
  private volatile boolean closed;

  EventStream(LwM2mServer server, EventRelay relay) {
    this.server = server;
    this.relay = relay;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "lwm2m-rest-events-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
    heartbeat.scheduleWithFixedDelay(() -> subscribers.forEach(s -> s.comment("keep-alive")),
        HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    server.registrations().addListener(this);
    server.observations().addListener(this);
    // The server offers no way to remove a Send listener; after close() it is a no-op.
    server.addSendListener(this);
    server.firmware().addListener(firmwareListener);
    server.firmware().addImageListener(imageListener);
    // like Send listeners, wake-up listeners stay: after close() this one is a no-op
    server.addWakeUpListener(sms -> publish("wakeup", () -> JsonBody.object().put("endpoint", sms.endpoint())
        .put("registrationId", sms.registrationId()).put("msisdn", sms.msisdn()).put("path", sms.path())
        .put("attempt", sms.attempt()).put("sentAt", sms.sentAt().toString())));
    server.queue().addListener(request -> publish("request", () -> QueuedRequestJson.of(request, server.registrations().store()
        .byId(request.registrationId()).map(registration -> server.devices().modelsOf(registration)).orElse(server.models()))));
    relay.onRemote(remote -> deliver(remote.event(), remote.data()));
  }

  void addTo(Javalin app) {
    EventSubscriber.requireEventStreamAccept(app, PATH);
    app.sse(PATH, this::subscribe);
  }

  private void subscribe(SseClient client) {
    client.keepAlive();
    if (closed) {
      client.close();
      return;
    }
    EventSubscriber subscriber = new EventSubscriber(client);
    subscribers.add(subscriber);
    client.onClose(() -> {
      subscribers.remove(subscriber);
      subscriber.close();
    });
    subscriber.comment("connected");
  }

  @Override
  public void registered(Registration registration, Optional<Registration> replaced) {
    // lets a client that shows only a page of registrations keep the total right
    publish("registered", () -> {
      ObjectNode json = withPresence(registration);
      replaced.ifPresent(old -> json.put("replacedRegistrationId", old.id()));
      return json;
    });
  }

  @Override
  public void updated(UpdatedRegistration update) {
    publish("updated", () -> withPresence(update.current()));
  }

  @Override
  public void deregistered(Registration registration) {
    publish("deregistered", () -> RegistrationJson.of(registration));
  }

  @Override
  public void expired(Registration registration) {
    publish("expired", () -> RegistrationJson.of(registration));
  }

  @Override
  public void notified(Notification notification) {
    publish("notification", () -> {
      Registration registration = notification.registration();
      ObjectNode json = client(registration);
      json.setAll(ObservationJson.withContent(notification.observation(), notification.content(),
          server.devices().modelsOf(registration)));
      return WireFormat.addTo(json, notification.contentFormat());
    });
  }

  @Override
  public void sent(Registration registration, List<TimestampedNode> values) {
    publish("sent", () -> {
      ObjectNode json = client(registration);
      json.set("values", JsonBody.tree(SenmlJson.encode(values, server.devices().modelsOf(registration))));
      return json;
    });
  }

  /** The registration with {@code awake}, as {@code GET /api/v1/clients/{ep}} shows it. */
  private ObjectNode withPresence(Registration registration) {
    return RegistrationJson.of(registration).put("awake", server.presence().isAwake(registration));
  }

  private static ObjectNode client(Registration registration) {
    return JsonBody.object().put("endpoint", registration.endpoint()).put("registrationId", registration.id());
  }

  /** Builds the data only when someone listens: here, or on another node of the cluster. */
  private void publish(String event, Supplier<ObjectNode> data) {
    Optional<String> node = relay.node();
    if (closed || (subscribers.isEmpty() && node.isEmpty())) {
      return;
    }
    ObjectNode json = data.get();
    node.ifPresent(id -> json.put("node", id));
    String text = JsonBody.text(json);
    node.ifPresent(id -> relay.publish(event, text));
    deliver(event, text);
  }

  private void deliver(String event, String text) {
    if (closed) {
      return;
    }
    for (EventSubscriber subscriber : subscribers) {
      subscriber.send(event, text);
    }
  }

  /** Disconnects every subscriber and stops listening. */
  @Override
  public void close() {
    closed = true;
    server.registrations().removeListener(this);
    server.observations().removeListener(this);
    server.firmware().removeListener(firmwareListener);
    server.firmware().removeImageListener(imageListener);
    heartbeat.shutdownNow();
    for (EventSubscriber subscriber : subscribers) {
      subscriber.close();
    }
    subscribers.clear();
  }
}
