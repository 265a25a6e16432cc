package org.lwm2m4j.transport;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.lwm2m4j.core.error.ResponseCode;

/**
 * The one resource behind every path: Californium's deliverer walks the Uri-Path through {@link
 * #getChild}, which always answers this resource, so LwM2M paths reach our handler unchanged
 * and Californium's observe machinery (relations, sequence numbers, RST cancel) still applies.
 */
final class CatchAllResource extends CoapResource {
  private final CoapHandler handler;
  private final Map<org.eclipse.californium.core.observe.ObserveRelation, ServedRelation> relations = new ConcurrentHashMap<>();
  private volatile Consumer<InetSocketAddress> notificationTimeout = peer -> { };

  CatchAllResource(CoapHandler handler) {
    super("");
    this.handler = handler;
    setObservable(true);
    setVisible(false);
  }

  @Override
  public Resource getChild(String name) {
    return this;
  }

  @Override
  public void handleRequest(Exchange exchange) {
    org.eclipse.californium.core.observe.ObserveRelation cfRelation = exchange.getRelation();
    if (cfRelation != null && cfRelation.isEstablished()) {
      ServedRelation relation = relations.get(cfRelation);
      Response next = relation == null ? null : relation.takePending();
      if (next != null) {
        new CoapExchange(exchange, this).respond(next);
      }
      return;
    }
    Request request = exchange.getRequest();
    if (CaliforniumMessages.method(request.getCode()) == null) {
      exchange.sendResponse(new Response(CoAP.ResponseCode.METHOD_NOT_ALLOWED));
      return;
    }
    CoapRequest ours = CaliforniumMessages.fromCalifornium(request);
    CompletableFuture<CoapResponse> response;
    ServedRelation relation = null;
    try {
      if (cfRelation != null) {
        relation = new ServedRelation(this, cfRelation, ours.peer(), ours.token());
        relations.put(cfRelation, relation);
        response = handler.observe(ours, relation);
      } else {
        response = handler.handle(ours);
      }
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    ServedRelation created = relation;
    response.whenComplete((answer, failure) -> {
      Response outgoing = CaliforniumMessages.toCalifornium(answer, failure, ours);
      if (created != null && !outgoing.isSuccess()) {
        relations.remove(cfRelation);
        created.ended();
      }
      new CoapExchange(exchange, this).respond(outgoing);
    });
  }

  @Override
  public void removeObserveRelation(org.eclipse.californium.core.observe.ObserveRelation cfRelation) {
    super.removeObserveRelation(cfRelation);
    ServedRelation relation = relations.remove(cfRelation);
    if (relation != null) {
      relation.ended();
    }
  }

  /**
   * Who hears of a confirmable notification that went unacknowledged for an ACK timeout (before each
   * retransmission, and when it is given up), with the observer's address.
   */
  void onNotificationTimeout(Consumer<InetSocketAddress> listener) {
    this.notificationTimeout = listener;
  }

  void notificationTimedOut(InetSocketAddress peer) {
    notificationTimeout.accept(peer);
  }

  void close() {
    for (ServedRelation relation : relations.values()) {
      relation.ended();
    }
    relations.clear();
  }
}
