package org.lwm2m4j.transport;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Our view of one Californium observe relation: the serving side of an observation made to this endpoint. */
final class ServedRelation implements ObserveRelation {
  private static final Logger LOG = LoggerFactory.getLogger(ServedRelation.class);

  private final CatchAllResource resource;
  private final org.eclipse.californium.core.observe.ObserveRelation cfRelation;
  private final InetSocketAddress peer;
  private final byte[] token;
  private final AtomicReference<Response> pending = new AtomicReference<>();
  private final List<Runnable> cancelListeners = new CopyOnWriteArrayList<>();
  private final AtomicBoolean active = new AtomicBoolean(true);

  ServedRelation(CatchAllResource resource, org.eclipse.californium.core.observe.ObserveRelation cfRelation, InetSocketAddress peer, byte[] token) {
    this.resource = resource;
    this.cfRelation = cfRelation;
    this.peer = peer;
    this.token = token.clone();
  }

  @Override
  public InetSocketAddress peer() {
    return peer;
  }

  @Override
  public byte[] token() {
    return token.clone();
  }

  @Override
  public void notify(CoapResponse notification, boolean confirmable) {
    if (!active.get()) {
      return;
    }
    Response response = CaliforniumMessages.toCalifornium(notification, null, null);
    response.setType(confirmable ? CoAP.Type.CON : CoAP.Type.NON);
    if (confirmable) {
      response.addMessageObserver(new MessageObserverAdapter() {
        @Override
        public void onRetransmission() {
          // before the retransmission is handed down, so that it can go out behind a new handshake
          resource.notificationTimedOut(peer);
        }

        @Override
        public void onTimeout() {
          resource.notificationTimedOut(peer);
        }
      });
    }
    pending.set(response);
    resource.changed(candidate -> candidate == cfRelation);
  }

  Response takePending() {
    return pending.getAndSet(null);
  }

  @Override
  public void onCancel(Runnable listener) {
    cancelListeners.add(listener);
    if (!active.get()) {
      listener.run();
    }
  }

  @Override
  public boolean isActive() {
    return active.get();
  }

  @Override
  public void cancel() {
    cfRelation.cancel();
    ended();
  }

  void ended() {
    if (active.compareAndSet(true, false)) {
      for (Runnable listener : cancelListeners) {
        try {
          listener.run();
        } catch (RuntimeException e) {
          LOG.warn("observe cancel listener failed", e);
        }
      }
    }
  }
}
