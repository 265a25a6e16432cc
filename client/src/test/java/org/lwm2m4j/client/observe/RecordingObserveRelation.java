package org.lwm2m4j.client.observe;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.ObserveRelation;

/** An observe relation that keeps each notification instead of sending it, for tests. */
public final class RecordingObserveRelation implements ObserveRelation {
  /** One notify() call. */
  public record Notification(CoapResponse response, boolean confirmable) {}

  private final InetSocketAddress peer;
  private final BlockingQueue<Notification> notifications = new LinkedBlockingQueue<>();
  private final List<Runnable> cancelListeners = new CopyOnWriteArrayList<>();
  private volatile boolean active = true;

  public RecordingObserveRelation(InetSocketAddress peer) {
    this.peer = peer;
  }

  public RecordingObserveRelation() {
    this(new InetSocketAddress("192.0.2.1", 5683));
  }

  @Override
  public InetSocketAddress peer() {
    return peer;
  }

  @Override
  public byte[] token() {
    return new byte[] {1, 2, 3, 4};
  }

  @Override
  public void notify(CoapResponse notification, boolean confirmable) {
    if (active) {
      notifications.add(new Notification(notification, confirmable));
    }
  }

  @Override
  public void onCancel(Runnable listener) {
    cancelListeners.add(listener);
  }

  @Override
  public boolean isActive() {
    return active;
  }

  @Override
  public void cancel() {
    if (active) {
      active = false;
      cancelListeners.forEach(Runnable::run);
    }
  }

  /** The next notification, waiting at most {@code seconds}; null if none came. */
  public Notification next(long seconds) throws InterruptedException {
    return notifications.poll(seconds, TimeUnit.SECONDS);
  }

  /** The next notification already sent, without waiting; null if none. */
  public Notification nextNow() {
    return notifications.poll();
  }

  /** How many notifications are waiting to be taken. */
  public int pending() {
    return notifications.size();
  }
}
