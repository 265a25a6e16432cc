package org.lwm2m4j.server.uplink;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.lwm2m4j.server.queue.Presence;
import org.lwm2m4j.server.queue.RequestQueue;
import org.lwm2m4j.server.registration.Registration;
import org.lwm2m4j.server.registration.RegistrationStore;
import org.lwm2m4j.transport.CoapHandler;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;

/**
 * Any message from a registered queue-mode client shows it awake (LwM2M 1.1 §6.5): marks it so in
 * {@link Presence} and sends what waited for it in the {@link RequestQueue} — for a request,
 * whatever it asks for, before it is routed; for a notification, which the transport hands to its
 * observation and not to the router, through {@link #heardFrom}; for an Update, through {@link
 * #awake}. On a cluster node, the other nodes are told through {@link #addListener} and hold
 * requests of their own for the client, which {@link #awakeOnAnotherNode} sends.
 */
public final class QueueModeWakeUp implements UplinkFilter {
  private final RegistrationStore registrations;
  private final Presence presence;
  private final RequestQueue queue;
  private final List<Consumer<Registration>> listeners = new CopyOnWriteArrayList<>();

  public QueueModeWakeUp(RegistrationStore registrations, Presence presence, RequestQueue queue) {
    this.registrations = registrations;
    this.presence = presence;
    this.queue = queue;
  }

  @Override
  public CompletableFuture<CoapResponse> filter(CoapRequest request, CoapHandler next) {
    heardFrom(request.peer());
    return next.handle(request);
  }

  /** A message came from {@code peer}: if a queue-mode client is registered there, it is awake. */
  public void heardFrom(InetSocketAddress peer) {
    registrations.byAddress(peer).filter(Registration::queueMode).ifPresent(this::awake);
  }

  /** This server heard the queue-mode client of {@code registration}: it is awake; its listeners are told. */
  public void awake(Registration registration) {
    presence.markAwake(registration);
    queue.drain(registration);
    listeners.forEach(listener -> listener.accept(registration));
  }

  /** Another cluster node heard the queue-mode client of {@code registration}: awake here too, without telling listeners. */
  public void awakeOnAnotherNode(Registration registration) {
    presence.markAwake(registration);
    queue.drain(registration);
  }

  /** Tells {@code listener} of every queue-mode client this server hears awake; called on the thread that heard it. */
  public void addListener(Consumer<Registration> listener) {
    listeners.add(listener);
  }
}
