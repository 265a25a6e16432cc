package org.lwm2m4j.transport.twin;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving side of one observation on a {@link TwinEndpoint}. It numbers the first response
 * and every notification (Observe option, 24 bits), keeps one confirmable notification in flight
 * at a time and coalesces what is notified meanwhile to the newest (RFC 7641 §4.5.2), and ends on
 * an error notification, on the observer's Reset, on a CON notification that is never
 * acknowledged, on a GET with Observe = 1, or when the endpoint closes.
 */
final class TwinRelation implements ObserveRelation {
  private static final Logger LOG = LoggerFactory.getLogger(TwinRelation.class);
  private static final int OBSERVE_MASK = 0xFF_FFFF;

  private final TwinEndpoint endpoint;
  private final InetSocketAddress peer;
  /** The address the observer sent its request to: notifications leave from there. */
  private final InetSocketAddress local;
  private final byte[] token;
  private final List<Runnable> cancelListeners = new ArrayList<>();
  private boolean active = true;
  private boolean established;
  private boolean inFlight;
  private int nextObserve;
  private Notification pending;

  private record Notification(CoapResponse response, boolean confirmable) {
  }

  TwinRelation(TwinEndpoint endpoint, InetSocketAddress peer, InetSocketAddress local, byte[] token) {
    this.endpoint = endpoint;
    this.peer = peer;
    this.local = local;
    this.token = token.clone();
  }

  @Override
  public InetSocketAddress peer() {
    return peer;
  }

  InetSocketAddress local() {
    return local;
  }

  @Override
  public byte[] token() {
    return token.clone();
  }

  @Override
  public void notify(CoapResponse notification, boolean confirmable) {
    Notification next;
    synchronized (this) {
      if (!active) {
        return;
      }
      pending = new Notification(notification, confirmable);
      next = takeSendable();
    }
    send(next);
  }

  /** The first response, numbered: from now on notifications go out. */
  synchronized CoapResponse establish(CoapResponse first) {
    established = true;
    return stamp(first);
  }

  /** Sends what was notified while the first response was being made or a CON notification was in flight. */
  void flush() {
    Notification next;
    synchronized (this) {
      next = takeSendable();
    }
    send(next);
  }

  /** The observer acknowledged the CON notification in flight. */
  void acknowledged() {
    synchronized (this) {
      inFlight = false;
    }
    flush();
  }

  private Notification takeSendable() {
    if (!active || !established || inFlight || pending == null) {
      return null;
    }
    Notification next = new Notification(stamp(pending.response()), pending.confirmable());
    pending = null;
    inFlight = next.confirmable();
    return next;
  }

  private CoapResponse stamp(CoapResponse response) {
    int number = nextObserve;
    nextObserve = (nextObserve + 1) & OBSERVE_MASK;
    return response.withObserve(number);
  }

  private void send(Notification next) {
    if (next == null) {
      return;
    }
    endpoint.sendNotification(this, next.response(), next.confirmable());
    if (!next.response().code().isSuccess()) {
      // RFC 7641 §4.2: a notification with an error code ends the observation on both sides
      endpoint.endRelation(this);
    }
  }

  @Override
  public void onCancel(Runnable listener) {
    boolean ended;
    synchronized (this) {
      cancelListeners.add(listener);
      ended = !active;
    }
    if (ended) {
      listener.run();
    }
  }

  @Override
  public synchronized boolean isActive() {
    return active;
  }

  @Override
  public void cancel() {
    endpoint.endRelation(this);
  }

  /** Marks the relation ended and runs the cancel listeners, once. */
  void ended() {
    List<Runnable> listeners;
    synchronized (this) {
      if (!active) {
        return;
      }
      active = false;
      pending = null;
      listeners = List.copyOf(cancelListeners);
    }
    for (Runnable listener : listeners) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        LOG.warn("observe cancel listener failed", e);
      }
    }
  }
}
