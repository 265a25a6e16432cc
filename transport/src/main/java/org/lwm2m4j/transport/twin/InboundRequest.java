package org.lwm2m4j.transport.twin;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.lwm2m4j.core.codec.PrintableText;
import org.lwm2m4j.core.error.LwM2mException;
import org.lwm2m4j.core.error.ResponseCode;
import org.lwm2m4j.transport.CoapMethod;
import org.lwm2m4j.transport.CoapRequest;
import org.lwm2m4j.transport.CoapResponse;
import org.lwm2m4j.transport.twin.TwinDatagram.Type;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request a {@link TwinEndpoint} serves: deduplicated by message ID, handed to the handler
 * (through {@code observe} with a new relation for a GET or FETCH with Observe = 0), and answered
 * with a piggybacked ACK. Failures map to responses as in the Californium endpoint: a {@link
 * LwM2mException} answers with its code and message, anything else with 5.00 and a log line.
 */
final class InboundRequest {
  private static final Logger LOG = LoggerFactory.getLogger(InboundRequest.class);

  private final TwinEndpoint endpoint;
  private final TwinDatagram datagram;
  private final MessageKey key;

  InboundRequest(TwinEndpoint endpoint, TwinDatagram datagram) {
    this.endpoint = endpoint;
    this.datagram = datagram;
    this.key = new MessageKey(datagram.from(), datagram.messageId());
  }

  void serve() {
    if (!endpoint.firstTime(key)) {
      return;
    }
    CoapRequest sent = datagram.request().orElseThrow();
    CoapRequest request = new CoapRequest(sent.method(), sent.path(), sent.query(), sent.contentFormat(), sent.accept(),
        sent.payload().clone(), datagram.from(), sent.observe(), datagram.token(), datagram.identity());
    if (request.observe().isPresent() && request.observe().getAsInt() == 1) {
      endpoint.cancelRelation(request.peer(), request.token());
    }
    TwinRelation relation = null;
    CompletableFuture<CoapResponse> response;
    try {
      if (request.isObserve() && (request.method() == CoapMethod.GET || request.method() == CoapMethod.FETCH)) {
        relation = endpoint.newRelation(request.peer(), datagram.to(), request.token());
        response = endpoint.handler().observe(request, relation);
      } else {
        response = endpoint.handler().handle(request);
      }
      if (response == null) {
        response = CompletableFuture.failedFuture(new IllegalStateException("the handler returned no future"));
      }
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    }
    TwinRelation created = relation;
    response.whenComplete((answer, failure) -> respond(request, created, answer, failure));
  }

  private void respond(CoapRequest request, TwinRelation relation, CoapResponse answer, Throwable failure) {
    CoapResponse response = responseFor(request, answer, failure);
    if (relation != null) {
      if (response.code().isSuccess() && relation.isActive()) {
        response = relation.establish(response);
      } else {
        endpoint.endRelation(relation);
      }
    }
    endpoint.answer(key, new TwinDatagram(Type.ACK, datagram.messageId(), datagram.token(), datagram.to(), datagram.from(),
        endpoint.identity(), Optional.empty(), Optional.of(response), 1));
    if (relation != null) {
      relation.flush();
    }
  }

  private static CoapResponse responseFor(CoapRequest request, CoapResponse answer, Throwable failure) {
    if (failure == null && answer != null) {
      // the transport numbers notifications: an Observe value the handler set is not sent
      return new CoapResponse(answer.code(), answer.contentFormat(), answer.locationPath(), answer.payload());
    }
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (cause instanceof LwM2mException lwm2m) {
      return CoapResponse.error(lwm2m);
    }
    // the path is the peer's text and this library's users bring their own log format: escape it here
    LOG.warn("{} {} from {} failed", request.method(), PrintableText.escape(request.pathText()), request.peer(), cause);
    return CoapResponse.of(ResponseCode.INTERNAL_SERVER_ERROR);
  }
}
